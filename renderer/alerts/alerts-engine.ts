/**
 * The renderer's alert loop (DESIGN §7): every tick it reads the projected
 * levels from the data layer (so it works offline), runs the pure rules of
 * shared/alerts, shows what they say through the platform adapter (native
 * notifier in Electron, Web Notifications in a browser), keeps the alert
 * centre's history and reports the counts for the tray. No timer in here:
 * the runner (alerts-runner.tsx) calls tick().
 */
import {
  ALERT_TEMPLATES_EN,
  createAlertState,
  describeAlertNotice,
  dynamicReorderPoints,
  evaluateAlerts,
  isProductSnoozed,
  isTransferAlert,
  resolveAlertSettings,
  snoozeProduct,
  snoozeTransfer,
  transferSnoozeKey,
  unsnoozeProduct,
  unsnoozeTransfer,
  type AlertCounts,
  type AlertNames,
  type AlertNotice,
  type AlertSettings,
  type AlertState,
  type AlertTemplates,
  type AlertTrack,
  type TransferAlertInput,
  type VelocityMovement,
} from '../../shared/alerts/index.js';
import { isTransferOverdue } from '../../shared/index.js';
import type { NotifyRequest } from '../platform/index.js';
import { AlertRowCollector, type RowSources } from './alert-rows.js';
import { mergeHistory, type AlertHistoryEntry, type AlertPersistence } from './alert-history.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The transfers this device sees (client.transfers), for the transfer alerts. */
export interface TransferSource {
  /** Every transfer, projected. */
  all(): readonly TransferAlertInput[];
  /** Keeps the data layer's notion of overdue (in transit, stock list) the alert setting's. */
  setOverdueDays(days: number): void;
}

export interface AlertsEngineDeps {
  rows: RowSources;
  /** Absent: no transfer alerts. */
  transfers?: TransferSource;
  stores(): readonly { id: string; name: string }[];
  /** Every store of the tenant, for names (a transfer's other end may be a store this device does not watch); defaults to stores(). */
  storeDirectory?(): readonly { id: string; name: string }[];
  product(productId: string): { name: string; unit: string } | undefined;
  /** Sale and void movements of these stores since `since` (for the dynamic reorder point). */
  sales?(storeIds: readonly string[], since: number): Promise<VelocityMovement[]>;
  notify(request: NotifyRequest): Promise<void>;
  setTrayCounts(counts: AlertCounts): void;
  persistence: AlertPersistence;
  now(): number;
  defaults: AlertSettings;
  loadSettings(): Promise<unknown>;
  saveSettings(settings: AlertSettings): Promise<void>;
  onError?(error: unknown): void;
}

/**
 * A summary's click opens the alert centre: an empty product id says so (see StockroomBridge.notify).
 * A transfer alert names its transfer in the optional `transferId` (the product stays empty, so an
 * older shell opens the alert centre, which lists it with a link to the transfer).
 */
export function noticeRequest(notice: AlertNotice, text: { title: string; body: string }): NotifyRequest {
  if (notice.kind === 'summary') return { ...text, productId: '', storeId: '' };
  const item = notice.item;
  return isTransferAlert(item)
    ? { ...text, productId: '', storeId: '', transferId: item.transferId }
    : { ...text, productId: item.productId, storeId: item.storeId };
}

function stateChanged(a: AlertState, b: AlertState): boolean {
  if (a.snoozes !== b.snoozes || a.transfers !== b.transfers || a.held.length !== b.held.length || a.sentAt.length !== b.sentAt.length) return true;
  if (a.held.some((h, i) => h !== b.held[i]) || a.sentAt.some((t, i) => t !== b.sentAt[i])) return true;
  if (a.tracks.size !== b.tracks.size) return true;
  for (const [key, track] of b.tracks) if (a.tracks.get(key) !== track) return true;
  return false;
}

export class AlertsEngine {
  private state: AlertState;
  private history: AlertHistoryEntry[];
  private settings: AlertSettings;
  private counts: AlertCounts = { low: 0, critical: 0, out: 0 };
  private templates: AlertTemplates = ALERT_TEMPLATES_EN;
  private collector = new AlertRowCollector();
  private dynamic: ReadonlyMap<string, number> | null = null;
  private dynamicKey = '';
  private dynamicAt = -Infinity;
  private ver = 0;
  private listeners = new Set<() => void>();
  private lastTickAt: number | null = null;
  private countsReported = false;
  private watchKey: readonly string[] | null = null;
  private watchSet: ReadonlySet<string> | null = null;
  readonly ready: Promise<void>;

  constructor(private deps: AlertsEngineDeps) {
    this.state = deps.persistence.loadState();
    this.history = deps.persistence.loadHistory();
    this.settings = deps.defaults;
    deps.transfers?.setOverdueDays(deps.defaults.transferOverdueDays);
    this.ready = deps.loadSettings().then(
      (stored) => this.applySettings(resolveAlertSettings(stored, deps.defaults)),
      (error: unknown) => deps.onError?.(error),
    );
  }

  // ── reads (for the alert centre; subscribe with useSyncExternalStore) ──

  getSettings = (): AlertSettings => this.settings;
  getHistory = (): readonly AlertHistoryEntry[] => this.history;
  getCounts = (): AlertCounts => this.counts;
  getLastTickAt = (): number | null => this.lastTickAt;
  version = (): number => this.ver;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Store × product rows below a threshold right now, worst first. */
  current(): AlertTrack[] {
    const list: AlertTrack[] = [];
    for (const track of this.state.tracks.values()) if (track.severity > 0) list.push(track);
    return list.sort((a, b) => b.severity - a.severity || a.qty - b.qty);
  }

