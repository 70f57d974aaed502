/**
 * Pairing and the persisted session (localStorage, so a reload keeps it).
 * DESIGN §8: plain http:// to a non-local host is refused unless the user
 * explicitly allowed it.
 */
import type { PairErrorKind, PairRequest, Session } from './api.js';
import { createServerApi, createSyncApi, isTransportError, pairWithServer, problemOf } from './wire/transport.js';

const SESSION_KEY = 'stockroom.session';

export class PairError extends Error {
  constructor(
    readonly kind: PairErrorKind,
    readonly detail: string,
  ) {
    super(`${kind}: ${detail}`);
    this.name = 'PairError';
  }
}

export function loadSession(storage: Storage = localStorage): Session | null {
  try {
    const raw = storage.getItem(SESSION_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return typeof s.token === 'string' && typeof s.serverUrl === 'string' ? s : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session, storage: Storage = localStorage): void {
  storage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function clearSession(storage: Storage = localStorage): void {
  storage.removeItem(SESSION_KEY);
}

/** IndexedDB-safe database name for one paired device. */
export function databaseName(tenantId: string, deviceId: string): string {
  return `stockroom_${`${tenantId}_${deviceId}`.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, 120);
}

/**
 * The session of a device paired again (a new code after a revocation, DESIGN §5): the new
 * identity, the same local database (so its pending movements are pushed under the new id),
 * the former ids remembered (its own movements carry them), the store it was on kept.
 */
export function repairedSession(previous: Session, paired: Session): Session {
  const formerDeviceIds = [...new Set([...(previous.formerDeviceIds ?? []), previous.deviceId])].filter((id) => id !== paired.deviceId);
  const activeStoreId = previous.activeStoreId && paired.storeIds.includes(previous.activeStoreId) ? previous.activeStoreId : paired.activeStoreId;
  return { ...paired, dbName: previous.dbName ?? databaseName(previous.tenantId, previous.deviceId), formerDeviceIds, activeStoreId };
}

/** Hosts where unencrypted http never leaves the machine. */
export function isLocalHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Normalise what a person typed ("192.168.1.5:4000", "https://x.y/") into a
 * base URL, enforcing the transport rule. Throws PairError.
 */
export function normalizeServerUrl(input: string, allowInsecureHttp: boolean): string {
  let text = input.trim();
  if (!text) throw new PairError('bad-url', 'empty address');
  if (!/^[a-z]+:\/\//i.test(text)) text = `${isLocalHost(text.split(/[:/]/)[0] ?? '') ? 'http' : 'https'}://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PairError('bad-url', input);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PairError('bad-url', input);
  if (url.protocol === 'http:' && !isLocalHost(url.hostname) && !allowInsecureHttp) {
    throw new PairError('insecure-http', url.host);
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/trpc$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/** Pair with a one-time code, then ask the server who we are (tenant name, currency). */
export async function pairDevice(req: PairRequest): Promise<Session> {
  const serverUrl = normalizeServerUrl(req.serverUrl, req.allowInsecureHttp);
  try {
    const paired = await pairWithServer(serverUrl, req.code.trim().toUpperCase(), req.deviceName.trim());
    const who = await createSyncApi(createServerApi(serverUrl, paired.token)).whoami();
    return {
      serverUrl,
      deviceId: paired.deviceId,
      deviceName: who.deviceName,
      token: paired.token,
      tenantId: paired.tenantId,
      tenantName: who.tenantName,
      currency: who.currency,
      role: paired.role,
      storeIds: paired.storeIds,
      activeStoreId: paired.storeIds[0] ?? null,
      pairedAt: Date.now(),
    };
  } catch (err) {
    throw toPairError(err);
  }
}

export function toPairError(err: unknown): PairError {
  if (err instanceof PairError) return err;
  const p = problemOf(err);
  if (p) {
    switch (p.type) {
      case 'unauthenticated':
      case 'forbidden':
      case 'conflict':
        return new PairError('invalid-code', p.detail);
      case 'rate-limited':
        return new PairError('rate-limited', p.detail);
      case 'invalid-input':
        return new PairError('invalid-input', p.detail);
      default:
        return new PairError('server', p.detail);
    }
  }
  if (isTransportError(err)) return new PairError('unreachable', err instanceof Error ? err.message : String(err));
  return new PairError('server', err instanceof Error ? err.message : String(err));
}
