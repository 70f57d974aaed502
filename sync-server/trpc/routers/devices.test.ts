/**
 * devices.reportHealth / devices.list (DESIGN §5: owners see sync health per
 * device), against a real SQLite file through the tRPC caller.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, problemOf } from '../../test-support/harness.js';

describe('device sync health reports', () => {
  let h: Awaited<ReturnType<typeof makeHarness>>;
  beforeEach(async () => {
    h = await makeHarness();
  });
  afterEach(() => h.cleanup());

  const healthOf = async (ownerToken: string, deviceId: string) => {
    const list = await h.caller(ownerToken).devices.list();
    const d = list.find((x) => x.deviceId === deviceId);
    if (!d) throw new Error(`device ${deviceId} not listed`);
    return { pendingCount: d.pendingCount, oldestPendingAt: d.oldestPendingAt, healthReportedAt: d.healthReportedAt };
  };

  it('a device that never reported lists null health', async () => {
    const owner = await h.pair('owner', []);
    const staff = await h.pair('staff');
    expect(await healthOf(owner.token, staff.deviceId)).toEqual({ pendingCount: null, oldestPendingAt: null, healthReportedAt: null });
    expect(await healthOf(owner.token, owner.deviceId)).toEqual({ pendingCount: null, oldestPendingAt: null, healthReportedAt: null });
  });

  it('stores the report on the calling device only; the owner lists it', async () => {
    const owner = await h.pair('owner', []);
    const staff = await h.pair('staff', [h.mainStoreId], 'till-1');
    const other = await h.pair('staff', [h.mainStoreId], 'till-2');
    const reportedAt = 1_700_000_100_000;
    const res = await h.caller(staff.token, { now: () => reportedAt }).devices.reportHealth({ pendingCount: 3, oldestPendingAt: 1_700_000_000_000 });
    expect(res).toEqual({ ok: true });
    expect(await healthOf(owner.token, staff.deviceId)).toEqual({ pendingCount: 3, oldestPendingAt: 1_700_000_000_000, healthReportedAt: reportedAt });
    // Nobody else's row changed.
    expect(await healthOf(owner.token, other.deviceId)).toEqual({ pendingCount: null, oldestPendingAt: null, healthReportedAt: null });
    expect(await healthOf(owner.token, owner.deviceId)).toEqual({ pendingCount: null, oldestPendingAt: null, healthReportedAt: null });

    // A later report replaces the earlier one; "nothing pending" is 0 with a null oldest.
    await h.caller(staff.token, { now: () => reportedAt + 5_000 }).devices.reportHealth({ pendingCount: 0, oldestPendingAt: null });
    expect(await healthOf(owner.token, staff.deviceId)).toEqual({ pendingCount: 0, oldestPendingAt: null, healthReportedAt: reportedAt + 5_000 });

    // The owner reports for itself the same way.
    await owner.api.devices.reportHealth({ pendingCount: 1, oldestPendingAt: 42 });
    expect(await healthOf(owner.token, owner.deviceId)).toMatchObject({ pendingCount: 1, oldestPendingAt: 42 });
    expect(await healthOf(owner.token, staff.deviceId)).toMatchObject({ pendingCount: 0, oldestPendingAt: null });
  });

  it('a staff device can report but cannot list', async () => {
    const staff = await h.pair('staff');
    expect(await staff.api.devices.reportHealth({ pendingCount: 2, oldestPendingAt: 10 })).toEqual({ ok: true });
    expect((await problemOf(staff.api.devices.list())).type).toBe('forbidden');
    const manager = await h.pair('manager');
    expect(await manager.api.devices.reportHealth({ pendingCount: 0, oldestPendingAt: null })).toEqual({ ok: true });
    expect((await problemOf(manager.api.devices.list())).type).toBe('forbidden');
  });

  it('rejects bad input with invalid-input and changes nothing', async () => {
    const owner = await h.pair('owner', []);
    const staff = await h.pair('staff');
    await h.caller(staff.token, { now: () => 5_000 }).devices.reportHealth({ pendingCount: 4, oldestPendingAt: 1_000 });
    const before = await healthOf(owner.token, staff.deviceId);
    expect(before).toEqual({ pendingCount: 4, oldestPendingAt: 1_000, healthReportedAt: 5_000 });

    type Input = Parameters<typeof staff.api.devices.reportHealth>[0];
    const bad: unknown[] = [
      { pendingCount: -1, oldestPendingAt: null },
      { pendingCount: 10_000_001, oldestPendingAt: null },
      { pendingCount: 1.5, oldestPendingAt: null },
      { pendingCount: '3', oldestPendingAt: null },
      { pendingCount: 3, oldestPendingAt: -5 },
      { pendingCount: 3, oldestPendingAt: 'yesterday' },
      { pendingCount: 3 },
      { oldestPendingAt: null },
      null,
    ];
    const later = h.caller(staff.token, { now: () => 9_000 });
    for (const input of bad) {
      const p = await problemOf(later.devices.reportHealth(input as Input));
      expect(p.type, JSON.stringify(input)).toBe('invalid-input');
      expect(p.status).toBe(400);
    }
    expect(await healthOf(owner.token, staff.deviceId)).toEqual(before);
    // The bounds themselves are accepted.
    await later.devices.reportHealth({ pendingCount: 10_000_000, oldestPendingAt: 0 });
    expect(await healthOf(owner.token, staff.deviceId)).toEqual({ pendingCount: 10_000_000, oldestPendingAt: 0, healthReportedAt: 9_000 });
  });

  it('unauthenticated and revoked devices cannot report', async () => {
    const owner = await h.pair('owner', []);
    const staff = await h.pair('staff');
    expect((await problemOf(h.caller(null).devices.reportHealth({ pendingCount: 1, oldestPendingAt: null }))).type).toBe('unauthenticated');
    await owner.api.devices.revoke({ deviceId: staff.deviceId });
    expect((await problemOf(staff.api.devices.reportHealth({ pendingCount: 1, oldestPendingAt: null }))).type).toBe('unauthenticated');
    expect(await healthOf(owner.token, staff.deviceId)).toEqual({ pendingCount: null, oldestPendingAt: null, healthReportedAt: null });
  });
});
