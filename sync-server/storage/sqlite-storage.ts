import Database from 'better-sqlite3';
import type {
  AnyDoc,
  CollectionName,
  DigestRow,
  MovementDoc,
  ProductDoc,
  ReportHealthInput,
  CollectionDocs,
  SettingsDoc,
  StockDoc,
  StoreDoc,
  TicketLine,
  TransferDoc,
} from '../../shared/index.js';
import { SETTINGS_ID } from '../../shared/index.js';
import { TRANSFER_MOVEMENTS_LIMIT, type ReportMovement } from './storage.js';
import { newEpoch, openDatabase } from '../db/open-database.js';
import { Checkpointer, WriteGroup } from './write-group.js';
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

/** Pull statement per collection: one for whole-tenant reads, one scoped to a store list (JSON array). */
/**
 * The collections of protocol 2 are kept as whole JSON documents (without `seq`/`_deleted`,
 * which are columns), with the store columns their pulls are scoped by.
 */
const JSON_TABLES: { [C in JsonCollection]: { table: string; storeColumns: readonly string[]; columnsOf(doc: CollectionDocs[C]): string[] } } = {
  settings: { table: 'settings', storeColumns: [], columnsOf: () => [] },
  tillUsers: { table: 'till_users', storeColumns: [], columnsOf: () => [] },
  suppliers: { table: 'suppliers', storeColumns: [], columnsOf: () => [] },
  purchaseOrders: { table: 'purchase_orders', storeColumns: ['store_id'], columnsOf: (d) => [d.storeId] },
  transfers: { table: 'transfers', storeColumns: ['from_store_id', 'to_store_id'], columnsOf: (d) => [d.fromStoreId, d.toStoreId] },
  resolutions: { table: 'resolutions', storeColumns: ['store_id'], columnsOf: (d) => [d.storeId] },
};

function isJsonCollection(c: CollectionName): c is JsonCollection {
  return Object.hasOwn(JSON_TABLES, c);
}

function pullSql(collection: CollectionName, scoped: boolean): string {
  const inStores = (column: string) =>
    scoped ? ` AND ${column} IN (SELECT value FROM json_each(@stores))` : '';
  if (isJsonCollection(collection)) {
    const { table, storeColumns } = JSON_TABLES[collection];
    const scope = scoped && storeColumns.length > 0
      ? ` AND (${storeColumns.map((c) => `${c} IN (SELECT value FROM json_each(@stores))`).join(' OR ')})`
      : '';
    return `SELECT doc, deleted, seq FROM ${table} WHERE tenant_id = @tenant AND seq > @after${scope} ORDER BY seq LIMIT @limit`;
  }
  switch (collection) {
    case 'stores':
      return `SELECT ${STORE_COLUMNS} FROM stores WHERE tenant_id = @tenant AND seq > @after${inStores('id')} ORDER BY seq LIMIT @limit`;
    case 'products':
      return `SELECT ${PRODUCT_COLUMNS} FROM products WHERE tenant_id = @tenant AND seq > @after ORDER BY seq LIMIT @limit`;
    case 'stock':
      return `SELECT ${STOCK_COLUMNS} FROM stock WHERE tenant_id = @tenant AND seq > @after${inStores('store_id')} ORDER BY seq LIMIT @limit`;
    case 'movements':
      return `SELECT ${MOVEMENT_COLUMNS} FROM movements WHERE tenant_id = @tenant AND seq > @after AND server_time >= @since${inStores('store_id')} ORDER BY seq LIMIT @limit`;
  }
}

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

/**
 * The embedded backend: one better-sqlite3 connection that this process holds alone
 * (locking_mode=EXCLUSIVE). Its answers are synchronous; the seam's promises only wrap them.
 * The tenant write lock of the storage contract is SQLite's whole-database one: the write
 * group runs transactions one at a time inside BEGIN IMMEDIATE.
 */
export class SqliteStorage implements Storage {
  readonly kind = 'sqlite' as const;
  /** For this backend's own tools (bench seeding, backup); routers and tests use the interface. */
  readonly db: Database.Database;
  private readonly epochValue: string;
  private readonly s;
  private readonly pullStatements = new Map<string, Database.Statement>();
  private readonly tx: WriteTx;

