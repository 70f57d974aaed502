import { randomBytes } from 'node:crypto';
import type pg from 'pg';

/**
 * PostgreSQL schema, versioned and append-only like the SQLite one (db/migrations.ts), with the
 * same tables, columns and keys, so both backends store the same documents and seqs. Types:
 * BIGINT for every number (seqs, times, levels; read back as JS numbers, all far below 2^53),
 * SMALLINT 0/1 for flags and TEXT for the JSON kept whole (barcodes, store lists, rejections,
 * protocol-2 documents), so one set of row mappers serves both.
 */
interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

const jsonTable = (table: string, storeColumns: readonly string[] = []) => `
  CREATE TABLE ${table} (
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    id TEXT NOT NULL,
    ${storeColumns.map((c) => `${c} TEXT NOT NULL,`).join('\n    ')}
    doc TEXT NOT NULL,
    deleted SMALLINT NOT NULL DEFAULT 0,
    seq BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
  );
  CREATE INDEX ${table}_by_seq ON ${table} (tenant_id, seq);`;

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'schema of SQLite migrations 1-4',
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE tenants (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        currency TEXT NOT NULL,
        seq BIGINT NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL
      );
      CREATE TABLE stores (
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        timezone TEXT NOT NULL,
        allow_negative_stock SMALLINT NOT NULL,
        deleted SMALLINT NOT NULL DEFAULT 0,
        seq BIGINT NOT NULL,
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
        price_cents BIGINT NOT NULL,
        cost_cents BIGINT NOT NULL,
        category TEXT,
        active SMALLINT NOT NULL,
        supplier_id TEXT,
        supplier_sku TEXT,
        pack_size BIGINT NOT NULL DEFAULT 1,
        updated_at BIGINT NOT NULL,
        deleted SMALLINT NOT NULL DEFAULT 0,
        seq BIGINT NOT NULL,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX products_by_seq ON products (tenant_id, seq);
      CREATE TABLE stock (
        tenant_id TEXT NOT NULL,
        id TEXT NOT NULL,
        store_id TEXT NOT NULL,
        product_id TEXT NOT NULL,
        on_hand BIGINT NOT NULL,
        applied_seq BIGINT NOT NULL,
        reorder_point BIGINT,
        critical_point BIGINT,
        updated_at BIGINT NOT NULL,
        deleted SMALLINT NOT NULL DEFAULT 0,
        seq BIGINT NOT NULL,
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
        delta BIGINT NOT NULL,
        reason TEXT,
        ticket_id TEXT,
        transfer_id TEXT,
        purchase_order_id TEXT,
        unit_price_cents BIGINT,
        unit_cost_cents BIGINT,
        counted_qty BIGINT,
        expected_qty BIGINT,
        device_id TEXT NOT NULL,
        actor TEXT,
        client_time BIGINT NOT NULL,
        status TEXT NOT NULL,
        ledger_seq BIGINT,
        server_time BIGINT,
        balance_after BIGINT,
        rejection TEXT,
        seq BIGINT NOT NULL,
        -- The idempotency key: a movement id is stored once per tenant, whichever instance got it.
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, id),
        FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, id)
      );
      CREATE INDEX movements_by_seq ON movements (tenant_id, seq);
      CREATE INDEX movements_by_item ON movements (tenant_id, store_id, product_id, seq);
      CREATE INDEX movements_by_ticket ON movements (tenant_id, ticket_id, store_id, product_id)
        WHERE ticket_id IS NOT NULL AND kind IN ('sale', 'void');
      CREATE INDEX movements_by_transfer ON movements (tenant_id, transfer_id) WHERE transfer_id IS NOT NULL;
      CREATE INDEX movements_by_purchase_order ON movements (tenant_id, purchase_order_id) WHERE purchase_order_id IS NOT NULL;
      CREATE TABLE product_codes (
        tenant_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        code TEXT NOT NULL,
        product_id TEXT NOT NULL,
        PRIMARY KEY (tenant_id, kind, code)
      );
      CREATE INDEX product_codes_by_product ON product_codes (tenant_id, product_id);
      CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        store_ids TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at BIGINT NOT NULL,
        last_seen_at BIGINT,
        revoked_at BIGINT,
        pending_count BIGINT,
        oldest_pending_at BIGINT,
        health_reported_at BIGINT
      );
      CREATE INDEX devices_by_tenant ON devices (tenant_id);
      CREATE TABLE pairing_codes (
        code_hash TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        role TEXT NOT NULL,
        store_ids TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        used_at BIGINT,
        used_by_device_id TEXT
      );
      ${jsonTable('settings')}
      ${jsonTable('till_users')}
      ${jsonTable('suppliers')}
      ${jsonTable('purchase_orders', ['store_id'])}
      ${jsonTable('transfers', ['from_store_id', 'to_store_id'])}
      ${jsonTable('resolutions', ['store_id'])}
    `,
  },
];

/** Any fixed number: the advisory lock that serializes migrations (and first starts) across instances. */
export const SCHEMA_LOCK = 0x5707_c0;

/**
 * Applies the migrations not applied yet, all in one transaction (all or nothing) under an
 * advisory lock: several instances starting together migrate once. Creates the epoch on first run. Returns
 * the versions it applied.
 */
export async function runPgMigrations(client: pg.ClientBase, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await client.query('SAVEPOINT m');
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
      await client.query('RELEASE m');
      applied.push(m.version);
    }
    await client.query("INSERT INTO meta (key, value) VALUES ('epoch', $1) ON CONFLICT (key) DO NOTHING", [randomBytes(9).toString('base64url')]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return applied;
}
