import type { TransferDoc } from '../schemas/index.js';
import { isTransferOverdue, transferInTransit, transferWrittenOff } from '../transfers.js';
import { rearm, severityOf } from './levels.js';
import { isQuietTime } from './quiet-hours.js';
import { reorderQuantity } from './transit.js';
import {
  ALERT_LEVELS,
  isTransferAlert,
  type AlertCounts,
  type AlertEvent,
  type AlertItem,
  type AlertNotice,
  type AlertRow,
  type AlertSettings,
  type AlertState,
  type AlertTrack,
  type AlertingLevel,
  type Severity,
  type TransferAlertItem,
  type TransferAlertLevel,
} from './types.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/**
 * A transfer closed with write-offs alerts only while its closing is recent: a device paired
 * today does not tell every write-off of the past year, and the "told" mark can be forgotten
 * once the window has passed.
 */
export const WRITE_OFF_ALERT_DAYS = 7;
const NO_MARKS: readonly TransferAlertLevel[] = [];

export function createAlertState(): AlertState {
  return { tracks: new Map(), snoozes: new Map(), sentAt: [], held: [], transfers: new Map() };
}

/** What the transfer alerts read of a transfer (the device's projected document). */
export type TransferAlertInput = Pick<TransferDoc, 'id' | 'fromStoreId' | 'toStoreId' | 'lines' | 'state' | 'sentAt' | 'closedAt'>;

/** The snooze key of a transfer: product ids have no `:`, so it shares the product snooze map safely. */
export function transferSnoozeKey(transferId: string): string {
  return `transfer:${transferId}`;
}

export interface EvaluateInput {
  /** The injected clock (ms epoch). */
  now: number;
  rows: Iterable<AlertRow>;
  settings: AlertSettings;
  /** Stores this device watches; null = every store in `rows` (owner default). A transfer is watched when either end is. */
  watchStores: ReadonlySet<string> | null;
  /** Every transfer the device sees (projected); absent: no transfer alerts this tick. */
  transfers?: Iterable<TransferAlertInput>;
}

export interface EvaluateResult {
  state: AlertState;
  /** What to show now: singles, and at most one summary. */
  notices: AlertNotice[];
  /** For the alert centre history: new crossings, and held ones delivered now. Upsert by `alertItemId`. */
  events: AlertEvent[];
  /** Rows in scope per current level (snoozed included): tray and badge. */
  counts: AlertCounts;
}

export function alertItemId(item: AlertItem): string {
  return `${item.key}@${item.at}@${item.level}`;
}

function severityOfLevel(level: AlertingLevel): Severity {
  return ALERT_LEVELS.indexOf(level) as Severity;
}

/** Order within a tick, worst first: out, then critical and transfer alerts, then low. */
function rankOf(item: AlertItem): number {
  return isTransferAlert(item) ? 2 : severityOfLevel(item.level);
}

function sustained(since: number, now: number, sustainMs: number): boolean {
  return since >= 0 && now - since >= sustainMs;
}

/**
 * One tick of the alert rules (DESIGN §7): state in, new state and
 * notifications out. Pure: the clock is `input.now`, nothing is mutated, and
 * the caller owns the timer. Per row the work is a few comparisons; only rows
 * that are not ok (or still in a hysteresis band) touch the sparse track map.
 */
