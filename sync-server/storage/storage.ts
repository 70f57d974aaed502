import type {
  AnyDoc,
  CollectionDocs,
  CollectionName,
  SettingsDoc,
  DigestRow,
  MovementDoc,
  MovementKind,
  MovementStatus,
  ProductDoc,
  ReportHealthInput,
  Role,
  TicketLine,
  StockDoc,
  StoreDoc,
  TransferDoc,
} from '../../shared/index.js';

/**
 * The scale-out seam of DESIGN §9: routers and domain code only see these
 * interfaces, never SQL. Every call is async, because a PostgreSQL backend
 * answers over the network; the SQLite backend answers at once.
 *
 * Concurrency contract (what the ledger relies on, for every backend):
 * - `transaction(tenantId, fn)` holds the tenant's WRITE LOCK from before fn's
 *   first read until its commit: no other transaction of that tenant, in this
 *   process or another, commits in between. So the stock levels, movement ids
 *   and ticket lines fn reads are still true when its writes commit, and the
 *   tenant's seqs are allocated in commit order. SQLite gets this from its
 *   whole-database write lock (one connection, BEGIN IMMEDIATE); PostgreSQL
 *   from `SELECT … FROM tenants … FOR UPDATE` as the transaction's first
 *   statement.
 * - fn awaits only the tx it was given (no timers, no I/O of its own): the
 *   SQLite backend runs a group of transactions back to back in one turn of
 *   the event loop on its only connection.
 * - Reads outside a transaction see committed data only.
 * - Writes of other tables (devices, pairing codes) are single statements, or
 *   conditional updates whose row lock decides races (a code redeemed once).
 */
export interface TenantRecord {
  id: string;
  name: string;
  currency: string;
  seq: number;
}

export interface DeviceRecord {
  id: string;
  tenantId: string;
  name: string;
  role: Role;
  storeIds: string[];
  createdAt: number;
  lastSeenAt: number | null;
  revokedAt: number | null;
  /** Unsynced movements the device last reported; null until it first reports. */
  pendingCount: number | null;
  /** clientTime of its oldest unsynced movement at that report (null: none, or never reported). */
  oldestPendingAt: number | null;
  /** Server time of the last report, or null. */
  healthReportedAt: number | null;
}

export interface PairingCodeRecord {
  tenantId: string;
  role: Role;
  storeIds: string[];
  expiresAt: number;
  usedAt: number | null;
}

export interface PullScope {
  /** null = every store of the tenant (owners). */
  storeIds: readonly string[] | null;
  /** Movements with serverTime before this are left out (history window). */
  movementsSince: number;
}

/** Row-level operations used inside one write transaction. */
export interface WriteTx {
  /** ++tenant.seq, stamped on every row the server writes. */
  nextSeq(tenantId: string): Promise<number>;
  /** tenant.seq += count (count >= 1); returns the first of the `count` consecutive seqs reserved. */
  reserveSeqs(tenantId: string, count: number): Promise<number>;
  getStore(tenantId: string, id: string): Promise<StoreDoc | null>;
  /** The stores of these ids that exist (deleted ones too), by id: one round trip for a push. */
  getStores(tenantId: string, ids: readonly string[]): Promise<Map<string, StoreDoc>>;
  putStore(tenantId: string, doc: StoreDoc): Promise<void>;
  getProduct(tenantId: string, id: string): Promise<ProductDoc | null>;
  /** Which of these product rows exist (deleted or not), without reading them. */
  existingProducts(tenantId: string, ids: readonly string[]): Promise<Set<string>>;
  putProduct(tenantId: string, doc: ProductDoc): Promise<void>;
  getStock(tenantId: string, id: string): Promise<StockDoc | null>;
  getStocks(tenantId: string, ids: readonly string[]): Promise<Map<string, StockDoc>>;
  putStock(tenantId: string, doc: StockDoc): Promise<void>;
  /** The ledger's write to existing stock rows: only onHand, appliedSeq, updatedAt and seq change. */
  setStockLevels(tenantId: string, docs: readonly StockDoc[]): Promise<void>;
  /** The stored movements of these ids, by id (the idempotency key). */
  getMovements(tenantId: string, ids: readonly string[]): Promise<Map<string, MovementDoc>>;
  /** Inserts new movements; an id already stored fails the transaction (unique key). */
  insertMovements(tenantId: string, docs: readonly MovementDoc[]): Promise<void>;
  /** A document of a protocol-2 collection kept whole (settings, till users, suppliers, orders, transfers). */
  getDoc<C extends JsonCollection>(tenantId: string, collection: C, id: string): Promise<CollectionDocs[C] | null>;
  putDoc<C extends JsonCollection>(tenantId: string, collection: C, doc: CollectionDocs[C]): Promise<void>;
  /** What one ticket's accepted, stored sales and voids did to one store × product (DESIGN §4 voids). */
  ticketLine(tenantId: string, storeId: string, productId: string, ticketId: string): Promise<TicketLine>;
  /** The product holding an SKU or barcode among active products, or null. */
  productCodeHolder(tenantId: string, kind: ProductCodeKind, code: string): Promise<string | null>;
  /** Replaces the codes a product holds (none when it is inactive or deleted). */
  setProductCodes(tenantId: string, productId: string, codes: ReadonlyArray<{ kind: ProductCodeKind; code: string }>): Promise<void>;
}

