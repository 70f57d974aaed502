import type {
  AnyDoc,
  CollectionDocs,
  CollectionName,
  SettingsDoc,
  DigestRow,
  MovementDoc,
  ProductDoc,
  ReportHealthInput,
  Role,
  TicketLine,
  StockDoc,
  StoreDoc,
} from '../../shared/index.js';

/**
 * The scale-out seam of DESIGN §9: routers and domain code only see these
 * interfaces, never SQL. The SQLite backend is synchronous (better-sqlite3);
 * a PostgreSQL backend would make WriteTx async and fan out changes through
 * LISTEN/NOTIFY instead of the in-process change bus.
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
  nextSeq(tenantId: string): number;
  /** tenant.seq += count (count >= 1); returns the first of the `count` consecutive seqs reserved. */
  reserveSeqs(tenantId: string, count: number): number;
  getStore(tenantId: string, id: string): StoreDoc | null;
  putStore(tenantId: string, doc: StoreDoc): void;
  getProduct(tenantId: string, id: string): ProductDoc | null;
  /** Whether the product row exists (deleted or not), without reading it. */
  productExists(tenantId: string, id: string): boolean;
  putProduct(tenantId: string, doc: ProductDoc): void;
  getStock(tenantId: string, id: string): StockDoc | null;
  putStock(tenantId: string, doc: StockDoc): void;
  /** The ledger's write to an existing stock row: only onHand, appliedSeq, updatedAt and seq change. */
  setStockLevel(tenantId: string, doc: StockDoc): void;
  getMovement(tenantId: string, id: string): MovementDoc | null;
  insertMovement(tenantId: string, doc: MovementDoc): void;
  /** A document of a protocol-2 collection kept whole (settings, till users, suppliers, orders, transfers). */
  getDoc<C extends JsonCollection>(tenantId: string, collection: C, id: string): CollectionDocs[C] | null;
  putDoc<C extends JsonCollection>(tenantId: string, collection: C, doc: CollectionDocs[C]): void;
  /** What one ticket's accepted sales and voids did to one store × product (DESIGN §4 voids). */
  ticketLine(tenantId: string, storeId: string, productId: string, ticketId: string): TicketLine;
  /** The product holding an SKU or barcode among active products, or null. */
  productCodeHolder(tenantId: string, kind: ProductCodeKind, code: string): string | null;
  /** Replaces the codes a product holds (none when it is inactive or deleted). */
  setProductCodes(tenantId: string, productId: string, codes: ReadonlyArray<{ kind: ProductCodeKind; code: string }>): void;
}

export type ProductCodeKind = 'sku' | 'barcode';

/** The collections stored as whole documents. */
export type JsonCollection = 'settings' | 'tillUsers' | 'suppliers' | 'purchaseOrders' | 'transfers' | 'resolutions';

export interface Storage {
  /**
   * Runs fn in one write transaction (all or nothing); resolves once it is durable. The
   * SQLite backend commits writes asked for together in one COMMIT (write-group.ts).
   */
  transaction<T>(fn: (tx: WriteTx) => T): Promise<T>;

  /** The database's epoch (DESIGN §3): random, made with the database, renewed by a restore. */
  epoch(): string;
  firstTenant(): TenantRecord | null;
  getTenant(tenantId: string): TenantRecord | null;
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
  listStoreIds(tenantId: string): string[];
  /** The tenant's settings document (business name, currency, time zone). */
  getSettings(tenantId: string): SettingsDoc | null;

  insertPairingCode(input: {
    codeHash: string;
    tenantId: string;
    role: Role;
    storeIds: string[];
    createdAt: number;
    expiresAt: number;
  }): Promise<void>;
  getPairingCode(codeHash: string): PairingCodeRecord | null;
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

  findDeviceByTokenHash(tokenHash: string): DeviceRecord | null;
  getDevice(tenantId: string, deviceId: string): DeviceRecord | null;
  touchDevice(deviceId: string, now: number): Promise<void>;
  /** Records the device's own sync-health report on its row (pending count, oldest pending, report time). */
  reportDeviceHealth(deviceId: string, report: ReportHealthInput, now: number): Promise<void>;
  listDevices(tenantId: string): DeviceRecord[];
  revokeDevice(tenantId: string, deviceId: string, now: number): Promise<boolean>;

  pull(
    tenantId: string,
    collection: CollectionName,
    afterSeq: number,
    limit: number,
    scope: PullScope,
  ): AnyDoc[];
  tenantSeq(tenantId: string): number;
  digestRows(tenantId: string, storeId: string): DigestRow[];
  storeExists(tenantId: string, storeId: string): boolean;
  /** Movements of one store × product with seq < before, newest first. */
  movementHistory(
    tenantId: string,
    storeId: string,
    productId: string,
    before: number | null,
    limit: number,
  ): MovementDoc[];

  backup(file: string): Promise<void>;
  close(): void;
}
