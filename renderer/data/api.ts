/**
 * The data API screens use. This file is the contract between the data layer
 * (renderer/data/*) and every screen (counter, catalog, stock list, alerts…).
 * Rule: names here are stable; new things are ADDED, never renamed.
 *
 * Module map (import paths are relative, `.js` suffix):
 *   renderer/data/api.ts          these types (no runtime code besides constants)
 *   renderer/data/hooks.tsx       React context + hooks: <StockroomProvider>, useStockroom(), useSession(),
 *                                 useSyncHealth(), useActiveStore(), useStores(), useCatalogSearch(),
 *                                 useProduct(), useLevel(), useLevels(), useStockRows(), useMovements(),
 *                                 useExceptions(), useNotices(), useObservable()
 *   renderer/data/session.ts      pairing + persisted session (localStorage): loadSession(), pairDevice(), clearSession()
 *   renderer/data/client.ts       createStockroomClient(session): StockroomClient (RxDB + replication + indexes)
 *   renderer/i18n/index.tsx       <I18nProvider>, useT(), useLocale(), useFormat() (Intl money/number/date/time)
 *   renderer/i18n/en.ts           base English messages (keys typed from it); zh-CN.ts must have every key
 *   renderer/navigation/routes.ts ScreenRoute, navigate(), useRoute(), paths (every path of the app) — how a screen registers
 *   renderer/platform/*           Platform adapter (web / electron) and the StockroomBridge preload type
 *
 * Quantities are integers in the product's base unit; money is integer minor units (cents).
 * Every quantity shown is the PROJECTED level of DESIGN §5 (shared/projection.ts `projectLevel`).
 */
import type { Observable } from 'rxjs';
import type { ServerApi } from './wire/transport.js';
import type {
  CollectionName,
  MovementDoc,
  MovementKind,
  MovementStatus,
  ProductDoc,
  ResolutionDoc,
  ResolutionKind,
  Role,
  SettingsDoc,
  StockDoc,
  StoreDoc,
  TillUserDoc,
  TransferDoc,
} from '../../shared/index.js';
import type { JournalTicket } from './commands/journal.js';
import type { PurchasingClient } from './api-purchasing.js';
import type { ReportsClient } from './api-reports.js';
import type { TransferClient } from './api-transfers.js';

export * from './api-purchasing.js';
export * from './api-reports.js';
export * from './api-transfers.js';

export type { JournalTicket, MovementDoc, MovementKind, MovementStatus, ProductDoc, ResolutionDoc, Role, SettingsDoc, StockDoc, StoreDoc, TillUserDoc, TransferDoc };

// ───────────────────────────── session ─────────────────────────────

/** A paired device, persisted in localStorage so a reload keeps it. */
export interface Session {
  /** Base URL of the sync server, e.g. "https://stock.example.com" (no trailing slash, no /trpc). */
  serverUrl: string;
  deviceId: string;
  deviceName: string;
  token: string;
  tenantId: string;
  tenantName: string;
  /** ISO 4217 code of the tenant, e.g. "EUR"; money is formatted with Intl in this currency. */
  currency: string;
  role: Role;
  /** Stores this device may see and write (from auth.pair / auth.whoami). */
  storeIds: string[];
  /** Store the counter screens act on (store switcher). Always one of storeIds when storeIds is non-empty. */
  activeStoreId: string | null;
  pairedAt: number;
  /**
   * The local database this device keeps. Pairing again (a new code after a revocation) keeps
   * it, so pending movements are pushed under the new identity (DESIGN §5). Absent: the name
   * the first pairing gave (tenant + device id).
   */
  dbName?: string;
  /** Device ids this installation was paired as before (its own movements carry them). */
  formerDeviceIds?: string[];
}

export interface PairRequest {
  serverUrl: string;
  code: string;
  deviceName: string;
  /** DESIGN §8: plain http:// to a non-local host is refused unless this is true. */
  allowInsecureHttp: boolean;
}

/** Why pairing failed; `problemType` is the server's `data.problem.type` when there was one. */
export type PairErrorKind =
  | 'insecure-http'
  | 'bad-url'
  | 'unreachable'
  | 'invalid-code'
  | 'rate-limited'
  | 'invalid-input'
  | 'server';

