/**
 * Where a report is computed (issue 15 §4) and what it may be missing (§3 "how complete").
 * Pure, so the rules are tested without a screen.
 */

/** A device keeps the movements of this many days (its pull window); older ones only the server has. */
export const DEVICE_WINDOW_DAYS = 60;
const DAY_MS = 86_400_000;

export type ReportSource = 'device' | 'server' | 'needs-connection';

/**
 * Sales: a range that starts inside the device's window is computed on the device (instant, and
 * offline too); an older start needs the whole ledger, so the server, or a connection.
 */
export function salesSource(range: { from: number }, online: boolean, now: number): ReportSource {
  if (range.from >= now - DEVICE_WINDOW_DAYS * DAY_MS) return 'device';
  return online ? 'server' : 'needs-connection';
}

/**
 * Valuation needs every receipt since the shop opened (the moving average cost), so the server
 * when online; offline the device answers over what it holds, and the screen says so.
 */
export function valuationSource(online: boolean): Exclude<ReportSource, 'needs-connection'> {
  return online ? 'server' : 'device';
}

export interface DeviceSeen {
  deviceId: string;
  deviceName: string;
  lastSeenAt: number | null;
  revokedAt: number | null;
  pendingCount: number | null;
}

/** A device seen within this long is taken as synced: it pushes within seconds while online. */
export const SYNCED_WITHIN_MS = 10 * 60_000;

/**
 * The devices whose movements may be missing from a report that ends at `end`: not revoked, not
 * this one, and either last seen before the end (and not just now) or reporting unsynced movements.
 * Oldest first: the most incomplete on top.
 */
export function lateDevices<D extends DeviceSeen>(devices: readonly D[], selfId: string, end: number, now: number): D[] {
  return devices
    .filter((d) => d.revokedAt === null && d.deviceId !== selfId)
    .filter((d) => {
      const seen = d.lastSeenAt;
      const stale = seen === null || (seen < end && now - seen > SYNCED_WITHIN_MS);
      return stale || (d.pendingCount ?? 0) > 0;
    })
    .sort((a, b) => (a.lastSeenAt ?? 0) - (b.lastSeenAt ?? 0));
}
