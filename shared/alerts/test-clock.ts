/**
 * Test helpers: a controllable clock and a tiny driver that runs the reducer
 * the way the renderer's timer does. Not exported from index.ts.
 */
import type { TransferDoc } from '../schemas/index.js';
import { createAlertState, evaluateAlerts, type EvaluateResult, type TransferAlertInput } from './evaluate.js';
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

  tick(rows: AlertRow[], transfers?: TransferAlertInput[]): EvaluateResult {
    const result = evaluateAlerts(this.state, {
      now: this.now,
      rows,
      settings: this.settings,
      watchStores: this.watchStores,
      ...(transfers ? { transfers } : {}),
    });
    this.state = result.state;
    return result;
  }
}

const DAY_MS = 86_400_000;

/**
 * A transfer as the device projects it: `lines` as [productId, sent, received, writtenOff]
 * (returned 0). State, sentAt and closedAt follow the lines like the server's derivation.
 */
export function transfer(
  id: string,
  lines: Array<[productId: string, sent: number, received?: number, writtenOff?: number]>,
  opts: { from?: string; to?: string; sentAt?: number | null; closedAt?: number | null } = {},
): Pick<TransferDoc, 'id' | 'fromStoreId' | 'toStoreId' | 'lines' | 'state' | 'sentAt' | 'closedAt'> {
  const docLines = lines.map(([productId, sent, received = 0, writtenOff = 0]) => ({
    productId, qty: sent, sent, received, returned: 0, writtenOff,
  }));
  const sent = docLines.reduce((n, l) => n + l.sent, 0);
  const transit = docLines.reduce((n, l) => n + l.sent - l.received, 0);
  const received = docLines.reduce((n, l) => n + l.received, 0);
  const state = sent === 0 ? 'draft' : transit === 0 ? (received > 0 ? 'closed' : 'cancelled') : received > 0 ? 'partial' : 'sent';
  const sentAt = opts.sentAt === undefined ? (sent > 0 ? T0 - DAY_MS : null) : opts.sentAt;
  return {
    id,
    fromStoreId: opts.from ?? 'main',
    toStoreId: opts.to ?? 'north',
    lines: docLines,
    state,
    sentAt,
    closedAt: state === 'closed' || state === 'cancelled' ? (opts.closedAt ?? T0) : null,
  };
}
