import pg from 'pg';
import type {
  AnyDoc,
  CollectionName,
  DigestRow,
  MovementDoc,
  ProductDoc,
  ReportHealthInput,
  SettingsDoc,
  StockDoc,
  StoreDoc,
  TicketLine,
  TransferDoc,
} from '../../shared/index.js';
import { SETTINGS_ID } from '../../shared/index.js';
import { TRANSFER_MOVEMENTS_LIMIT, type ReportMovement } from './storage.js';
import { runPgMigrations, SCHEMA_LOCK } from '../db/pg-migrations.js';
import {
  DEVICE_COLUMNS,
  MOVEMENT_COLUMNS,
  REPORT_MOVEMENT_COLUMNS,
  PRODUCT_COLUMNS,
  STOCK_COLUMNS,
  STORE_COLUMNS,
  toDeviceRecord,
  toMovementDoc,
  toProductDoc,
  toStockDoc,
  toStoreDoc,
  type DeviceRow,
  type MovementRow,
  type ProductRow,
  type StockRow,
  type StoreRow,
} from './row-mappers.js';
import type {
  DeviceRecord,
  JsonCollection,
  PairingCodeRecord,
  PullScope,
  Storage,
  TenantRecord,
  WriteTx,
} from './storage.js';

const bool = (b: boolean): number => (b ? 1 : 0);

/** The NOTIFY channel of committed writes: payload `{"t": tenantId, "s": seq}` (~60 bytes, far below 8 000). */
export const CHANGES_CHANNEL = 'stockroom_changes';

/** Every collection a stream can carry, in the order a push writes them (movements before stock). */
const FEED_COLLECTIONS: readonly CollectionName[] = [
  'stores', 'products', 'movements', 'stock', 'settings', 'tillUsers', 'suppliers', 'purchaseOrders', 'transfers', 'resolutions',
];

/** BIGINT (int8) and NUMERIC sums as JS numbers: every value stored is far below 2^53. */
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 || oid === 1700 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as never)) as pg.CustomTypesConfig['getTypeParser'],
};

/** PostgreSQL folds unquoted aliases to lower case; the row mappers want the camelCase field names. */
const quoted = (columns: string) => columns.replace(/ AS (\w+)/g, ' AS "$1"');
const STORE = quoted(STORE_COLUMNS);
const PRODUCT = quoted(PRODUCT_COLUMNS);
const STOCK = quoted(STOCK_COLUMNS);
const MOVEMENT = quoted(MOVEMENT_COLUMNS);
const REPORT_MOVEMENT = quoted(REPORT_MOVEMENT_COLUMNS);
const DEVICE = quoted(DEVICE_COLUMNS);

const JSON_TABLES: { [C in JsonCollection]: { table: string; storeColumns: readonly string[]; columnsOf(doc: never): string[] } } = {
  settings: { table: 'settings', storeColumns: [], columnsOf: () => [] },
  tillUsers: { table: 'till_users', storeColumns: [], columnsOf: () => [] },
  suppliers: { table: 'suppliers', storeColumns: [], columnsOf: () => [] },
  purchaseOrders: { table: 'purchase_orders', storeColumns: ['store_id'], columnsOf: (d: { storeId: string }) => [d.storeId] },
  transfers: { table: 'transfers', storeColumns: ['from_store_id', 'to_store_id'], columnsOf: (d: { fromStoreId: string; toStoreId: string }) => [d.fromStoreId, d.toStoreId] },
  resolutions: { table: 'resolutions', storeColumns: ['store_id'], columnsOf: (d: { storeId: string }) => [d.storeId] },
};
const isJsonCollection = (c: CollectionName): c is JsonCollection => Object.hasOwn(JSON_TABLES, c);

interface JsonRow {
  doc: string;
  deleted: number;
  seq: number;
}
const fromJsonRow = (r: JsonRow): AnyDoc => ({ ...(JSON.parse(r.doc) as object), seq: r.seq, _deleted: r.deleted === 1 }) as AnyDoc;