export function evaluateAlerts(state: AlertState, input: EvaluateInput): EvaluateResult {
  const { now, settings, watchStores } = input;
  const h = settings.hysteresis;
  const bandUnits = h.units;
  const bandPercent = h.percent / 100;
  const sustainMs = Math.max(0, settings.sustainSeconds) * 1000;
  const snoozes = pruneSnoozes(state.snoozes, now);
  const prevTracks = state.tracks;
  const tracks = new Map<string, AlertTrack>();
  const due: AlertItem[] = [];
  const counts: AlertCounts = { low: 0, critical: 0, out: 0 };

  for (const row of input.rows) {
    const rp = row.reorderPoint;
    const cp = row.criticalPoint;
    // DESIGN §7: a product never stocked at a store does not alert there until it has been.
    if ((rp === null && cp === null) || row.stocked === false) continue;
    const qty = row.qty;
    // Fast path for most rows, inlined on purpose (this loop runs over every stock row):
    // above the highest threshold's hysteresis band there is nothing to tell or remember.
    // Same formula as rearmLimit(top, h), which grows with the threshold, so it covers every band.
    const top = rp === null ? (cp as number) : cp === null || cp < rp ? rp : cp;
    if (qty > top + Math.max(bandUnits, Math.ceil(Math.max(0, top) * bandPercent))) continue;
    if (watchStores !== null && !watchStores.has(row.storeId)) continue;
    // Only the reorder point looks at what is coming on transfers (transit.ts).
    const lowQty = reorderQuantity(qty, row.incoming);
    const severity = severityOf(qty, rp, cp, lowQty);
    if (severity === 1) counts.low++;
    else if (severity === 2) counts.critical++;
    else if (severity === 3) counts.out++;

    const prev = prevTracks.get(row.key);
    if (severity === 0 && prev === undefined) continue;
    const armedAt = prev === undefined ? 0 : rearm(prev.notified, qty, rp, cp, h, lowQty);
    if (severity === 0 && armedAt === 0) continue; // recovered past the hysteresis: forget it

    // A level's clock starts when it is first reached and keeps running while it (or worse) holds.
    const lowSince = severity >= 1 ? (prev !== undefined && prev.lowSince >= 0 ? prev.lowSince : now) : -1;
    const criticalSince =
      severity >= 2 ? (prev !== undefined && prev.criticalSince >= 0 ? prev.criticalSince : now) : -1;
    const outSince = severity >= 3 ? (prev !== undefined && prev.outSince >= 0 ? prev.outSince : now) : -1;

    let candidate: Severity = 0;
    if (sustained(outSince, now, sustainMs)) candidate = 3;
    else if (sustained(criticalSince, now, sustainMs)) candidate = 2;
    else if (sustained(lowSince, now, sustainMs)) candidate = 1;

    let notified = armedAt;
    // A snoozed product is not marked notified, so it is told once the snooze ends if still low.
    if (candidate > notified && !snoozedAt(snoozes, row.productId, now)) {
      notified = candidate;
      due.push({
        key: row.key,
        storeId: row.storeId,
        productId: row.productId,
        level: ALERT_LEVELS[candidate] as AlertingLevel,
        qty,
        reorderPoint: rp,
        criticalPoint: cp,
        at: now,
      });
    }

    const unchanged =
      prev !== undefined &&
      prev.severity === severity &&
      prev.qty === qty &&
      prev.reorderPoint === rp &&
      prev.criticalPoint === cp &&
      prev.lowSince === lowSince &&
      prev.criticalSince === criticalSince &&
      prev.outSince === outSince &&
      prev.notified === notified;
    tracks.set(
      row.key,
      unchanged
        ? prev
        : {
            storeId: row.storeId,
            productId: row.productId,
            severity,
            qty,
            reorderPoint: rp,
            criticalPoint: cp,
            lowSince,
            criticalSince,
            outSince,
            notified,
          },
    );
  }

  const transfers = evaluateTransfers(state.transfers, input, snoozes, due);
  const { notices, events, sentAt, held } = dispatch(state, due, tracks, transfers.live, snoozes, settings, now);
  return { state: { tracks, snoozes, sentAt, held, transfers: transfers.told }, notices, events, counts };
}

/**
 * Transfer alerts (DESIGN §7): `overdue` while a transfer is on the road longer than
 * `transferOverdueDays`, `written-off` once it closed with units written off (within
 * WRITE_OFF_ALERT_DAYS). Each is told once per transfer (the mark persists with the state);
 * a snoozed transfer is not marked, so it is told after the snooze if still current. Sustain
 * and hysteresis do not apply: these are facts about a document, not a level that flaps.
 * Pushes what is due onto `due`; returns the marks to keep and the keys that are current now
 * (a held alert whose condition passed, e.g. received overnight, is dropped).
 */
function evaluateTransfers(
  prevTold: ReadonlyMap<string, readonly TransferAlertLevel[]>,
  input: EvaluateInput,
  snoozes: ReadonlyMap<string, number>,
  due: AlertItem[],
): { told: ReadonlyMap<string, readonly TransferAlertLevel[]>; live: ReadonlySet<string> } {
  const { now, watchStores, settings } = input;
  const live = new Set<string>();
  if (input.transfers === undefined) return { told: prevTold, live };
  // Marks of transfers not seen this tick (not loaded yet, out of scope) are kept, so a restart
  // or a scope change never tells again; a transfer seen with nothing left to tell is forgotten.
  let told: Map<string, readonly TransferAlertLevel[]> | null = null;
  const write = () => (told ??= new Map(prevTold));
  const days = settings.transferOverdueDays;
  for (const t of input.transfers) {
    if (watchStores !== null && !watchStores.has(t.fromStoreId) && !watchStores.has(t.toStoreId)) continue;
    const overdue = isTransferOverdue(t, days, now);
    const writtenOff =
      t.state === 'closed' && t.closedAt !== null && now - t.closedAt <= WRITE_OFF_ALERT_DAYS * DAY_MS ? transferWrittenOff(t) : 0;
    const prev = prevTold.get(t.id);
    if (!overdue && writtenOff === 0) {
      if (prev !== undefined) write().delete(t.id);
      continue;
    }
    const start = prev ?? NO_MARKS;
    let marks = start;
    const snoozed = snoozedAt(snoozes, transferSnoozeKey(t.id), now);
    const consider = (level: TransferAlertLevel, units: number, until: number) => {
      const key = `transfer:${t.id}:${level}`;
      if (marks.includes(level)) {
        live.add(key);
        return;
      }
      if (snoozed) return;
      marks = [...marks, level];
      live.add(key);
      const item: TransferAlertItem = {
        key,
        transferId: t.id,
        fromStoreId: t.fromStoreId,
        toStoreId: t.toStoreId,
        level,
        units,
        days: t.sentAt === null ? 0 : Math.max(0, Math.floor((until - t.sentAt) / DAY_MS)),
        at: now,
      };
      due.push(item);
    };
    if (overdue) consider('overdue', transferInTransit(t), now);
    if (writtenOff > 0) consider('written-off', writtenOff, t.closedAt ?? now);
    if (marks !== start) write().set(t.id, marks);
  }
  return { told: told ?? prevTold, live };
}

