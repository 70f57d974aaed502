/**
 * A realistic big catalog for timing the evaluator: 50 000 stock rows over
 * 5 stores, about 8 % short and 2 % in a hysteresis band. Shared by the Node
 * test and the Chromium measurement so both time the same thing.
 */
import { createAlertState, evaluateAlerts } from './evaluate.js';
import { defaultAlertSettings } from './settings.js';
import type { AlertRow } from './types.js';

export function perfRows(count = 50_000, seed = 1): AlertRow[] {
  let s = seed;
  const rand = () => ((s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const rows: AlertRow[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const storeId = `store-${i % 5}`;
    const productId = `product-${Math.floor(i / 5)}`;
    const reorderPoint = 10 + Math.floor(rand() * 40);
    const r = rand();
    const qty =
      r < 0.02 ? 0 : r < 0.05 ? 2 : r < 0.08 ? reorderPoint - 1 : r < 0.1 ? reorderPoint + 1 : reorderPoint + 5 + Math.floor(rand() * 200);
    rows[i] = { key: `${storeId}:${productId}`, storeId, productId, qty, reorderPoint, criticalPoint: r < 0.5 ? 3 : null };
  }
  return rows;
}

/** Evaluate `runs` ticks a minute apart, one level changing between ticks; returns each tick's duration in ms. */
export function timeEvaluations(rows: AlertRow[], runs: number, clock: () => number): number[] {
  const settings = { ...defaultAlertSettings({ role: 'owner', storeIds: [], timeZone: 'UTC' }), sustainSeconds: 0 };
  let state = createAlertState();
  let now = Date.UTC(2025, 0, 15, 12);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const changed = rows[(i * 7919) % rows.length]!;
    changed.qty = changed.qty > 5 ? 1 : 60;
    const t = clock();
    state = evaluateAlerts(state, { now, rows, settings, watchStores: null }).state;
    times.push(clock() - t);
    now += 60_000;
  }
  return times;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
