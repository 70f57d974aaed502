/**
 * What the owner's screens share about the server's `devices.*` procedures: the query key of
 * the device list, its row type, and a failed call in words. The calls go through the
 * session's one tRPC client (`useStockroom().server`) and react-query; only the router TYPE
 * comes from sync-server/.
 */
import type { ServerApi } from '../../data/wire/transport.js';
import { isTransportError, problemOf } from '../../data/wire/transport.js';
import type { TFunction } from '../../i18n/index.js';

/** react-query key of `devices.list` (revoking or pairing invalidates it). */
export const DEVICES_QUERY = ['devices.list'] as const;

export type DeviceInfo = Awaited<ReturnType<ServerApi['devices']['list']['query']>>[number];

/** A failed admin call as one line for the screen. */
export function adminErrorText(t: TFunction, err: unknown): string {
  const problem = problemOf(err);
  if (problem) {
    if (problem.type === 'forbidden' || problem.type === 'forbidden-store') return t('admin.error.forbidden');
    return problem.detail || problem.title;
  }
  if (isTransportError(err)) return t('admin.error.offline');
  return err instanceof Error ? err.message : String(err);
}