const MAPPERS: { [C in CollectionName]: (row: never) => AnyDoc } = {
  stores: (r: StoreRow) => toStoreDoc(r),
  products: (r: ProductRow) => toProductDoc(r),
  stock: (r: StockRow) => toStockDoc(r),
  movements: (r: MovementRow) => toMovementDoc(r),
  settings: fromJsonRow,
  tillUsers: fromJsonRow,
  suppliers: fromJsonRow,
  purchaseOrders: fromJsonRow,
  transfers: fromJsonRow,
  resolutions: fromJsonRow,
};

/** $1 tenant, $2 after, $3 limit, then $4 stores (text[]) when scoped, then since (movements). */
function pullSql(collection: CollectionName, scoped: boolean): string {
  const inStores = (column: string) => (scoped ? ` AND ${column} = ANY($4::text[])` : '');
  const since = scoped ? '$5' : '$4';
  if (isJsonCollection(collection)) {
    const { table, storeColumns } = JSON_TABLES[collection];
    const scope = scoped && storeColumns.length > 0 ? ` AND (${storeColumns.map((c) => `${c} = ANY($4::text[])`).join(' OR ')})` : '';
    return `SELECT doc, deleted, seq FROM ${table} WHERE tenant_id = $1 AND seq > $2${scope} ORDER BY seq LIMIT $3`;
  }
  switch (collection) {
    case 'stores':
      return `SELECT ${STORE} FROM stores WHERE tenant_id = $1 AND seq > $2${inStores('id')} ORDER BY seq LIMIT $3`;
    case 'products':
      return `SELECT ${PRODUCT} FROM products WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`;
    case 'stock':
      return `SELECT ${STOCK} FROM stock WHERE tenant_id = $1 AND seq > $2${inStores('store_id')} ORDER BY seq LIMIT $3`;
    case 'movements':
      return `SELECT ${MOVEMENT} FROM movements WHERE tenant_id = $1 AND seq > $2 AND server_time >= ${since}${inStores('store_id')} ORDER BY seq LIMIT $3`;
  }
}

/** The change feed's read of one collection: $1 tenant, $2 after, $3 limit, $4 up to (no scope, no history window). */
function feedSql(collection: CollectionName): string {
  const select: Record<Exclude<CollectionName, JsonCollection>, string> = {
    stores: `SELECT ${STORE} FROM stores`,
    products: `SELECT ${PRODUCT} FROM products`,
    stock: `SELECT ${STOCK} FROM stock`,
    movements: `SELECT ${MOVEMENT} FROM movements`,
  };
  const from = isJsonCollection(collection) ? `SELECT doc, deleted, seq FROM ${JSON_TABLES[collection].table}` : select[collection];
  return `${from} WHERE tenant_id = $1 AND seq > $2 AND seq <= $4 ORDER BY seq LIMIT $3`;
}