  constructor(db: Database.Database) {
    this.db = db;
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      nextSeq: p('UPDATE tenants SET seq = seq + 1 WHERE id = ? RETURNING seq'),
      reserveSeqs: p('UPDATE tenants SET seq = seq + ? WHERE id = ? RETURNING seq').pluck(),
      tenantSeq: p('SELECT seq FROM tenants WHERE id = ?'),
      getTenant: p('SELECT id, name, currency, seq FROM tenants WHERE id = ?'),
      firstTenant: p('SELECT id, name, currency, seq FROM tenants ORDER BY created_at, id LIMIT 1'),
      insertTenant: p('INSERT INTO tenants (id, name, currency, seq, created_at) VALUES (?, ?, ?, 0, ?)'),
      getStore: p(`SELECT ${STORE_COLUMNS} FROM stores WHERE tenant_id = ? AND id = ?`),
      putStore: p(`INSERT INTO stores (tenant_id, id, name, timezone, allow_negative_stock, deleted, seq)
        VALUES (@tenant, @id, @name, @timezone, @neg, @deleted, @seq)
        ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name, timezone = excluded.timezone,
          allow_negative_stock = excluded.allow_negative_stock, deleted = excluded.deleted, seq = excluded.seq`),
      listStoreIds: p('SELECT id FROM stores WHERE tenant_id = ? AND deleted = 0 ORDER BY id').pluck(),
      getProduct: p(`SELECT ${PRODUCT_COLUMNS} FROM products WHERE tenant_id = ? AND id = ?`),
      productExists: p('SELECT 1 FROM products WHERE tenant_id = ? AND id = ?').pluck(),
      putProduct: p(`INSERT INTO products (tenant_id, id, sku, name, barcodes, unit, price_cents, cost_cents, category, active,
          supplier_id, supplier_sku, pack_size, updated_at, deleted, seq)
        VALUES (@tenant, @id, @sku, @name, @barcodes, @unit, @price, @cost, @category, @active, @supplierId, @supplierSku, @packSize,
          @updatedAt, @deleted, @seq)
        ON CONFLICT (tenant_id, id) DO UPDATE SET sku = excluded.sku, name = excluded.name, barcodes = excluded.barcodes,
          unit = excluded.unit, price_cents = excluded.price_cents, cost_cents = excluded.cost_cents, category = excluded.category,
          active = excluded.active, supplier_id = excluded.supplier_id, supplier_sku = excluded.supplier_sku,
          pack_size = excluded.pack_size, updated_at = excluded.updated_at, deleted = excluded.deleted, seq = excluded.seq`),
      getStock: p(`SELECT ${STOCK_COLUMNS} FROM stock WHERE tenant_id = ? AND id = ?`),
      putStock: p(`INSERT INTO stock (tenant_id, id, store_id, product_id, on_hand, applied_seq, reorder_point, critical_point, updated_at, deleted, seq)
        VALUES (@tenant, @id, @storeId, @productId, @onHand, @appliedSeq, @reorderPoint, @criticalPoint, @updatedAt, @deleted, @seq)
        ON CONFLICT (tenant_id, id) DO UPDATE SET on_hand = excluded.on_hand, applied_seq = excluded.applied_seq,
          reorder_point = excluded.reorder_point, critical_point = excluded.critical_point, updated_at = excluded.updated_at,
          deleted = excluded.deleted, seq = excluded.seq`),
      setStockLevel: p('UPDATE stock SET on_hand = ?, applied_seq = ?, updated_at = ?, seq = ? WHERE tenant_id = ? AND id = ?'),
      getMovement: p(`SELECT ${MOVEMENT_COLUMNS} FROM movements WHERE tenant_id = ? AND id = ?`),
      // Positional parameters: binding 19 named ones costs more than the insert's own B-tree work.
      insertMovement: p(`INSERT INTO movements (tenant_id, id, store_id, product_id, kind, delta, reason, ticket_id, transfer_id,
          purchase_order_id, unit_price_cents, unit_cost_cents, counted_qty, expected_qty, device_id, actor, client_time, status,
          ledger_seq, server_time, balance_after, rejection, seq)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      ticketLine: p(`SELECT COALESCE(SUM(CASE WHEN kind = 'sale' THEN -delta ELSE 0 END), 0) AS sold,
          COALESCE(SUM(CASE WHEN kind = 'void' THEN delta ELSE 0 END), 0) AS voided
        FROM movements WHERE tenant_id = ? AND ticket_id = ? AND store_id = ? AND product_id = ?
          AND ticket_id IS NOT NULL AND kind IN ('sale', 'void') AND status = 'accepted'`),
      codeHolder: p('SELECT product_id FROM product_codes WHERE tenant_id = ? AND kind = ? AND code = ?').pluck(),
      clearCodes: p('DELETE FROM product_codes WHERE tenant_id = ? AND product_id = ?'),
      // OR REPLACE: the caller checked that no other product holds the code.
      addCode: p('INSERT OR REPLACE INTO product_codes (tenant_id, kind, code, product_id) VALUES (?, ?, ?, ?)'),
      epoch: p("SELECT value FROM meta WHERE key = 'epoch'").pluck(),
      anyTenant: p('SELECT 1 FROM tenants LIMIT 1').pluck(),
      digestRows: p('SELECT product_id AS productId, on_hand AS onHand, applied_seq AS appliedSeq FROM stock WHERE tenant_id = ? AND store_id = ?'),
      storeExists: p('SELECT 1 FROM stores WHERE tenant_id = ? AND id = ?'),
      history: p(`SELECT ${MOVEMENT_COLUMNS} FROM movements WHERE tenant_id = @tenant AND store_id = @store AND product_id = @product
          AND seq < @before ORDER BY seq DESC LIMIT @limit`),
      ledgerUpTo: p(`SELECT ${REPORT_MOVEMENT_COLUMNS} FROM movements WHERE tenant_id = ? AND status = 'accepted' AND server_time <= ? ORDER BY seq`),
      salesBetween: p(`SELECT ${REPORT_MOVEMENT_COLUMNS} FROM movements WHERE tenant_id = ? AND status = 'accepted' AND kind IN ('sale', 'void')
          AND client_time >= ? AND client_time < ? ORDER BY seq`),
      productCosts: p('SELECT id, cost_cents AS costCents FROM products WHERE tenant_id = ?'),
      byTransfer: p(`SELECT ${MOVEMENT_COLUMNS} FROM movements WHERE tenant_id = ? AND transfer_id = ? ORDER BY seq LIMIT ?`),
      insertCode: p(`INSERT INTO pairing_codes (code_hash, tenant_id, role, store_ids, created_at, expires_at)
        VALUES (@codeHash, @tenantId, @role, @storeIds, @createdAt, @expiresAt)`),
      getCode: p(`SELECT tenant_id AS tenantId, role, store_ids AS storeIds, expires_at AS expiresAt, used_at AS usedAt
        FROM pairing_codes WHERE code_hash = ?`),
      useCode: p('UPDATE pairing_codes SET used_at = ?, used_by_device_id = ? WHERE code_hash = ? AND used_at IS NULL'),
      insertDevice: p(`INSERT INTO devices (id, tenant_id, name, role, store_ids, token_hash, created_at)
        VALUES (@id, @tenantId, @name, @role, @storeIds, @tokenHash, @createdAt)`),
      deviceByToken: p(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE token_hash = ?`),
      getDevice: p(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE tenant_id = ? AND id = ?`),
      touchDevice: p('UPDATE devices SET last_seen_at = ? WHERE id = ?'),
      reportDeviceHealth: p('UPDATE devices SET pending_count = ?, oldest_pending_at = ?, health_reported_at = ? WHERE id = ?'),
      listDevices: p(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE tenant_id = ? ORDER BY created_at, id`),
      revokeDevice: p('UPDATE devices SET revoked_at = ? WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL'),
    };
    const s = this.s;
    this.epochValue = s.epoch.get() as string;
    this.group = new WriteGroup(
      // BEGIN IMMEDIATE takes the write lock up front (this process holds the file alone anyway).
      { exec: (sql) => void db.exec(sql) },
      (size) => {
        this.onWriteGroup(size);
        this.checkpointer.committed(size);
      },
    );
    this.checkpointer = new Checkpointer(() => db.pragma('wal_checkpoint(PASSIVE)'));
    const ok = <T>(value: T): Promise<T> => Promise.resolve(value);
    this.tx = {
      nextSeq: (tenantId) => {
        const row = s.nextSeq.get(tenantId) as { seq: number } | undefined;
        if (!row) throw new Error(`tenant ${tenantId} missing`);
        return ok(row.seq);
      },
      reserveSeqs: (tenantId, count) => {
        const last = s.reserveSeqs.get(count, tenantId) as number | undefined;
        if (last === undefined) throw new Error(`tenant ${tenantId} missing`);
        return ok(last - count + 1);
      },
      getStore: (t, id) => {
        const r = s.getStore.get(t, id) as StoreRow | undefined;
        return ok(r ? toStoreDoc(r) : null);
      },
      getStores: (t, ids) => {
        const out = new Map<string, StoreDoc>();
        for (const id of ids) {
          const r = s.getStore.get(t, id) as StoreRow | undefined;
          if (r) out.set(id, toStoreDoc(r));
        }
        return ok(out);
      },
      putStore: (t, d: StoreDoc) =>
        ok(void s.putStore.run({ tenant: t, id: d.id, name: d.name, timezone: d.timezone, neg: bool(d.allowNegativeStock), deleted: bool(d._deleted), seq: d.seq })),
      getProduct: (t, id) => {
        const r = s.getProduct.get(t, id) as ProductRow | undefined;
        return ok(r ? toProductDoc(r) : null);
      },
      existingProducts: (t, ids) => ok(new Set(ids.filter((id) => s.productExists.get(t, id) !== undefined))),
      putProduct: (t, d: ProductDoc) =>
        ok(void s.putProduct.run({
          tenant: t, id: d.id, sku: d.sku, name: d.name, barcodes: JSON.stringify(d.barcodes), unit: d.unit,
          price: d.priceCents, cost: d.costCents, category: d.category, active: bool(d.active), supplierId: d.supplierId,
          supplierSku: d.supplierSku, packSize: d.packSize, updatedAt: d.updatedAt, deleted: bool(d._deleted), seq: d.seq,
        })),
      getStock: (t, id) => {
        const r = s.getStock.get(t, id) as StockRow | undefined;
        return ok(r ? toStockDoc(r) : null);
      },
      getStocks: (t, ids) => {
        const out = new Map<string, StockDoc>();
        for (const id of ids) {
          const r = s.getStock.get(t, id) as StockRow | undefined;
          if (r) out.set(id, toStockDoc(r));
        }
        return ok(out);
      },
      putStock: (t, d: StockDoc) =>
        ok(void s.putStock.run({
          tenant: t, id: d.id, storeId: d.storeId, productId: d.productId, onHand: d.onHand, appliedSeq: d.appliedSeq,
          reorderPoint: d.reorderPoint, criticalPoint: d.criticalPoint, updatedAt: d.updatedAt, deleted: bool(d._deleted), seq: d.seq,
        })),
      setStockLevels: (t, docs) => {
        for (const d of docs) {
          const { changes } = s.setStockLevel.run(d.onHand, d.appliedSeq, d.updatedAt, d.seq, t, d.id);
          if (changes !== 1) throw new Error(`stock row ${d.id} missing`);
        }
        return ok(undefined);
      },
      getMovements: (t, ids) => {
        const out = new Map<string, MovementDoc>();
        for (const id of ids) {
          const r = s.getMovement.get(t, id) as MovementRow | undefined;
          if (r) out.set(id, toMovementDoc(r));
        }
        return ok(out);
      },
      insertMovements: (t, docs) => {
        for (const d of docs) {
          s.insertMovement.run(
            t, d.id, d.storeId, d.productId, d.kind, d.delta, d.reason, d.ticketId, d.transferId, d.purchaseOrderId,
            d.unitPriceCents, d.unitCostCents, d.countedQty, d.expectedQty, d.deviceId, d.actor, d.clientTime, d.status,
            d.ledgerSeq, d.serverTime, d.balanceAfter,
            d.rejection === null ? null : JSON.stringify(d.rejection), d.seq,
          );
        }
        return ok(undefined);
      },
      getDoc: (t, collection, id) => {
        const r = this.jsonStatement(collection, 'get').get(t, id) as JsonRow | undefined;
        return ok(r ? (fromJsonRow(r) as never) : null);
      },
      putDoc: (t, collection, doc) => {
        const { seq, _deleted, ...body } = doc as AnyDoc;
        const columns = (JSON_TABLES[collection].columnsOf as (d: AnyDoc) => string[])(doc as AnyDoc);
        this.jsonStatement(collection, 'put').run(t, doc.id, ...columns, JSON.stringify(body), bool(_deleted), seq);
        return ok(undefined);
      },
      ticketLine: (t, storeId, productId, ticketId) => ok(s.ticketLine.get(t, ticketId, storeId, productId) as TicketLine),
      productCodeHolder: (t, kind, code) => ok((s.codeHolder.get(t, kind, code) as string | undefined) ?? null),
      setProductCodes: (t, productId, codes) => {
        s.clearCodes.run(t, productId);
        for (const c of codes) s.addCode.run(t, c.kind, c.code, productId);
        return ok(undefined);
      },
    };
  }

  private readonly jsonStatements = new Map<string, Database.Statement>();
  private jsonStatement(collection: JsonCollection, op: 'get' | 'put'): Database.Statement {
    const key = `${collection}:${op}`;
    let stmt = this.jsonStatements.get(key);
    if (!stmt) {
      const { table, storeColumns } = JSON_TABLES[collection];
      stmt = this.db.prepare(
        op === 'get'
          ? `SELECT doc, deleted, seq FROM ${table} WHERE tenant_id = ? AND id = ?`
          : `INSERT INTO ${table} (tenant_id, id, ${storeColumns.map((c) => `${c}, `).join('')}doc, deleted, seq)
             VALUES (?, ?, ${storeColumns.map(() => '?, ').join('')}?, ?, ?)
             ON CONFLICT (tenant_id, id) DO UPDATE SET ${storeColumns.map((c) => `${c} = excluded.${c}, `).join('')}doc = excluded.doc,
               deleted = excluded.deleted, seq = excluded.seq`,
      );
      this.jsonStatements.set(key, stmt);
    }
    return stmt;
  }

  /**
   * Reads outside a transaction wait while a write group's transaction is open: between two
   * awaits of a write, other code may run, and it must not see rows that may still roll back.
   */
  private async read<T>(fn: () => T): Promise<T> {
    for (let open = this.group.idle(); open; open = this.group.idle()) await open;
    return fn();
  }

  /** The tenant's settings document (DESIGN §2), null before migration 4 ran (never, once open). */
  getTransfer(tenantId: string, transferId: string): Promise<TransferDoc | null> {
    return this.read(() => {
      const r = this.jsonStatement('transfers', 'get').get(tenantId, transferId) as JsonRow | undefined;
      return r ? (fromJsonRow(r) as TransferDoc) : null;
    });
  }
  getSettings(tenantId: string): Promise<SettingsDoc | null> {
    return this.read(() => {
      const r = this.jsonStatement('settings', 'get').get(tenantId, SETTINGS_ID) as JsonRow | undefined;
      return r ? (fromJsonRow(r) as SettingsDoc) : null;
    });
  }

  static open(dataDir: string): SqliteStorage {
    return new SqliteStorage(openDatabase(dataDir));
  }

  /** Group commit (write-group.ts): concurrent writes share one COMMIT, each in its own savepoint. */
  private readonly group: WriteGroup;
  private readonly checkpointer: Checkpointer;
  /** Called with the number of writes each COMMIT carried (metrics). */
  onWriteGroup: (size: number) => void = () => {};

  transaction<T>(_tenantId: string, fn: (tx: WriteTx) => Promise<T>): Promise<T> {
    return this.group.write(() => fn(this.tx));
  }

  epoch(): string {
    return this.epochValue;
  }
  ping(): Promise<void> {
    return this.read(() => void this.s.anyTenant.get());
  }
  firstTenant(): Promise<TenantRecord | null> {
    return this.read(() => (this.s.firstTenant.get() as TenantRecord | undefined) ?? null);
  }
  getTenant(tenantId: string): Promise<TenantRecord | null> {
    return this.read(() => (this.s.getTenant.get(tenantId) as TenantRecord | undefined) ?? null);
  }
  createFirstTenant(input: {
    tenantId: string;
    tenantName: string;
    currency: string;
    store: Omit<StoreDoc, 'seq' | '_deleted'>;
  }): Promise<TenantRecord | null> {
    return this.group.write(async () => {
      const tx = this.tx;
      if (this.s.anyTenant.get() !== undefined) return null;
      const now = Date.now();
      this.s.insertTenant.run(input.tenantId, input.tenantName, input.currency, Date.now());
      await tx.putStore(input.tenantId, { ...input.store, _deleted: false, seq: await tx.nextSeq(input.tenantId) });
      await tx.putDoc(input.tenantId, 'settings', {
        id: SETTINGS_ID, businessName: input.tenantName, currency: input.currency, timezone: input.store.timezone,
        updatedAt: now, seq: await tx.nextSeq(input.tenantId), _deleted: false,
      });
      return this.s.getTenant.get(input.tenantId) as TenantRecord;
    });
  }
  listStoreIds(tenantId: string): Promise<string[]> {
    return this.read(() => this.s.listStoreIds.all(tenantId) as string[]);
  }

  insertPairingCode(input: {
    codeHash: string;
    tenantId: string;
    role: string;
    storeIds: string[];
    createdAt: number;
    expiresAt: number;
  }): Promise<void> {
    return this.group.write(() => void this.s.insertCode.run({ ...input, storeIds: JSON.stringify(input.storeIds) }));
  }
  getPairingCode(codeHash: string): Promise<PairingCodeRecord | null> {
    return this.read(() => {
      const r = this.s.getCode.get(codeHash) as (Omit<PairingCodeRecord, 'storeIds'> & { storeIds: string }) | undefined;
      return r ? { ...r, storeIds: JSON.parse(r.storeIds) as string[] } : null;
    });
  }
  redeemPairingCode(input: {
    codeHash: string;
    now: number;
    device: Omit<DeviceRecord, 'lastSeenAt' | 'revokedAt' | 'pendingCount' | 'oldestPendingAt' | 'healthReportedAt'> & {
      tokenHash: string;
    };
  }): Promise<boolean> {
    return this.group.write(() => {
      const changed = this.s.useCode.run(input.now, input.device.id, input.codeHash).changes;
      if (changed !== 1) return false;
      this.s.insertDevice.run({ ...input.device, storeIds: JSON.stringify(input.device.storeIds) });
      return true;
    });
  }

  findDeviceByTokenHash(tokenHash: string): Promise<DeviceRecord | null> {
    return this.read(() => {
      const r = this.s.deviceByToken.get(tokenHash) as DeviceRow | undefined;
      return r ? toDeviceRecord(r) : null;
    });
  }
  getDevice(tenantId: string, deviceId: string): Promise<DeviceRecord | null> {
    return this.read(() => {
      const r = this.s.getDevice.get(tenantId, deviceId) as DeviceRow | undefined;
      return r ? toDeviceRecord(r) : null;
    });
  }
  touchDevice(deviceId: string, now: number): Promise<void> {
    return this.group.write(() => void this.s.touchDevice.run(now, deviceId));
  }
  reportDeviceHealth(deviceId: string, report: ReportHealthInput, now: number): Promise<void> {
    return this.group.write(() => void this.s.reportDeviceHealth.run(report.pendingCount, report.oldestPendingAt, now, deviceId));
  }
  listDevices(tenantId: string): Promise<DeviceRecord[]> {
    return this.read(() => (this.s.listDevices.all(tenantId) as DeviceRow[]).map(toDeviceRecord));
  }
  revokeDevice(tenantId: string, deviceId: string, now: number): Promise<boolean> {
    return this.group.write(() => this.s.revokeDevice.run(now, tenantId, deviceId).changes === 1);
  }

  pull(tenantId: string, collection: CollectionName, afterSeq: number, limit: number, scope: PullScope): Promise<AnyDoc[]> {
    return this.read(() => {
      const scoped = scope.storeIds !== null && (collection === 'stores' || collection === 'stock' || collection === 'movements' || (isJsonCollection(collection) && JSON_TABLES[collection].storeColumns.length > 0));
      const key = `${collection}:${scoped}`;
      let stmt = this.pullStatements.get(key);
      if (!stmt) {
        stmt = this.db.prepare(pullSql(collection, scoped));
        this.pullStatements.set(key, stmt);
      }
      const params: Record<string, unknown> = { tenant: tenantId, after: afterSeq, limit };
      if (scoped) params.stores = JSON.stringify(scope.storeIds);
      if (collection === 'movements') params.since = scope.movementsSince;
      const map = MAPPERS[collection] as (row: unknown) => AnyDoc;
      return stmt.all(params).map(map);
    });
  }
  tenantSeq(tenantId: string): Promise<number> {
    return this.read(() => (this.s.tenantSeq.get(tenantId) as { seq: number } | undefined)?.seq ?? 0);
  }
  digestRows(tenantId: string, storeId: string): Promise<DigestRow[]> {
    return this.read(() => this.s.digestRows.all(tenantId, storeId) as DigestRow[]);
  }
  storeExists(tenantId: string, storeId: string): Promise<boolean> {
    return this.read(() => this.s.storeExists.get(tenantId, storeId) !== undefined);
  }
  ledgerUpTo(tenantId: string, serverTimeTo: number): Promise<ReportMovement[]> {
    return this.read(() => this.s.ledgerUpTo.all(tenantId, serverTimeTo) as ReportMovement[]);
  }
  salesBetween(tenantId: string, from: number, to: number): Promise<ReportMovement[]> {
    return this.read(() => this.s.salesBetween.all(tenantId, from, to) as ReportMovement[]);
  }
  productCosts(tenantId: string): Promise<Map<string, number>> {
    return this.read(() => new Map((this.s.productCosts.all(tenantId) as Array<{ id: string; costCents: number }>).map((r) => [r.id, r.costCents])));
  }
  transferMovements(tenantId: string, transferId: string): Promise<MovementDoc[]> {
    return this.read(() => (this.s.byTransfer.all(tenantId, transferId, TRANSFER_MOVEMENTS_LIMIT) as MovementRow[]).map(toMovementDoc));
  }
  movementHistory(tenantId: string, storeId: string, productId: string, before: number | null, limit: number): Promise<MovementDoc[]> {
    return this.read(() => {
      const rows = this.s.history.all({
        tenant: tenantId, store: storeId, product: productId, before: before ?? Number.MAX_SAFE_INTEGER, limit,
      }) as MovementRow[];
      return rows.map(toMovementDoc);
    });
  }

  /** Online backup; the copy gets an epoch of its own, so restoring it resets devices' checkpoints. */
  async backup(file: string): Promise<void> {
    await this.group.drain();
    await this.db.backup(file);
    const copy = new Database(file);
    try {
      copy.prepare("UPDATE meta SET value = ? WHERE key = 'epoch'").run(newEpoch());
      copy.pragma('journal_mode = DELETE'); // one self-contained file
    } finally {
      copy.close();
    }
  }
  async close(): Promise<void> {
    await this.group.close(); // writes already asked for still commit
    this.checkpointer.stop();
    if (this.db.open) this.db.close();
  }
}