// ───────────────────────────── sync health ─────────────────────────────

export type ConnectionState = 'online' | 'connecting' | 'offline';

export interface InitialSyncProgress {
  /** True until the first full pull of every collection finished (show the progress bar). */
  running: boolean;
  /** Collection being pulled now. */
  collection: string | null;
  /** Documents pulled so far over all collections. */
  loaded: number;
  /** 0..1 best estimate (by collection steps and batch sizes); null when unknown. */
  fraction: number | null;
}

export interface SyncHealth {
  connection: ConnectionState;
  /** Movements written on this device not yet confirmed by the server. */
  pendingCount: number;
  /** clientTime of the oldest pending movement (ms epoch) or null. */
  oldestPendingAt: number | null;
  /** Last time a pull or stream event completed (ms epoch) or null. Used as the "as of" time of quantities. */
  lastSyncAt: number | null;
  /** Rejected movements not yet acknowledged on this device. */
  exceptionCount: number;
  initialSync: InitialSyncProgress;
  /** Last transport error message (retrying) or null. */
  lastError: string | null;
  /** The server revoked this device or the token is unknown: the UI should offer re-pairing. */
  unauthenticated: boolean;
}

// ───────────────────────────── queries ─────────────────────────────

/** In-memory catalog index over all products (name / SKU / barcode); search p95 ≤ 30 ms at 50 000 products. */
export interface CatalogIndex {
  /** Ranked: exact barcode, exact SKU, SKU prefix, name word-prefix matches, then substring. Inactive products last. */
  search(query: string, limit?: number): ProductDoc[];
  /** Compute ahead (in idle time) what `search(char, limit)` returns, for the current catalog. */
  warmFirstKeystroke(char: string, limit?: number): void;
  get(productId: string): ProductDoc | undefined;
  byBarcode(barcode: string): ProductDoc | undefined;
  bySku(sku: string): ProductDoc | undefined;
  /** All non-deleted products, sorted by name (stable array until the next change). */
  all(): readonly ProductDoc[];
  size(): number;
  /** Increments on every change; subscribe with useSyncExternalStore. */
  version(): number;
  subscribe(listener: () => void): () => void;
}

export interface ProjectedLevel {
  storeId: string;
  productId: string;
  /** The number to show: stock.onHand + Σ unapplied own movements (DESIGN §5). */
  level: number;
  /** Server level as last seen (0 when no stock row yet). */
  onHand: number;
  /** Σ delta of this device's movements the server level does not include yet. */
  unappliedDelta: number;
  reorderPoint: number | null;
  criticalPoint: number | null;
  /** Whether a stock row exists locally for this store × product. */
  hasStockRow: boolean;
  /**
   * Ever stocked here: the server applied a movement to it (appliedSeq > 0) or this device has
   * one not applied yet. A product never stocked at a store does not alert there (DESIGN §7).
   */
  stocked: boolean;
}

/** In-memory projected levels, updated incrementally from the RxDB change streams. */
export interface LevelIndex {
  get(storeId: string, productId: string): ProjectedLevel;
  /** All store × product pairs known for a store (stock rows or own movements). */
  forStore(storeId: string): ProjectedLevel[];
  version(): number;
  subscribe(listener: () => void): () => void;
}

/** A row of the stock list: product + its projected level in one store. */
export interface StockRow {
  product: ProductDoc;
  level: ProjectedLevel;
  /** 'out' ≤ 0, 'critical' ≤ criticalPoint, 'low' ≤ reorderPoint, else 'ok' (DESIGN §7). */
  state: 'ok' | 'low' | 'critical' | 'out';
}

export interface MovementQuery {
  storeId: string;
  productId?: string;
  ticketId?: string;
  status?: MovementStatus;
  kinds?: MovementKind[];
  /** Newest first; default 200. */
  limit?: number;
}

/** A rejected movement shown in the exceptions list, with the server's reason. */
export interface SyncException {
  movement: MovementDoc;
  product: ProductDoc | undefined;
  /** e.g. "only 3 available" (from rejection.available / requested). */
  requested: number | null;
  available: number | null;
  message: string;
}