const SQL = {
  lockTenant: 'SELECT seq FROM tenants WHERE id = $1 FOR UPDATE',
  setSeq: 'UPDATE tenants SET seq = $2 WHERE id = $1',
  // The new seq and its wake-up in one round trip; PostgreSQL delivers the NOTIFY at COMMIT, so
  // every committed write of a tenant announces itself, and a rolled-back one never does.
  setSeqAndNotify: `WITH bumped AS (UPDATE tenants SET seq = $2 WHERE id = $1 RETURNING seq)
    SELECT pg_notify('${CHANGES_CHANNEL}', json_build_object('t', $1::text, 'f', $3::bigint, 's', (SELECT seq FROM bumped), 'c', $4::text)::text)`,
  getStores: `SELECT ${STORE} FROM stores WHERE tenant_id = $1 AND id = ANY($2::text[])`,
  putStore: `INSERT INTO stores (tenant_id, id, name, timezone, allow_negative_stock, deleted, seq) VALUES ($1, $2, $3, $4, $5, $6, $7)
    ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name, timezone = excluded.timezone,
      allow_negative_stock = excluded.allow_negative_stock, deleted = excluded.deleted, seq = excluded.seq`,
  getProduct: `SELECT ${PRODUCT} FROM products WHERE tenant_id = $1 AND id = $2`,
  existingProducts: 'SELECT id FROM products WHERE tenant_id = $1 AND id = ANY($2::text[])',
  putProduct: `INSERT INTO products (tenant_id, id, sku, name, barcodes, unit, price_cents, cost_cents, category, active,
      supplier_id, supplier_sku, pack_size, updated_at, deleted, seq)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
    ON CONFLICT (tenant_id, id) DO UPDATE SET sku = excluded.sku, name = excluded.name, barcodes = excluded.barcodes,
      unit = excluded.unit, price_cents = excluded.price_cents, cost_cents = excluded.cost_cents, category = excluded.category,
      active = excluded.active, supplier_id = excluded.supplier_id, supplier_sku = excluded.supplier_sku,
      pack_size = excluded.pack_size, updated_at = excluded.updated_at, deleted = excluded.deleted, seq = excluded.seq`,
  getStocks: `SELECT ${STOCK} FROM stock WHERE tenant_id = $1 AND id = ANY($2::text[])`,
  putStock: `INSERT INTO stock (tenant_id, id, store_id, product_id, on_hand, applied_seq, reorder_point, critical_point, updated_at, deleted, seq)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
    ON CONFLICT (tenant_id, id) DO UPDATE SET on_hand = excluded.on_hand, applied_seq = excluded.applied_seq,
      reorder_point = excluded.reorder_point, critical_point = excluded.critical_point, updated_at = excluded.updated_at,
      deleted = excluded.deleted, seq = excluded.seq`,
  setStockLevels: `UPDATE stock s SET on_hand = u.on_hand, applied_seq = u.applied_seq, updated_at = u.updated_at, seq = u.seq
    FROM unnest($2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[]) AS u(id, on_hand, applied_seq, updated_at, seq)
    WHERE s.tenant_id = $1 AND s.id = u.id`,
  getMovements: `SELECT ${MOVEMENT} FROM movements WHERE tenant_id = $1 AND id = ANY($2::text[])`,
  // One statement of fixed text for any number of rows (prepared once per connection).
  insertMovements: `INSERT INTO movements (tenant_id, id, store_id, product_id, kind, delta, reason, ticket_id, transfer_id,
      purchase_order_id, unit_price_cents, unit_cost_cents, counted_qty, expected_qty, device_id, actor, client_time, status,
      ledger_seq, server_time, balance_after, rejection, seq)
    SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[],
      $10::text[], $11::bigint[], $12::bigint[], $13::bigint[], $14::bigint[], $15::text[], $16::text[], $17::bigint[], $18::text[],
      $19::bigint[], $20::bigint[], $21::bigint[], $22::text[], $23::bigint[])`,
  ticketLine: `SELECT COALESCE(SUM(CASE WHEN kind = 'sale' THEN -delta ELSE 0 END), 0) AS sold,
      COALESCE(SUM(CASE WHEN kind = 'void' THEN delta ELSE 0 END), 0) AS voided
    FROM movements WHERE tenant_id = $1 AND ticket_id = $2 AND store_id = $3 AND product_id = $4
      AND ticket_id IS NOT NULL AND kind IN ('sale', 'void') AND status = 'accepted'`,
  codeHolder: 'SELECT product_id FROM product_codes WHERE tenant_id = $1 AND kind = $2 AND code = $3',
  clearCodes: 'DELETE FROM product_codes WHERE tenant_id = $1 AND product_id = $2',
  // Upsert: the caller checked that no other active product holds the code.
  addCodes: `INSERT INTO product_codes (tenant_id, kind, code, product_id) SELECT $1, k, c, $4 FROM unnest($2::text[], $3::text[]) AS u(k, c)
    ON CONFLICT (tenant_id, kind, code) DO UPDATE SET product_id = excluded.product_id`,
  tenantCols: 'SELECT id, name, currency, seq FROM tenants',
} as const;

type Queryable = Pick<pg.ClientBase, 'query'>;

async function rows<R>(db: Queryable, text: string, values: unknown[], name?: string): Promise<R[]> {
  return (await db.query(name ? { name, text, values } : { text, values })).rows as R[];
}

/**
 * The PostgreSQL backend (DESIGN §9): any number of instances share one database. The storage
 * contract's tenant write lock is the tenant row itself: every write transaction starts with
 * `SELECT seq FROM tenants WHERE id = $1 FOR UPDATE`, so pushes of one tenant serialize across
 * instances (READ COMMITTED: each later statement sees what the previous holder committed), and
 * the seqs it hands out are allocated under that lock and written back once, at the end.
 * Tenants do not wait for each other.
 */
