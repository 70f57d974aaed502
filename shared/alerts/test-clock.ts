/**
 * Test helpers: a controllable clock and a tiny driver that runs the reducer
 * the way the renderer's timer does. Not exported from index.ts.
 */
import { createAlertState, evaluateAlerts, type EvaluateResult } from './evaluate.js';
import { defaultAlertSettings } from './settings.js';
import type { AlertRow, AlertSettings, AlertState } from './types.js';

export const T0 = Date.UTC(2025, 0, 15, 12, 0, 0); // a Wednesday noon UTC

export function testSettings(overrides: Partial<AlertSettings> = {}): AlertSettings {
  return {
    ...defaultAlertSettings({ role: 'owner', storeIds: [], timeZone: 'UTC' }),
    sustainSeconds: 0,
    maxPerMinute: 5,
    hysteresis: { units: 2, percent: 0 },
    ...overrides,
  };
}

export function row(
  productId: string,
  qty: number,
  reorderPoint: number | null = 10,
  criticalPoint: number | null = 3,
  storeId = 'main',
): AlertRow {
  return { key: `${storeId}:${productId}`, storeId, productId, qty, reorderPoint, criticalPoint };
}

/** Drives ticks with an injected clock, keeping the state between them like the timer does. */
export class AlertHarness {
  now = T0;
  state: AlertState = createAlertState();
  constructor(
    public settings: AlertSettings = testSettings(),
    public watchStores: ReadonlySet<string> | null = null,
  ) {}

  advance(seconds: number): this {
    this.now += seconds * 1000;
    return this;
  }

  tick(rows: AlertRow[]): EvaluateResult {
    const result = evaluateAlerts(this.state, {
      now: this.now,
      rows,
      settings: this.settings,
      watchStores: this.watchStores,
    });
    this.state = result.state;
    return result;
  }
}