/** Rate cap, quiet hours and summary folding over the crossings committed this tick. */
function dispatch(
  state: AlertState,
  due: AlertItem[],
  tracks: ReadonlyMap<string, AlertTrack>,
  liveTransfers: ReadonlySet<string>,
  snoozes: ReadonlyMap<string, number>,
  settings: AlertSettings,
  now: number,
): Pick<EvaluateResult, 'notices' | 'events'> & Pick<AlertState, 'sentAt' | 'held'> {
  const recent = state.sentAt.filter((t) => now - t < MINUTE_MS);

  // Held items still worth telling: the same crossing is current and the product is not snoozed.
  // A newer crossing of the same row replaces the held one.
  const queue = new Map<string, AlertItem>();
  for (const item of state.held) {
    if (isTransferAlert(item)) {
      if (!liveTransfers.has(item.key) || snoozedAt(snoozes, transferSnoozeKey(item.transferId), now)) continue;
    } else {
      const track = tracks.get(item.key);
      if (track === undefined || track.notified < severityOfLevel(item.level)) continue;
      if (snoozedAt(snoozes, item.productId, now)) continue;
    }
    queue.set(item.key, item);
  }
  for (const item of due) queue.set(item.key, item);

  const notices: AlertNotice[] = [];
  const events: AlertEvent[] = [];
  if (queue.size === 0) return { notices, events, sentAt: recent, held: [] };

  const items = [...queue.values()];
  const budget = Math.max(0, Math.floor(settings.maxPerMinute) - recent.length);
  if (isQuietTime(now, settings.quietHours) || budget === 0) {
    for (const item of due) events.push({ item, delivery: 'held' });
    return { notices, events, sentAt: recent, held: items };
  }

  // Worst first, so the individual notifications are the ones that matter most.
  items.sort((a, b) => rankOf(b) - rankOf(a));
  const singles = items.length <= budget ? items.length : budget - 1;
  for (let i = 0; i < singles; i++) {
    const item = items[i]!;
    notices.push({ kind: 'single', item });
    events.push({ item, delivery: 'notified' });
    recent.push(now);
  }
  if (singles < items.length) {
    const folded = items.slice(singles);
    notices.push({ kind: 'summary', items: folded });
    for (const item of folded) events.push({ item, delivery: 'summary' });
    recent.push(now);
  }
  return { notices, events, sentAt: recent, held: [] };
}

function snoozedAt(snoozes: ReadonlyMap<string, number>, productId: string, now: number): boolean {
  if (snoozes.size === 0) return false;
  const until = snoozes.get(productId);
  return until !== undefined && until > now;
}

function pruneSnoozes(snoozes: ReadonlyMap<string, number>, now: number): ReadonlyMap<string, number> {
  let expired = false;
  for (const until of snoozes.values()) if (until <= now) expired = true;
  if (!expired) return snoozes;
  const kept = new Map<string, number>();
  for (const [productId, until] of snoozes) if (until > now) kept.set(productId, until);
  return kept;
}

/** Snooze a product (every store) until `until`; crossings meanwhile are told after it ends if still current. */
export function snoozeProduct(state: AlertState, productId: string, until: number): AlertState {
  const snoozes = new Map(state.snoozes);
  snoozes.set(productId, until);
  return { ...state, snoozes };
}

export function unsnoozeProduct(state: AlertState, productId: string): AlertState {
  if (!state.snoozes.has(productId)) return state;
  const snoozes = new Map(state.snoozes);
  snoozes.delete(productId);
  return { ...state, snoozes };
}

/** Snooze a transfer's alerts until `until`: an alert due meanwhile is told after the snooze if still current. */
export function snoozeTransfer(state: AlertState, transferId: string, until: number): AlertState {
  return snoozeProduct(state, transferSnoozeKey(transferId), until);
}

export function unsnoozeTransfer(state: AlertState, transferId: string): AlertState {
  return unsnoozeProduct(state, transferSnoozeKey(transferId));
}

export function isTransferSnoozed(state: AlertState, transferId: string, now: number): boolean {
  return snoozedAt(state.snoozes, transferSnoozeKey(transferId), now);
}

export function isProductSnoozed(state: AlertState, productId: string, now: number): boolean {
  return snoozedAt(state.snoozes, productId, now);
}