export type ExceptionResolution = ResolutionKind;

/** An exception that left the list: how, by whom, when (DESIGN §5 history). */
export interface ResolvedException {
  resolution: ResolutionDoc;
  /** The rejected movement, when this device holds it. */
  movement: MovementDoc | undefined;
  product: ProductDoc | undefined;
}

/** What the owner edits in the business settings (DESIGN §2). */
export interface SettingsInput {
  businessName: string;
  /** ISO 4217. */
  currency: string;
  /** IANA time zone. */
  timezone: string;
}

/** A till user as the owner or a manager edits it: `pin` undefined keeps it, null removes it. */
export interface TillUserInput {
  id?: string;
  name: string;
  pin?: string | null;
  active: boolean;
}

/** "your change to <field> was overridden": the server kept its value for a field this device changed. */
export interface OverrideNotice {
  id: string;
  collection: Exclude<CollectionName, 'movements'>;
  docId: string;
  /** Product name / store name for display. */
  label: string;
  fields: string[];
  at: number;
}

// ───────────────────────────── commands ─────────────────────────────

export interface TicketLineInput {
  productId: string;
  /** Positive quantity sold / received, in base units. */
  qty: number;
}

export interface SaleInput {
  lines: TicketLineInput[];
  /** Defaults to the active store. */
  storeId?: string;
  /** Defaults to the till user chosen on this device. */
  actor?: string | null;
  /** The rejected sales this sale enters again (resolves those exceptions). */
  resolves?: readonly string[] | null;
}

export interface TicketResult {
  ticketId: string;
  movementIds: string[];
  /** Σ qty × priceCents (sales) — receipts report 0. */
  totalCents: number;
}

export interface LastTicket {
  ticketId: string;
  storeId: string;
  clientTime: number;
  lines: Array<{ productId: string; qty: number; movementId: string; status: MovementStatus }>;
  voided: boolean;
}

export interface AdjustmentInput {
  productId: string;
  /** Signed, non-zero. */
  delta: number;
  /** 1–64 characters (presets: damaged / expired / lost / found). */
  reason: string;
  storeId?: string;
}

export interface CountInput {
  productId: string;
  countedQty: number;
  /** Defaults to the projected level at the moment of recording. */
  expectedQty?: number;
  storeId?: string;
  /** The rejected movement this count resolves (exceptions list → Count the shelf). */
  resolves?: string | null;
}

export interface LineVoidInput {
  /** The sale movement of the line. */
  saleMovementId: string;
  qty: number;
  reason: string;
}

/** Product fields a screen may write (catalog editor, CSV import). `id` absent → a new UUIDv7. */
export type ProductInput = Omit<ProductDoc, 'id' | 'seq' | '_deleted' | 'updatedAt' | 'supplierId' | 'supplierSku' | 'packSize'> &
  Partial<Pick<ProductDoc, 'supplierId' | 'supplierSku' | 'packSize'>> & { id?: string };

/** ADDED by H4: what the owner's store form writes. `id` absent → a new store. */
export interface StoreInput {
  id?: string;
  name: string;
  timezone: string;
  allowNegativeStock: boolean;
}

/** ADDED by H4: one product's thresholds for `setThresholdsMany`. */
export interface ThresholdsRow {
  productId: string;
  reorderPoint: number | null;
  criticalPoint: number | null;
}

export interface ImportProgress {
  done: number;
  total: number;
}

export interface DigestCheck {
  storeId: string;
  local: string;
  server: string;
  serverSeq: number;
  match: boolean;
}

/** The facade every screen uses (one per paired session). Get it with useStockroom(). */
export interface StockroomClient extends TransferClient, PurchasingClient, ReportsClient {
  readonly session: Session;
  readonly session$: Observable<Session>;

  // health
  readonly health$: Observable<SyncHealth>;
  getHealth(): SyncHealth;