  /** Transfers on the road longer than the setting, in the watched stores (either end), oldest first. */
  overdueTransfers(): TransferAlertInput[] {
    const source = this.deps.transfers;
    if (!source) return [];
    const now = this.deps.now();
    const watch = this.watchStores();
    return source
      .all()
      .filter((t) => (watch === null || watch.has(t.fromStoreId) || watch.has(t.toStoreId)) && isTransferOverdue(t, this.settings.transferOverdueDays, now))
      .sort((a, b) => (a.sentAt ?? 0) - (b.sentAt ?? 0));
  }

  transferSnoozedUntil(transferId: string): number | null {
    return this.snoozedUntil(transferSnoozeKey(transferId));
  }

  isSnoozed(productId: string): boolean {
    return isProductSnoozed(this.state, productId, this.deps.now());
  }

  snoozedUntil(productId: string): number | null {
    const until = this.state.snoozes.get(productId);
    return until !== undefined && until > this.deps.now() ? until : null;
  }

  // ── writes ──

  setTemplates(templates: AlertTemplates): void {
    this.templates = templates;
  }

  async updateSettings(settings: AlertSettings): Promise<void> {
    this.applySettings(settings);
    await this.deps.saveSettings(settings);
    this.tick();
  }

  snooze(productId: string, until: number): void {
    this.setState(snoozeProduct(this.state, productId, until));
  }

  unsnooze(productId: string): void {
    this.setState(unsnoozeProduct(this.state, productId));
  }

  /** Snooze a transfer's alerts (overdue, written off): what falls due meanwhile is told after, if still current. */
  snoozeTransfer(transferId: string, until: number): void {
    this.setState(snoozeTransfer(this.state, transferId, until));
  }

  unsnoozeTransfer(transferId: string): void {
    this.setState(unsnoozeTransfer(this.state, transferId));
  }

  clearHistory(): void {
    this.history = [];
    this.deps.persistence.saveHistory(this.history);
    this.emit();
  }

  /** Forget every crossing (e.g. after thresholds were redone): the next tick tells what is short now. */
  reset(): void {
    this.setState(createAlertState());
  }

  /** One evaluation. Returns what was shown, for tests and logs. */
  tick(): AlertNotice[] {
    const now = this.deps.now();
    const settings = this.settings;
    const storeIds =
      settings.scope.mode === 'all' ? this.deps.stores().map((s) => s.id) : settings.scope.storeIds;
    if (settings.dynamicReorder.enabled) this.maybeRefreshDynamic(storeIds, now);
    const rows = this.collector.collect(
      this.deps.rows,
      storeIds,
      settings.dynamicReorder.enabled ? this.dynamic : null,
    );
    const transfers = this.deps.transfers?.all();
    const result = evaluateAlerts(this.state, {
      now,
      rows,
      settings,
      // rows are collected for the watched stores only; a transfer is watched when either end is
      watchStores: transfers === undefined ? null : this.watchStores(),
      ...(transfers === undefined ? {} : { transfers }),
    });

    if (stateChanged(this.state, result.state)) this.deps.persistence.saveState(result.state);
    this.state = result.state;
    this.lastTickAt = now;
    if (result.events.length > 0) {
      this.history = mergeHistory(this.history, result.events);
      this.deps.persistence.saveHistory(this.history);
    }
    const c = result.counts;
    if (!this.countsReported || c.low !== this.counts.low || c.critical !== this.counts.critical || c.out !== this.counts.out) {
      this.countsReported = true;
      this.counts = c;
      this.deps.setTrayCounts(c);
    }
    if (result.notices.length > 0) {
      const names = this.names();
      for (const notice of result.notices) {
        const request = noticeRequest(notice, describeAlertNotice(notice, names, this.templates));
        this.deps.notify(request).catch((error: unknown) => this.deps.onError?.(error));
      }
    }
    this.emit();
    return result.notices;
  }

  private names(): AlertNames {
    const stores = new Map((this.deps.storeDirectory?.() ?? this.deps.stores()).map((s) => [s.id, s.name]));
    return {
      productName: (id) => this.deps.product(id)?.name,
      storeName: (id) => stores.get(id),
      unit: (id) => this.deps.product(id)?.unit,
    };
  }

  private applySettings(settings: AlertSettings): void {
    this.settings = settings;
    this.deps.transfers?.setOverdueDays(settings.transferOverdueDays);
    this.emit();
  }

  /** The scope as a set (null: every store), rebuilt only when the scope changes. */
  private watchStores(): ReadonlySet<string> | null {
    const scope = this.settings.scope;
    if (scope.mode === 'all') return null;
    if (this.watchKey !== scope.storeIds) {
      this.watchKey = scope.storeIds;
      this.watchSet = new Set(scope.storeIds);
    }
    return this.watchSet;
  }

  private setState(state: AlertState): void {
    this.state = state;
    this.deps.persistence.saveState(state);
    this.emit();
  }

  /** Sales velocity changes slowly: recompute hourly, or when its settings or stores change. */
  private maybeRefreshDynamic(storeIds: readonly string[], now: number): void {
    const { days, leadTimeDays } = this.settings.dynamicReorder;
    const key = `${days}|${leadTimeDays}|${storeIds.join(',')}`;
    if (!this.deps.sales || (key === this.dynamicKey && now - this.dynamicAt < HOUR_MS)) return;
    this.dynamicKey = key;
    this.dynamicAt = now;
    this.deps.sales(storeIds, now - days * DAY_MS).then(
      (movements) => {
        this.dynamic = dynamicReorderPoints(movements, now, days, leadTimeDays);
        this.emit();
      },
      (error: unknown) => {
        this.dynamicAt = -Infinity; // try again next tick
        this.deps.onError?.(error);
      },
    );
  }

  private emit(): void {
    this.ver++;
    for (const l of this.listeners) l();
  }
}