export type ProductCodeKind = 'sku' | 'barcode';

/** A ledger line as the reports read it (shared/reports' inputs). */
export interface ReportMovement {
  storeId: string;
  productId: string;
  kind: MovementKind;
  delta: number;
  unitPriceCents: number | null;
  unitCostCents: number | null;
  actor: string | null;
  clientTime: number;
  serverTime: number | null;
  ledgerSeq: number | null;
  status: MovementStatus;
}

/** A transfer's page lists its movements; a transfer has at most a few per line (dispatches, receipts, write-offs). */
export const TRANSFER_MOVEMENTS_LIMIT = 5000;

/** The collections stored as whole documents. */
export type JsonCollection = 'settings' | 'tillUsers' | 'suppliers' | 'purchaseOrders' | 'transfers' | 'resolutions';

export interface Storage {
  /** Which backend this is (`/healthz`, logs). */
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Runs fn in one write transaction of the tenant, holding its write lock (the contract
   * above); all or nothing; resolves once it is durable. The SQLite backend commits
   * transactions asked for together in one COMMIT (write-group.ts).
   */
  transaction<T>(tenantId: string, fn: (tx: WriteTx) => Promise<T>): Promise<T>;

  /**
   * The database's epoch (DESIGN §3): random, made with the database, renewed by a restore.
   * Read once at open (a restore happens with every server stopped), so it is synchronous.
   */
  epoch(): string;
  /** A round trip to the database (`/healthz`); rejects when it does not answer. */
  ping(): Promise<void>;
  firstTenant(): Promise<TenantRecord | null>;
  getTenant(tenantId: string): Promise<TenantRecord | null>;
  /**
   * Creates a tenant and its first store in one transaction, only when the database has
   * no tenant yet (two first starts never make two tenants); null otherwise.
   */
  createFirstTenant(input: {
    tenantId: string;
    tenantName: string;
    currency: string;
    store: Omit<StoreDoc, 'seq' | '_deleted'>;
  }): Promise<TenantRecord | null>;
  listStoreIds(tenantId: string): Promise<string[]>;
  /** The tenant's settings document (business name, currency, time zone). */
  getSettings(tenantId: string): Promise<SettingsDoc | null>;

  insertPairingCode(input: {
    codeHash: string;
    tenantId: string;
    role: Role;
    storeIds: string[];
    createdAt: number;
    expiresAt: number;
  }): Promise<void>;
  getPairingCode(codeHash: string): Promise<PairingCodeRecord | null>;
  /**
   * Marks the code used and creates the device atomically; returns false when the
   * code was used meanwhile (two devices racing for one code).
   */
  redeemPairingCode(input: {
    codeHash: string;
    now: number;
    device: Omit<DeviceRecord, 'lastSeenAt' | 'revokedAt' | 'pendingCount' | 'oldestPendingAt' | 'healthReportedAt'> & {
      tokenHash: string;
    };
  }): Promise<boolean>;

  findDeviceByTokenHash(tokenHash: string): Promise<DeviceRecord | null>;
  getDevice(tenantId: string, deviceId: string): Promise<DeviceRecord | null>;
  touchDevice(deviceId: string, now: number): Promise<void>;
  /** Records the device's own sync-health report on its row (pending count, oldest pending, report time). */
  reportDeviceHealth(deviceId: string, report: ReportHealthInput, now: number): Promise<void>;
  listDevices(tenantId: string): Promise<DeviceRecord[]>;
  revokeDevice(tenantId: string, deviceId: string, now: number): Promise<boolean>;

  pull(
    tenantId: string,
    collection: CollectionName,
    afterSeq: number,
    limit: number,
    scope: PullScope,
  ): Promise<AnyDoc[]>;
  tenantSeq(tenantId: string): Promise<number>;
  digestRows(tenantId: string, storeId: string): Promise<DigestRow[]>;
  storeExists(tenantId: string, storeId: string): Promise<boolean>;
  /** Movements of one store × product with seq < before, newest first. */
  movementHistory(
    tenantId: string,
    storeId: string,
    productId: string,
    before: number | null,
    limit: number,
  ): Promise<MovementDoc[]>;

  /** The movements naming a transfer (index movements_by_transfer), oldest first, at most TRANSFER_MOVEMENTS_LIMIT. */
  transferMovements(tenantId: string, transferId: string): Promise<MovementDoc[]>;
  /** Accepted movements the server applied by `serverTimeTo`, every store, in ledger order (valuation). */
  ledgerUpTo(tenantId: string, serverTimeTo: number): Promise<ReportMovement[]>;
  /** Accepted sales and voids made in [from, to) (their clientTime), every store, in ledger order. */
  salesBetween(tenantId: string, from: number, to: number): Promise<ReportMovement[]>;
  /** Each product's `costCents` (valuation where no receipt says a cost). */
  productCosts(tenantId: string): Promise<Map<string, number>>;
  /** A transfer document, committed data (no write lock). */
  getTransfer(tenantId: string, transferId: string): Promise<TransferDoc | null>;

  /** A consistent copy in one file (SQLite); PostgreSQL refuses: that is pg_dump's job. */
  backup(file: string): Promise<void>;
  /** Waits for writes already asked for, then closes. */
  close(): Promise<void>;
}