  // stores
  readonly stores$: Observable<StoreDoc[]>;
  /** The stores this device works in (owners: all), by name. */
  getStores(): StoreDoc[];
  /** Every store of the tenant, by name: where a transfer can go or came from. */
  readonly storeDirectory$: Observable<StoreDoc[]>;
  getStoreDirectory(): StoreDoc[];
  readonly activeStoreId$: Observable<string | null>;
  setActiveStore(storeId: string): void;

  // in-memory indexes (synchronous reads; subscribe for repaint)
  /**
   * The session's tRPC client, for what screens read from the server itself (devices, history
   * older than the pull window, reports) through react-query (`useServerQuery`): the same
   * client as sync, gone with the session on sign-out.
   */
  readonly server: ServerApi;
  readonly catalog: CatalogIndex;
  readonly levels: LevelIndex;
  stockRows(storeId: string): StockRow[];
  /** Raw stock doc (thresholds etc.). */
  getStock(storeId: string, productId: string): StockDoc | undefined;

  // observable queries over RxDB
  movements$(query: MovementQuery): Observable<MovementDoc[]>;
  readonly exceptions$: Observable<SyncException[]>;
  readonly notices$: Observable<OverrideNotice[]>;
  lastTicket$(storeId: string): Observable<LastTicket | null>;

  // commands: local write first, return at once; sync runs behind
  sell(input: SaleInput): Promise<TicketResult>;
  voidTicket(ticketId: string, reason: string): Promise<string[]>;
  receive(input: SaleInput & { reference?: string | null }): Promise<TicketResult>;
  adjust(input: AdjustmentInput): Promise<string>;
  count(input: CountInput): Promise<string>;
  /** A manager or the owner takes an exception off the list, with a reason (kept in the history). */
  dismissException(movementId: string, reason: string): Promise<void>;
  readonly exceptionHistory$: Observable<ResolvedException[]>;
  /** Every ticket of a store this device holds (the pull window), newest first. */
  journal$(storeId: string): Observable<JournalTicket[]>;
  /** Void or return part of a line of a past ticket. */
  voidLine(input: LineVoidInput): Promise<string>;

  // business settings and till users
  readonly settings$: Observable<SettingsDoc | null>;
  getSettings(): SettingsDoc | null;
  saveSettings(input: SettingsInput): Promise<void>;
  readonly tillUsers$: Observable<readonly TillUserDoc[]>;
  saveTillUser(input: TillUserInput): Promise<TillUserDoc>;
  /** The person at the till (recorded as each movement's actor); null: nobody chosen. */
  readonly tillUser$: Observable<TillUserDoc | null>;
  getTillUser(): TillUserDoc | null;
  /** Switch the person at the till; false when the PIN does not open that user. */
  switchTillUser(userId: string | null, pin?: string | null): Promise<boolean>;
  dismissNotice(noticeId: string): void;

  // catalog + thresholds (owner / manager)
  upsertProduct(input: ProductInput): Promise<ProductDoc>;
  importProducts(rows: ProductInput[], onProgress?: (p: ImportProgress) => void): Promise<number>;
  setThresholds(
    storeId: string,
    productId: string,
    thresholds: { reorderPoint: number | null; criticalPoint: number | null },
  ): Promise<void>;

  // ADDED by H4 (catalog/admin screens), same write path as the catalog commands above:
  /** Owner: create (no id → UUIDv7) or change a store; local write first, pushed on `stores` (DESIGN §3). */
  upsertStore?(input: StoreInput): Promise<StoreDoc>;
  /** Reorder / critical points of many products of one store in bulk writes (CSV import). */
  setThresholdsMany?(storeId: string, rows: ThresholdsRow[]): Promise<void>;

  // sync control
  syncNow(): Promise<void>;
  /** Resolves when the initial pull of every collection is done. */
  whenInitialSyncDone(): Promise<void>;
  verifyDigest(storeId: string): Promise<DigestCheck>;
  /** Stop replication and close the database (keeps local data). */
  close(): Promise<void>;
  /** Forget the session and delete the local database. */
  signOut(): Promise<void>;
}

export const ADJUSTMENT_REASON_PRESETS = ['damaged', 'expired', 'lost', 'found'] as const;
export type AdjustmentReasonPreset = (typeof ADJUSTMENT_REASON_PRESETS)[number];
