import type Database from 'better-sqlite3';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Versioned, append-only migrations. Each runs in its own transaction and is
 * recorded in schema_migrations, so a restart (or a crash mid-way) re-runs nothing twice.
 * Documents live in columns (not JSON blobs) with (tenant_id, seq) indexes for pulls.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE tenants (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        currency TEXT NOT NULL,
        seq INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE stores (
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        timezone TEXT NOT NULL,
        allow_negative_stock INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        seq INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX stores_by_seq ON stores (tenant_id, seq);
      CREATE TABLE products (
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        id TEXT NOT NULL,
        sku TEXT NOT NULL,
        name TEXT NOT NULL,
        barcodes TEXT NOT NULL,
        unit TEXT NOT NULL,
        price_cents INTEGER NOT NULL,
        cost_cents INTEGER NOT NULL,
        category TEXT,
        active INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        seq INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX products_by_seq ON products (tenant_id, seq);
      CREATE TABLE stock (
        tenant_id TEXT NOT NULL,
        id TEXT NOT NULL,
        store_id TEXT NOT NULL,
        product_id TEXT NOT NULL,
        on_hand INTEGER NOT NULL,
        applied_seq INTEGER NOT NULL,
        reorder_point INTEGER,
        critical_point INTEGER,
        updated_at INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        seq INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, store_id, product_id),
        FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, id),
        FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, id)
      );
      CREATE INDEX stock_by_seq ON stock (tenant_id, seq);
      CREATE TABLE movements (
        tenant_id TEXT NOT NULL,
        id TEXT NOT NULL,
        store_id TEXT NOT NULL,
        product_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        delta INTEGER NOT NULL,
        reason TEXT,
        ticket_id TEXT,
        counted_qty INTEGER,
        expected_qty INTEGER,
        device_id TEXT NOT NULL,
        actor TEXT,
        client_time INTEGER NOT NULL,
        status TEXT NOT NULL,
        ledger_seq INTEGER,
        server_time INTEGER,
        balance_after INTEGER,
        rejection TEXT,
        seq INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, id),
        FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, id)
      );
      CREATE INDEX movements_by_seq ON movements (tenant_id, seq);
      CREATE INDEX movements_by_item ON movements (tenant_id, store_id, product_id, seq);
      CREATE TABLE transfers (
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        id TEXT NOT NULL,
        from_store_id TEXT NOT NULL,
        to_store_id TEXT NOT NULL,
        lines TEXT NOT NULL,
        state TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        seq INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX transfers_by_seq ON transfers (tenant_id, seq);
      CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        store_ids TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER,
        revoked_at INTEGER
      );
      CREATE INDEX devices_by_tenant ON devices (tenant_id);
      CREATE TABLE pairing_codes (
        code_hash TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        role TEXT NOT NULL,
        store_ids TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER,
        used_by_device_id TEXT
      );
    `,
  },
  {
    version: 2,
    name: 'device sync health',
    // What each device last reported about its unsynced movements (DESIGN §5: owners
    // see sync health per device). NULL until the device first reports.
    sql: `
      ALTER TABLE devices ADD COLUMN pending_count INTEGER;
      ALTER TABLE devices ADD COLUMN oldest_pending_at INTEGER;
      ALTER TABLE devices ADD COLUMN health_reported_at INTEGER;
    `,
  },
  {
    version: 3,
    name: 'epoch, ticket lines, unique product codes',
    // meta.epoch: a random id of this database, renewed by a restore (DESIGN §3); openDatabase
    //   fills it in. movements_by_ticket: a void is checked against its ticket's sale lines
    //   (DESIGN §4). product_codes: the SKUs and barcodes of active products, unique per tenant
    //   (DESIGN §2); existing duplicates keep their first holder.
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE INDEX movements_by_ticket ON movements (tenant_id, ticket_id, store_id, product_id)
        WHERE ticket_id IS NOT NULL AND kind IN ('sale', 'void');
      CREATE TABLE product_codes (
        tenant_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        code TEXT NOT NULL,
        product_id TEXT NOT NULL,
        PRIMARY KEY (tenant_id, kind, code)
      );
      CREATE INDEX product_codes_by_product ON product_codes (tenant_id, product_id);
      INSERT OR IGNORE INTO product_codes (tenant_id, kind, code, product_id)
        SELECT tenant_id, 'sku', sku, id FROM products WHERE active = 1 AND deleted = 0 ORDER BY seq;
      INSERT OR IGNORE INTO product_codes (tenant_id, kind, code, product_id)
        SELECT p.tenant_id, 'barcode', b.value, p.id FROM products p, json_each(p.barcodes) b
        WHERE p.active = 1 AND p.deleted = 0 ORDER BY p.seq;
    `,
  },
  {
    version: 4,
    name: 'protocol 2: movement prices, costs and references, product suppliers, settings, till users, suppliers, purchase orders, transfers, exception resolutions',
    // The documents new in protocol 2 are kept whole (JSON) with the columns their pulls filter
    // on. The first transfers table (migration 1) was never written; it is replaced.
    // Settings start from the tenant's name and currency and its first store's time zone.
    sql: `
      ALTER TABLE movements ADD COLUMN transfer_id TEXT;
      ALTER TABLE movements ADD COLUMN purchase_order_id TEXT;
      ALTER TABLE movements ADD COLUMN unit_price_cents INTEGER;
      ALTER TABLE movements ADD COLUMN unit_cost_cents INTEGER;
      CREATE INDEX movements_by_transfer ON movements (tenant_id, transfer_id) WHERE transfer_id IS NOT NULL;
      CREATE INDEX movements_by_purchase_order ON movements (tenant_id, purchase_order_id) WHERE purchase_order_id IS NOT NULL;
      ALTER TABLE products ADD COLUMN supplier_id TEXT;
      ALTER TABLE products ADD COLUMN supplier_sku TEXT;
      ALTER TABLE products ADD COLUMN pack_size INTEGER NOT NULL DEFAULT 1;
      CREATE TABLE settings (
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        id TEXT NOT NULL,
        doc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        seq INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX settings_by_seq ON settings (tenant_id, seq);
      INSERT INTO settings (tenant_id, id, doc, seq)
        SELECT t.id, 'tenant', json_object('id', 'tenant', 'businessName', t.name, 'currency', t.currency,
            'timezone', COALESCE((SELECT s.timezone FROM stores s WHERE s.tenant_id = t.id ORDER BY s.seq LIMIT 1), 'UTC'),
            'updatedAt', t.created_at), t.seq + 1
        FROM tenants t;
      UPDATE tenants SET seq = seq + 1;
      CREATE TABLE till_users (
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        id TEXT NOT NULL,
        doc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        seq INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX till_users_by_seq ON till_users (tenant_id, seq);
      CREATE TABLE suppliers (
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        id TEXT NOT NULL,
        doc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        seq INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX suppliers_by_seq ON suppliers (tenant_id, seq);
      CREATE TABLE purchase_orders (
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        id TEXT NOT NULL,
        store_id TEXT NOT NULL,
        doc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        seq INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX purchase_orders_by_seq ON purchase_orders (tenant_id, seq);
      CREATE TABLE resolutions (
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        id TEXT NOT NULL,
        store_id TEXT NOT NULL,
        doc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        seq INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX resolutions_by_seq ON resolutions (tenant_id, seq);
      DROP TABLE transfers;
      CREATE TABLE transfers (
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        id TEXT NOT NULL,
        from_store_id TEXT NOT NULL,
        to_store_id TEXT NOT NULL,
        doc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        seq INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX transfers_by_seq ON transfers (tenant_id, seq);
    `,
  },
];

/** `migrations` is for tests that build an older schema (e.g. only version 1). */
export function runMigrations(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  for (const migration of migrations) {
    // IMMEDIATE: two processes starting at once cannot both apply the same migration.
    db.transaction(() => {
      const done = db
        .prepare('SELECT 1 FROM schema_migrations WHERE version = ?')
        .get(migration.version);
      if (done) return;
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        Date.now(),
      );
    }).immediate();
  }
}
