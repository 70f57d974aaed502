/**
 * Types of the low-stock alert rules (DESIGN §7). Everything here is plain
 * data so the state can be persisted (localStorage) and the rules stay pure.
 */

/** Severity as a number so comparisons are cheap in the hot loop: 0 ok, 1 low, 2 critical, 3 out. */
export type Severity = 0 | 1 | 2 | 3;
export const ALERT_LEVELS = ['ok', 'low', 'critical', 'out'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];
export type AlertingLevel = Exclude<AlertLevel, 'ok'>;

/**
 * One store × product to evaluate. The caller may reuse these objects between
 * ticks; the evaluator never keeps a reference to a row.
 */
export interface AlertRow {
  /** `<storeId>:<productId>` (the stock id). */
  key: string;
  storeId: string;
  productId: string;
  /** Projected level (DESIGN §5). */
  qty: number;
  /** Effective reorder point (manual, or dynamic from sales velocity); null = none. */
  reorderPoint: number | null;
  criticalPoint: number | null;
  /** False for a product never stocked at this store (no movement applied there): it does not alert. Absent: stocked. */
  stocked?: boolean;
  /**
   * Units coming to this store on transfers that are not overdue (`comingOnTransfers`). They count
   * towards the reorder point only: `low` is judged on `qty + incoming`, `critical` and `out` on
   * `qty` (the shelf is what it is now). Absent: 0.
   */
  incoming?: number;
}

/** What the evaluator remembers about one store × product that is (or recently was) not ok. */
export interface AlertTrack {
  readonly storeId: string;
  readonly productId: string;
  /** Severity observed at the last evaluation. */
  readonly severity: Severity;
  readonly qty: number;
  readonly reorderPoint: number | null;
  readonly criticalPoint: number | null;
  /** Since when the level has been at least low / critical / out without a break; -1 when not. */
  readonly lowSince: number;
  readonly criticalSince: number;
  readonly outSince: number;
  /** Worst level already notified for this crossing; 0 = armed for every level. */
  readonly notified: Severity;
}

/** One alert that passed every rule: a crossing into `level`, held for sustainSeconds. */
export interface StockAlertItem {
  key: string;
  storeId: string;
  productId: string;
  level: AlertingLevel;
  qty: number;
  reorderPoint: number | null;
  criticalPoint: number | null;
  /** When it was committed (ms epoch). */
  at: number;
}

export const TRANSFER_ALERT_LEVELS = ['overdue', 'written-off'] as const;
/** `overdue`: in transit longer than `transferOverdueDays`; `written-off`: closed with units written off. */
export type TransferAlertLevel = (typeof TRANSFER_ALERT_LEVELS)[number];

/** One transfer alert (DESIGN §7), told once per transfer and kind through the same rules as stock alerts. */
export interface TransferAlertItem {
  /** `transfer:<transferId>:<level>` (ids have no `:`, so this never collides with a stock key). */
  key: string;
  transferId: string;
  fromStoreId: string;
  toStoreId: string;
  level: TransferAlertLevel;
  /** Units in transit (overdue) or written off (written-off). */
  units: number;
  /** Whole days on the road at `at` (overdue); days it took (written-off). */
  days: number;
  /** When it was committed (ms epoch). */
  at: number;
}

export type AlertItem = StockAlertItem | TransferAlertItem;

export function isTransferAlert(item: AlertItem): item is TransferAlertItem {
  return item.level === 'overdue' || item.level === 'written-off';
}

/** What to show the person: one product, or one summary folding the rest (rate cap, quiet hours). */
export type AlertNotice =
  | { kind: 'single'; item: AlertItem }
  | { kind: 'summary'; items: AlertItem[] };

/** How a committed crossing was (or will be) delivered; kept in the alert centre history. */
export type AlertDelivery = 'notified' | 'summary' | 'held';

export interface AlertEvent {
  item: AlertItem;
  delivery: AlertDelivery;
}

export interface AlertCounts {
  low: number;
  critical: number;
  out: number;
}

export interface AlertState {
  /** Sparse: only rows that are not ok, or still inside the hysteresis band after a notification. */
  readonly tracks: ReadonlyMap<string, AlertTrack>;
  /** productId → snoozed until (ms epoch); `transfer:<transferId>` for a snoozed transfer (ids have no `:`). */
  readonly snoozes: ReadonlyMap<string, number>;
  /** When each of the notifications of the last minute was shown (rate cap). */
  readonly sentAt: readonly number[];
  /** Committed alerts not shown yet (quiet hours, or the minute's budget used up): shown as one summary later. */
  readonly held: readonly AlertItem[];
  /**
   * transferId → the transfer alert levels already told for it (once per transfer and kind).
   * Kept while the transfer can still matter: in transit, or closed within the write-off window.
   */
  readonly transfers: ReadonlyMap<string, readonly TransferAlertLevel[]>;
}

export interface QuietHours {
  enabled: boolean;
  /** "HH:MM", local to `timeZone`. Start after end means the quiet time spans midnight. */
  start: string;
  end: string;
  /** IANA zone, e.g. "Europe/Berlin" (the device's zone by default). */
  timeZone: string;
}

export interface HysteresisSettings {
  /** Re-arm only above threshold + max(units, ceil(threshold × percent / 100)). */
  units: number;
  percent: number;
}

export interface DynamicReorderSettings {
  enabled: boolean;
  /** Average daily sales over this many days (at most the 60 days a device keeps). */
  days: number;
  /** Days a delivery takes: reorder point = average daily sales × leadTimeDays. */
  leadTimeDays: number;
}

export type AlertScope = { mode: 'all' } | { mode: 'stores'; storeIds: string[] };

export interface AlertSettings {
  /** Timer period of the renderer's evaluation loop. */
  intervalSeconds: number;
  hysteresis: HysteresisSettings;
  /** A level must hold this long before it is notified (filters flapping). */
  sustainSeconds: number;
  /** Notifications per rolling minute; more are folded into one summary. */
  maxPerMinute: number;
  quietHours: QuietHours;
  scope: AlertScope;
  dynamicReorder: DynamicReorderSettings;
  /** A transfer on the road longer than this many days is overdue (alert, and its incoming no longer counts as coming). */
  transferOverdueDays: number;
}
