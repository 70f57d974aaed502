/**
 * tRPC client for the owner's procedures (devices.*, store pushes), built
 * from the session. Only the router TYPE comes from sync-server/.
 */
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '../../../sync-server/trpc/routers/app-router.js';
import type { Session } from '../../data/api.js';
import { isTransportError, problemOf, trpcUrl } from '../../data/wire/transport.js';
import type { TFunction } from '../../i18n/index.js';

export type AdminApi = TRPCClient<AppRouter>;

const clients = new Map<string, AdminApi>();

export function adminApi(session: Pick<Session, 'serverUrl' | 'token'>): AdminApi {
  const key = `${session.serverUrl}\n${session.token}`;
  let api = clients.get(key);
  if (!api) {
    const token = session.token;
    api = createTRPCClient<AppRouter>({
      links: [httpLink({ url: trpcUrl(session.serverUrl), headers: () => ({ authorization: `Bearer ${token}` }) })],
    });
    clients.set(key, api);
  }
  return api;
}

export type DeviceInfo = Awaited<ReturnType<AdminApi['devices']['list']['query']>>[number];

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
