import { uuidv7 } from '../../shared/index.js';
import type { Storage, TenantRecord } from '../storage/storage.js';
import { createPairingCode } from './pairing.js';

export interface BootstrapOptions {
  currency?: string;
  tenantName?: string;
  storeName?: string;
  timezone?: string;
}

export const OWNER_CODE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * First start with an empty data dir: create a tenant, its first store and an owner
 * pairing code. Returns ownerCode null when the tenant already existed.
 */
export async function ensureTenant(storage: Storage, opts: BootstrapOptions = {}): Promise<{ tenant: TenantRecord; ownerCode: string | null }> {
  const existing = await storage.firstTenant();
  if (existing) return { tenant: existing, ownerCode: null };
  const tenantId = uuidv7();
  const tenant = await storage.createFirstTenant({
    tenantId,
    tenantName: opts.tenantName ?? 'My shop',
    currency: (opts.currency ?? 'USD').toUpperCase(),
    store: {
      id: uuidv7(),
      name: opts.storeName ?? 'Main store',
      timezone: opts.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
      allowNegativeStock: false,
    },
  });
  if (!tenant) return { tenant: (await storage.firstTenant())!, ownerCode: null }; // another process made it first
  const { code } = await createPairingCode(storage, { tenantId, role: 'owner', storeIds: [], ttlMs: OWNER_CODE_TTL_MS });
  return { tenant, ownerCode: code };
}
