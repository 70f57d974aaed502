/**
 * This device's sync health reported to the server (`devices.reportHealth`):
 * the scheduling rules with fake timers, then a client against the REAL sync
 * server (child process on 127.0.0.1, temp SQLite dir) as the owner sees it.
 */
import { BehaviorSubject, firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReportHealthInput } from '../../../shared/index.js';
import type { Device } from '../../../test/support/client.js';
import { pairStaff, startStockedTenant, type TestTenant } from '../../../test/support/tenant.js';
import type { SyncHealth } from '../api.js';
import { startHealthReports } from './health-report.js';
import { eventually, openClient, realApi } from '../testing/harness.js';
import type { SyncApi } from '../wire/transport.js';

const baseHealth: SyncHealth = {
  connection: 'online',
  pendingCount: 0,
  oldestPendingAt: null,
  lastSyncAt: null,
  exceptionCount: 0,
  initialSync: { running: false, collection: null, loaded: 0, fraction: 1 },
  lastError: null,
  unauthenticated: false,
};

describe('health report scheduling', () => {
  let health$: BehaviorSubject<SyncHealth>;
  let sent: ReportHealthInput[];
  let fail: boolean;
  let aborted: number;
  const api: Pick<SyncApi, 'reportHealth'> = {
    async reportHealth(input, signal) {
      signal?.addEventListener('abort', () => aborted++);
      sent.push(input);
      if (fail) throw new TypeError('fetch failed');
      return { ok: true };
    },
  };
  const patch = (p: Partial<SyncHealth>) => health$.next({ ...health$.value, ...p });

  beforeEach(() => {
    vi.useFakeTimers();
    health$ = new BehaviorSubject<SyncHealth>(baseHealth);
    sent = [];
    fail = false;
    aborted = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits for ready, then reports once per burst of changes', async () => {
    let ready!: () => void;
    const sub = startHealthReports(health$, api, { ready: new Promise<void>((r) => (ready = r)), debounceMs: 2000 });
    patch({ pendingCount: 1, oldestPendingAt: 100 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent).toEqual([]); // initial sync not done yet
    ready();
    await vi.advanceTimersByTimeAsync(1999);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([{ pendingCount: 1, oldestPendingAt: 100 }]);

    // A burst: one report with the last pair.
    patch({ pendingCount: 2 });
    await vi.advanceTimersByTimeAsync(500);
    patch({ pendingCount: 3 });
    await vi.advanceTimersByTimeAsync(500);
    patch({ pendingCount: 0, oldestPendingAt: null });
    await vi.advanceTimersByTimeAsync(2000);
    expect(sent).toEqual([{ pendingCount: 1, oldestPendingAt: 100 }, { pendingCount: 0, oldestPendingAt: null }]);

    // Other health fields do not trigger a report.
    patch({ lastSyncAt: 5, exceptionCount: 3, lastError: 'x' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent).toHaveLength(2);
    sub.unsubscribe();
  });

  it('a till that keeps selling still reports at least every interval', async () => {
    const sub = startHealthReports(health$, api, { debounceMs: 2000 });
    await vi.advanceTimersByTimeAsync(2000);
    sent.length = 0;
    // A change every 500 ms for 10 s: never 2 s of quiet.
    for (let i = 1; i <= 20; i++) {
      patch({ pendingCount: i % 3, oldestPendingAt: i % 3 === 0 ? null : 1000 + i });
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(sent.length).toBeGreaterThanOrEqual(4);
    sub.unsubscribe();
  });

  it('ignores failures and reports again when the connection comes back online', async () => {
    const sub = startHealthReports(health$, api, { debounceMs: 2000 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(sent).toHaveLength(1);

    fail = true;
    patch({ connection: 'offline', pendingCount: 2, oldestPendingAt: 10 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(sent).toHaveLength(2); // tried, failed silently
    // Still offline and nothing changed: no retry loop.
    patch({ connection: 'offline', lastError: 'fetch failed' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toHaveLength(2);

    fail = false;
    patch({ connection: 'connecting' });
    patch({ connection: 'online' });
    patch({ connection: 'online', lastSyncAt: 99 }); // staying online is not a new reconnect
    await vi.advanceTimersByTimeAsync(2000);
    expect(sent).toEqual([
      { pendingCount: 0, oldestPendingAt: null },
      { pendingCount: 2, oldestPendingAt: 10 },
      { pendingCount: 2, oldestPendingAt: 10 },
    ]);
    sub.unsubscribe();
  });

  it('stops on unsubscribe and aborts a report still in flight', async () => {
    let release!: () => void;
    const slow: Pick<SyncApi, 'reportHealth'> = {
      reportHealth: (input, signal) => {
        signal?.addEventListener('abort', () => aborted++);
        sent.push(input);
        return new Promise((r) => (release = () => r({ ok: true })));
      },
    };
    const sub = startHealthReports(health$, slow, { debounceMs: 2000 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(sent).toHaveLength(1);
    sub.unsubscribe();
    expect(aborted).toBe(1);
    release();
    patch({ pendingCount: 4, oldestPendingAt: 1 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toHaveLength(1);
  });
});

describe('the owner sees a device\'s pending movements', { timeout: 60_000 }, () => {
  let tenant: TestTenant;
  let storeId: string;
  let staff: Device;
  let productIds: string[];

  beforeAll(async () => {
    ({ tenant, storeId, productIds } = await startStockedTenant(3, () => 10));
    staff = await pairStaff(tenant, storeId, 'till-offline');
  }, 120_000);

  afterAll(async () => {
    await tenant?.dispose();
  });

  const listed = async () => {
    const devices = await tenant.owner.api.devices.list.query();
    return devices.find((d) => d.deviceId === staff.deviceId)!;
  };

  it('while pushes fail the report still arrives; once they work it drops to 0', async () => {
    let pushesFail = false;
    let reports = 0;
    const base = realApi(staff);
    const api: SyncApi = {
      ...base,
      async push(collection, rows, signal) {
        if (pushesFail) throw new TypeError('fetch failed (simulated network drop)');
        return base.push(collection, rows, signal);
      },
      async reportHealth(input, signal) {
        reports++;
        return base.reportHealth(input, signal);
      },
    };
    const client = await openClient(staff, storeId, { api });
    let closed = false;
    try {
      await client.whenInitialSyncDone();
      await eventually(async () => (await listed()).pendingCount === 0, 15_000, 'the first report (nothing pending)');

      pushesFail = true;
      const first = await client.sell({ lines: [{ productId: productIds[0]!, qty: 1 }] });
      await new Promise((r) => setTimeout(r, 20)); // distinct clientTimes
      await client.sell({ lines: [{ productId: productIds[1]!, qty: 2 }] });
      expect(client.getHealth().pendingCount).toBe(2);
      const firstSale = (await firstValueFrom(client.movements$({ storeId, limit: 10 }))).find((m) => m.id === first.movementIds[0])!;

      const offline = await eventually(async () => {
        const d = await listed();
        return d.pendingCount === 2 ? d : null;
      }, 15_000, 'pendingCount 2 reported while pushes fail');
      expect(offline.oldestPendingAt).toBe(firstSale.clientTime);
      expect(offline.healthReportedAt).toBeGreaterThan(0);
      expect(client.getHealth().pendingCount).toBe(2); // still unsynced

      pushesFail = false;
      client.syncNow();
      const synced = await eventually(async () => {
        const d = await listed();
        return d.pendingCount === 0 ? d : null;
      }, 15_000, 'pendingCount 0 after the pushes go through');
      expect(synced.oldestPendingAt).toBeNull();
      expect(synced.healthReportedAt!).toBeGreaterThanOrEqual(offline.healthReportedAt!);
      expect(client.getHealth().pendingCount).toBe(0);
      expect(reports).toBeGreaterThanOrEqual(3);

      // close() stops reporting.
      closed = true;
      await client.close();
      const after = reports;
      await new Promise((r) => setTimeout(r, 2500));
      expect(reports).toBe(after);
    } finally {
      if (!closed) await client.close();
    }
  });
});