export class PgStorage implements Storage {
  readonly kind = 'postgres' as const;
  private closing = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  private constructor(
    readonly pool: pg.Pool,
    private readonly epochValue: string,
  ) {}

  /** Connects, applies pending migrations (once, whichever instance comes first) and reads the epoch. */
  static async open(url: string, opts: { max?: number; onError?: (err: Error) => void } = {}): Promise<PgStorage> {
    const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, types: TYPES, application_name: 'stockroom' });
    // A connection the server drops (restart, failover) is reported as an 'error' event; unheard,
    // it would end the process. The query that used it still fails, and the pool replaces it.
    const onError = opts.onError ?? (() => undefined);
    pool.on('error', onError);
    pool.on('connect', (client) => client.on('error', onError));
    try {
      const client = await pool.connect();
      try {
        await runPgMigrations(client);
        const epoch = (await client.query<{ value: string }>("SELECT value FROM meta WHERE key = 'epoch'")).rows[0]!.value;
        return new PgStorage(pool, epoch);
      } finally {
        client.release();
      }
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err;
    }
  }

  private track<T>(p: Promise<T>): Promise<T> {
    if (this.closing) return Promise.reject(new Error('the database is closed'));
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p)).catch(() => undefined);
    return p;
  }

  /** BEGIN … COMMIT on one pooled connection; a connection that failed mid-way is discarded. */
  private inTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.track((async () => {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const value = await fn(client);
        await client.query('COMMIT');
        return value;
      } catch (err) {
        await client.query('ROLLBACK').catch((e: Error) => {
          broken = e;
        });
        throw err;
      } finally {
        client.release(broken);
      }
    })());
  }

  transaction<T>(tenantId: string, fn: (tx: WriteTx) => Promise<T>): Promise<T> {
    return this.inTransaction(async (client) => {
      const locked = await rows<{ seq: number }>(client, SQL.lockTenant, [tenantId], 'lockTenant');
      if (locked.length === 0) throw new Error(`tenant ${tenantId} missing`);
      const first = locked[0]!.seq;
      let seq = first;
      const touched = new Set<CollectionName>();
      const value = await fn(this.writeTx(client, tenantId, touched, (n) => {
        const start = seq + 1;
        seq += n;
        return start;
      }));
      // The wake-up says which seqs (first+1 … seq) and which collections this commit wrote.
      if (seq !== first) await client.query({ name: 'setSeqAndNotify', text: SQL.setSeqAndNotify, values: [tenantId, seq, first + 1, [...touched].join(',')] });
      return value;
    });
  }

  /** Row operations on the transaction's connection; `touched` collects the collections written. */
  private writeTx(c: pg.PoolClient, lockedTenant: string, touched: Set<CollectionName>, reserve: (n: number) => number): WriteTx {
    const same = (t: string, writes?: CollectionName) => {
      // Seqs and rows of another tenant would be written without its lock.
      if (t !== lockedTenant) throw new Error(`transaction of tenant ${lockedTenant} used for tenant ${t}`);
      if (writes) touched.add(writes);
    };
    const byId = <R, D extends { id: string }>(list: R[], map: (r: R) => D) => new Map(list.map((r) => { const d = map(r); return [d.id, d] as const; }));
    return {
      nextSeq: async (t) => (same(t), reserve(1)),
      reserveSeqs: async (t, count) => (same(t), reserve(count)),
      getStore: async (t, id) => {
        same(t);
        const r = await rows<StoreRow>(c, SQL.getStores, [t, [id]], 'getStores');
        return r[0] ? toStoreDoc(r[0]) : null;
      },
      getStores: async (t, ids) => (same(t), byId(await rows<StoreRow>(c, SQL.getStores, [t, ids], 'getStores'), toStoreDoc)),
      putStore: async (t, d) => {
        same(t, 'stores');
        await c.query({ name: 'putStore', text: SQL.putStore, values: [t, d.id, d.name, d.timezone, bool(d.allowNegativeStock), bool(d._deleted), d.seq] });
      },
      getProduct: async (t, id) => {
        same(t);
        const r = await rows<ProductRow>(c, SQL.getProduct, [t, id], 'getProduct');
        return r[0] ? toProductDoc(r[0]) : null;
      },
      existingProducts: async (t, ids) => (same(t), new Set((await rows<{ id: string }>(c, SQL.existingProducts, [t, ids], 'existingProducts')).map((r) => r.id))),
      putProduct: async (t, d: ProductDoc) => {
        same(t, 'products');
        await c.query({
          name: 'putProduct', text: SQL.putProduct,
          values: [t, d.id, d.sku, d.name, JSON.stringify(d.barcodes), d.unit, d.priceCents, d.costCents, d.category, bool(d.active),
            d.supplierId, d.supplierSku, d.packSize, d.updatedAt, bool(d._deleted), d.seq],
        });
      },
      getStock: async (t, id) => {
        same(t);
        const r = await rows<StockRow>(c, SQL.getStocks, [t, [id]], 'getStocks');
        return r[0] ? toStockDoc(r[0]) : null;
      },
      getStocks: async (t, ids) => (same(t), byId(await rows<StockRow>(c, SQL.getStocks, [t, ids], 'getStocks'), toStockDoc)),
      putStock: async (t, d: StockDoc) => {
        same(t, 'stock');
        await c.query({
          name: 'putStock', text: SQL.putStock,
          values: [t, d.id, d.storeId, d.productId, d.onHand, d.appliedSeq, d.reorderPoint, d.criticalPoint, d.updatedAt, bool(d._deleted), d.seq],
        });
      },
      setStockLevels: async (t, docs) => {
        same(t, 'stock');
        const r = await c.query({
          name: 'setStockLevels', text: SQL.setStockLevels,
          values: [t, docs.map((d) => d.id), docs.map((d) => d.onHand), docs.map((d) => d.appliedSeq), docs.map((d) => d.updatedAt), docs.map((d) => d.seq)],
        });
        if (r.rowCount !== docs.length) throw new Error(`stock rows missing (${r.rowCount} of ${docs.length} updated)`);
      },
      getMovements: async (t, ids) => (same(t), byId(await rows<MovementRow>(c, SQL.getMovements, [t, ids], 'getMovements'), toMovementDoc)),
      insertMovements: async (t, docs) => {
        same(t, 'movements');
        const col = <K extends keyof MovementDoc>(k: K) => docs.map((d) => d[k]);
        await c.query({
          name: 'insertMovements', text: SQL.insertMovements,
          values: [t, col('id'), col('storeId'), col('productId'), col('kind'), col('delta'), col('reason'), col('ticketId'), col('transferId'),
            col('purchaseOrderId'), col('unitPriceCents'), col('unitCostCents'), col('countedQty'), col('expectedQty'), col('deviceId'),
            col('actor'), col('clientTime'), col('status'), col('ledgerSeq'), col('serverTime'), col('balanceAfter'),
            docs.map((d) => (d.rejection === null ? null : JSON.stringify(d.rejection))), col('seq')],
        });
      },
      getDoc: async (t, collection, id) => {
        same(t);
        const r = await rows<JsonRow>(c, `SELECT doc, deleted, seq FROM ${JSON_TABLES[collection].table} WHERE tenant_id = $1 AND id = $2`, [t, id]);
        return r[0] ? (fromJsonRow(r[0]) as never) : null;
      },
      putDoc: async (t, collection, doc) => {
        same(t, collection);
        const { table, storeColumns, columnsOf } = JSON_TABLES[collection];
        const { seq, _deleted, ...body } = doc as AnyDoc;
        const cols = ['tenant_id', 'id', ...storeColumns, 'doc', 'deleted', 'seq'];
        const values = [t, doc.id, ...columnsOf(doc as never), JSON.stringify(body), bool(_deleted), seq];
        const set = [...storeColumns, 'doc', 'deleted', 'seq'].map((col) => `${col} = excluded.${col}`).join(', ');
        await c.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})
          ON CONFLICT (tenant_id, id) DO UPDATE SET ${set}`, values);
      },
      ticketLine: async (t, storeId, productId, ticketId) => {
        same(t);
        return (await rows<TicketLine>(c, SQL.ticketLine, [t, ticketId, storeId, productId], 'ticketLine'))[0]!;
      },
      productCodeHolder: async (t, kind, code) => {
        same(t);
        return (await rows<{ product_id: string }>(c, SQL.codeHolder, [t, kind, code], 'codeHolder'))[0]?.product_id ?? null;
      },
      setProductCodes: async (t, productId, codes) => {
        same(t);
        await c.query({ name: 'clearCodes', text: SQL.clearCodes, values: [t, productId] });
        if (codes.length > 0) {
          await c.query({ name: 'addCodes', text: SQL.addCodes, values: [t, codes.map((x) => x.kind), codes.map((x) => x.code), productId] });
        }
      },
    };
  }

  private read<R>(text: string, values: unknown[], name?: string): Promise<R[]> {
    return this.track(rows<R>(this.pool, text, values, name));
  }

  epoch(): string {
    return this.epochValue;
  }
  async ping(): Promise<void> {
    await this.read('SELECT 1', []);
  }
  async firstTenant(): Promise<TenantRecord | null> {
    return (await this.read<TenantRecord>(`${SQL.tenantCols} ORDER BY created_at, id LIMIT 1`, []))[0] ?? null;
  }
  async getTenant(tenantId: string): Promise<TenantRecord | null> {
    return (await this.read<TenantRecord>(`${SQL.tenantCols} WHERE id = $1`, [tenantId], 'getTenant'))[0] ?? null;
  }
  createFirstTenant(input: {
    tenantId: string;
    tenantName: string;
    currency: string;
    store: Omit<StoreDoc, 'seq' | '_deleted'>;
  }): Promise<TenantRecord | null> {
    return this.inTransaction(async (client) => {
      // Instances starting together on an empty database: the lock makes one tenant.
      await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      if ((await client.query('SELECT 1 FROM tenants LIMIT 1')).rowCount! > 0) return null;
      const now = Date.now();
      await client.query('INSERT INTO tenants (id, name, currency, seq, created_at) VALUES ($1, $2, $3, 0, $4)', [input.tenantId, input.tenantName, input.currency, now]);
      let seq = 0;
      const tx = this.writeTx(client, input.tenantId, new Set(), (n) => {
        const start = seq + 1;
        seq += n;
        return start;
      });
      await tx.putStore(input.tenantId, { ...input.store, _deleted: false, seq: await tx.nextSeq(input.tenantId) });
      await tx.putDoc(input.tenantId, 'settings', {
        id: SETTINGS_ID, businessName: input.tenantName, currency: input.currency, timezone: input.store.timezone,
        updatedAt: now, seq: await tx.nextSeq(input.tenantId), _deleted: false,
      });
      await client.query(SQL.setSeq, [input.tenantId, seq]);
      return { id: input.tenantId, name: input.tenantName, currency: input.currency, seq };
    });
  }
  async listStoreIds(tenantId: string): Promise<string[]> {
    return (await this.read<{ id: string }>('SELECT id FROM stores WHERE tenant_id = $1 AND deleted = 0 ORDER BY id', [tenantId], 'listStoreIds')).map((r) => r.id);
  }
  async getTransfer(tenantId: string, transferId: string): Promise<TransferDoc | null> {
    const r = await this.read<JsonRow>('SELECT doc, deleted, seq FROM transfers WHERE tenant_id = $1 AND id = $2', [tenantId, transferId], 'getTransfer');
    return r[0] ? (fromJsonRow(r[0]) as TransferDoc) : null;
  }

  async getSettings(tenantId: string): Promise<SettingsDoc | null> {
    const r = await this.read<JsonRow>('SELECT doc, deleted, seq FROM settings WHERE tenant_id = $1 AND id = $2', [tenantId, SETTINGS_ID], 'getSettings');
    return r[0] ? (fromJsonRow(r[0]) as SettingsDoc) : null;
  }

  async insertPairingCode(input: { codeHash: string; tenantId: string; role: string; storeIds: string[]; createdAt: number; expiresAt: number }): Promise<void> {
    await this.read('INSERT INTO pairing_codes (code_hash, tenant_id, role, store_ids, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [input.codeHash, input.tenantId, input.role, JSON.stringify(input.storeIds), input.createdAt, input.expiresAt]);
  }
  async getPairingCode(codeHash: string): Promise<PairingCodeRecord | null> {
    const r = (await this.read<Omit<PairingCodeRecord, 'storeIds'> & { storeIds: string }>(
      'SELECT tenant_id AS "tenantId", role, store_ids AS "storeIds", expires_at AS "expiresAt", used_at AS "usedAt" FROM pairing_codes WHERE code_hash = $1',
      [codeHash], 'getCode'))[0];
    return r ? { ...r, storeIds: JSON.parse(r.storeIds) as string[] } : null;
  }
  redeemPairingCode(input: {
    codeHash: string;
    now: number;
    device: Omit<DeviceRecord, 'lastSeenAt' | 'revokedAt' | 'pendingCount' | 'oldestPendingAt' | 'healthReportedAt'> & { tokenHash: string };
  }): Promise<boolean> {
    return this.inTransaction(async (client) => {
      // The row lock decides a race: a second redeemer (any instance) waits, then sees used_at set.
      const used = await client.query('UPDATE pairing_codes SET used_at = $1, used_by_device_id = $2 WHERE code_hash = $3 AND used_at IS NULL',
        [input.now, input.device.id, input.codeHash]);
      if (used.rowCount !== 1) return false;
      const d = input.device;
      await client.query('INSERT INTO devices (id, tenant_id, name, role, store_ids, token_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [d.id, d.tenantId, d.name, d.role, JSON.stringify(d.storeIds), d.tokenHash, d.createdAt]);
      return true;
    });
  }

  async findDeviceByTokenHash(tokenHash: string): Promise<DeviceRecord | null> {
    const r = (await this.read<DeviceRow>(`SELECT ${DEVICE} FROM devices WHERE token_hash = $1`, [tokenHash], 'deviceByToken'))[0];
    return r ? toDeviceRecord(r) : null;
  }
  async getDevice(tenantId: string, deviceId: string): Promise<DeviceRecord | null> {
    const r = (await this.read<DeviceRow>(`SELECT ${DEVICE} FROM devices WHERE tenant_id = $1 AND id = $2`, [tenantId, deviceId], 'getDevice'))[0];
    return r ? toDeviceRecord(r) : null;
  }
  async touchDevice(deviceId: string, now: number): Promise<void> {
    await this.read('UPDATE devices SET last_seen_at = $1 WHERE id = $2', [now, deviceId], 'touchDevice');
  }
  async reportDeviceHealth(deviceId: string, report: ReportHealthInput, now: number): Promise<void> {
    await this.read('UPDATE devices SET pending_count = $1, oldest_pending_at = $2, health_reported_at = $3 WHERE id = $4',
      [report.pendingCount, report.oldestPendingAt, now, deviceId], 'reportHealth');
  }
  async listDevices(tenantId: string): Promise<DeviceRecord[]> {
    return (await this.read<DeviceRow>(`SELECT ${DEVICE} FROM devices WHERE tenant_id = $1 ORDER BY created_at, id`, [tenantId], 'listDevices')).map(toDeviceRecord);
  }
  async revokeDevice(tenantId: string, deviceId: string, now: number): Promise<boolean> {
    const r = await this.track(this.pool.query('UPDATE devices SET revoked_at = $1 WHERE tenant_id = $2 AND id = $3 AND revoked_at IS NULL', [now, tenantId, deviceId]));
    return r.rowCount === 1;
  }

  async pull(tenantId: string, collection: CollectionName, afterSeq: number, limit: number, scope: PullScope): Promise<AnyDoc[]> {
    const scoped = scope.storeIds !== null && (collection === 'stores' || collection === 'stock' || collection === 'movements' || (isJsonCollection(collection) && JSON_TABLES[collection].storeColumns.length > 0));
    const values: unknown[] = [tenantId, afterSeq, limit];
    if (scoped) values.push(scope.storeIds);
    if (collection === 'movements') values.push(scope.movementsSince);
    const map = MAPPERS[collection] as (row: unknown) => AnyDoc;
    return (await this.read(pullSql(collection, scoped), values, `pull:${collection}:${scoped}`)).map(map);
  }
  async tenantSeq(tenantId: string): Promise<number> {
    return (await this.read<{ seq: number }>('SELECT seq FROM tenants WHERE id = $1', [tenantId], 'tenantSeq'))[0]?.seq ?? 0;
  }
  digestRows(tenantId: string, storeId: string): Promise<DigestRow[]> {
    return this.read<DigestRow>('SELECT product_id AS "productId", on_hand AS "onHand", applied_seq AS "appliedSeq" FROM stock WHERE tenant_id = $1 AND store_id = $2',
      [tenantId, storeId], 'digestRows');
  }
  async storeExists(tenantId: string, storeId: string): Promise<boolean> {
    return (await this.read('SELECT 1 FROM stores WHERE tenant_id = $1 AND id = $2', [tenantId, storeId], 'storeExists')).length > 0;
  }
  async ledgerUpTo(tenantId: string, serverTimeTo: number): Promise<ReportMovement[]> {
    return this.read<ReportMovement>(`SELECT ${REPORT_MOVEMENT} FROM movements WHERE tenant_id = $1 AND status = 'accepted' AND server_time <= $2 ORDER BY seq`,
      [tenantId, serverTimeTo], 'ledgerUpTo');
  }

  async salesBetween(tenantId: string, from: number, to: number): Promise<ReportMovement[]> {
    return this.read<ReportMovement>(`SELECT ${REPORT_MOVEMENT} FROM movements WHERE tenant_id = $1 AND status = 'accepted' AND kind IN ('sale', 'void')
      AND client_time >= $2 AND client_time < $3 ORDER BY seq`, [tenantId, from, to], 'salesBetween');
  }

  async productCosts(tenantId: string): Promise<Map<string, number>> {
    const rows = await this.read<{ id: string; costCents: number }>('SELECT id, cost_cents AS "costCents" FROM products WHERE tenant_id = $1', [tenantId], 'productCosts');
    return new Map(rows.map((r) => [r.id, r.costCents]));
  }

  async transferMovements(tenantId: string, transferId: string): Promise<MovementDoc[]> {
    const r = await this.read<MovementRow>(`SELECT ${MOVEMENT} FROM movements WHERE tenant_id = $1 AND transfer_id = $2 ORDER BY seq LIMIT $3`,
      [tenantId, transferId, TRANSFER_MOVEMENTS_LIMIT], 'byTransfer');
    return r.map(toMovementDoc);
  }

  async movementHistory(tenantId: string, storeId: string, productId: string, before: number | null, limit: number): Promise<MovementDoc[]> {
    const r = await this.read<MovementRow>(`SELECT ${MOVEMENT} FROM movements WHERE tenant_id = $1 AND store_id = $2 AND product_id = $3
      AND seq < $4 ORDER BY seq DESC LIMIT $5`, [tenantId, storeId, productId, before ?? Number.MAX_SAFE_INTEGER, limit], 'history');
    return r.map(toMovementDoc);
  }

  /**
   * Every document of the tenant with afterSeq < seq <= upTo, by collection, for the change feed
   * (unscoped: the stream hub filters per device). upTo must be a committed tenant seq: every
   * row at or below it is committed (seqs are allocated under the tenant lock, in commit order),
   * so separate statements cannot miss one. Only `collections` when given (the wake-ups said
   * which were written in that range). At most `limit` rows per collection; `complete` is
   * false when a collection had more, and `through` is then the seq every collection is whole to.
   */
  async changesSince(
    tenantId: string,
    afterSeq: number,
    upTo: number,
    limit: number,
    collections: ReadonlySet<CollectionName> | null = null,
  ): Promise<{ events: Array<{ collection: CollectionName; documents: AnyDoc[] }>; through: number }> {
    const read = collections ? FEED_COLLECTIONS.filter((c) => collections.has(c)) : FEED_COLLECTIONS;
    const parts = await Promise.all(read.map(async (collection) => {
      const map = MAPPERS[collection] as (row: unknown) => AnyDoc;
      const documents = (await this.read(feedSql(collection), [tenantId, afterSeq, limit, upTo], `feed:${collection}`)).map(map);
      return { collection, documents, full: documents.length === limit };
    }));
    // A collection cut at its limit is whole only up to its last row.
    const through = parts.reduce((m, p) => (p.full ? Math.min(m, p.documents[p.documents.length - 1]!.seq) : m), upTo);
    const events = parts
      .map((p) => ({ collection: p.collection, documents: p.documents.filter((d) => d.seq <= through) }))
      .filter((e) => e.documents.length > 0);
    return { events, through };
  }

  backup(): Promise<void> {
    return Promise.reject(new Error('a PostgreSQL database is backed up with pg_dump (sync-server/README.md)'));
  }
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await Promise.allSettled([...this.inFlight]);
    await this.pool.end();
  }
}
