import { describe, expect, it } from 'vitest';
import { lateDevices, salesSource, valuationSource, type DeviceSeen } from './report-source.js';

const DAY = 86_400_000;
const now = Date.UTC(2026, 11, 2, 12);

describe('salesSource', () => {
  it('computes ranges inside the 60-day window on the device, online or not', () => {
    expect(salesSource({ from: now - 30 * DAY }, false, now)).toBe('device');
    expect(salesSource({ from: now - 60 * DAY }, true, now)).toBe('device');
  });
  it('sends older ranges to the server, or says a connection is needed', () => {
    expect(salesSource({ from: now - 61 * DAY }, true, now)).toBe('server');
    expect(salesSource({ from: now - 61 * DAY }, false, now)).toBe('needs-connection');
  });
});

describe('valuationSource', () => {
  it('uses the whole ledger online and the device offline', () => {
    expect(valuationSource(true)).toBe('server');
    expect(valuationSource(false)).toBe('device');
  });
});

describe('lateDevices', () => {
  const d = (deviceId: string, lastSeenAt: number | null, extra: Partial<DeviceSeen> = {}): DeviceSeen => ({
    deviceId,
    deviceName: deviceId,
    lastSeenAt,
    revokedAt: null,
    pendingCount: 0,
    ...extra,
  });
  it('lists devices not seen since before the end, oldest first', () => {
    const list = [d('fresh', now - 60_000), d('t2', now - 3 * 3_600_000), d('t3', now - 2 * DAY), d('never', null)];
    expect(lateDevices(list, 'me', now, now).map((x) => x.deviceId)).toEqual(['never', 't3', 't2']);
  });
  it('ignores this device, revoked ones, and devices seen after the report ends', () => {
    const list = [d('me', now - DAY), d('gone', now - DAY, { revokedAt: now - DAY }), d('t2', now - 3 * 3_600_000)];
    expect(lateDevices(list, 'me', now - 7 * DAY, now)).toEqual([]);
  });
  it('lists a device that reports unsynced movements even when seen just now', () => {
    expect(lateDevices([d('t2', now - 1000, { pendingCount: 4 })], 'me', now, now).map((x) => x.deviceId)).toEqual(['t2']);
  });
});
