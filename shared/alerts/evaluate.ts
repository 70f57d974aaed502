import { rearm, severityOf } from './levels.js';
import { isQuietTime } from './quiet-hours.js';
import {
  ALERT_LEVELS,
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
} from './types.js';

const MINUTE_MS = 60_000;

export function createAlertState(): AlertState {
  return { tracks: new Map(), snoozes: new Map(), sentAt: [], held: [] };
}

export interface EvaluateInput {
  /** The injected clock (ms epoch). */
  now: number;
  rows: Iterable<AlertRow>;
  settings: AlertSettings;
  /** Stores this device watches; null = every store in `rows` (owner default). */
  watchStores: ReadonlySet<string> | null;
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
    const severity = severityOf(qty, rp, cp);
    if (severity === 1) counts.low++;
    else if (severity === 2) counts.critical++;
    else if (severity === 3) counts.out++;

    const prev = prevTracks.get(row.key);
    if (severity === 0 && prev === undefined) continue;
    const armedAt = prev === undefined ? 0 : rearm(prev.notified, qty, rp, cp, h);
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

  const { notices, events, sentAt, held } = dispatch(state, due, tracks, snoozes, settings, now);
  return { state: { tracks, snoozes, sentAt, held }, notices, events, counts };
}

/** Rate cap, quiet hours and summary folding over the crossings committed this tick. */
function dispatch(
  state: AlertState,
  due: AlertItem[],
  tracks: ReadonlyMap<string, AlertTrack>,
  snoozes: ReadonlyMap<string, number>,
  settings: AlertSettings,
  now: number,
): Pick<EvaluateResult, 'notices' | 'events'> & Pick<AlertState, 'sentAt' | 'held'> {
  const recent = state.sentAt.filter((t) => now - t < MINUTE_MS);

  // Held items still worth telling: the same crossing is current and the product is not snoozed.
  // A newer crossing of the same row replaces the held one.
  const queue = new Map<string, AlertItem>();
  for (const item of state.held) {
    const track = tracks.get(item.key);
    if (track === undefined || track.notified < severityOfLevel(item.level)) continue;
    if (snoozedAt(snoozes, item.productId, now)) continue;
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
  items.sort((a, b) => severityOfLevel(b.level) - severityOfLevel(a.level));
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

export function isProductSnoozed(state: AlertState, productId: string, now: number): boolean {
  return snoozedAt(state.snoozes, productId, now);
}
