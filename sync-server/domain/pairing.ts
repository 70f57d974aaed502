import { uuidv7, type PairResult, type Role } from '../../shared/index.js';
import type { Storage } from '../storage/storage.js';
import { ProblemError } from './problem-error.js';
import { generatePairingCode, generateToken, pairingCodeHash, sha256 } from './tokens.js';

export const PAIRING_CODE_TTL_MS = 24 * 60 * 60 * 1000;

export interface CreatePairingCodeInput {
  tenantId: string;
  role: Role;
  storeIds: readonly string[];
  now?: number;
  ttlMs?: number;
}

/** One-time pairing code (DESIGN §8): only its hash is stored; it expires and is single use. */
export async function createPairingCode(storage: Storage, input: CreatePairingCodeInput): Promise<{ code: string; expiresAt: number }> {
  const now = input.now ?? Date.now();
  const storeIds = [...new Set(input.storeIds)];
  for (const storeId of storeIds) {
    if (!(await storage.storeExists(input.tenantId, storeId))) {
      throw new ProblemError('unknown-store', `Store ${storeId} does not exist`, { storeId });
    }
  }
  if (input.role !== 'owner' && storeIds.length === 0) {
    throw new ProblemError('invalid-input', `A ${input.role} device needs at least one store`);
  }
  const code = generatePairingCode();
  const expiresAt = now + (input.ttlMs ?? PAIRING_CODE_TTL_MS);
  await storage.insertPairingCode({
    codeHash: pairingCodeHash(code),
    tenantId: input.tenantId,
    role: input.role,
    storeIds: input.role === 'owner' ? [] : storeIds,
    createdAt: now,
    expiresAt,
  });
  return { code, expiresAt };
}

/** Redeems a code for a new device token; wrong, used and expired codes are all `unauthenticated`. */
export async function redeemPairingCode(storage: Storage, code: string, deviceName: string, now = Date.now()): Promise<PairResult> {
  const codeHash = pairingCodeHash(code);
  const record = await storage.getPairingCode(codeHash);
  if (!record) throw new ProblemError('unauthenticated', 'Unknown pairing code');
  if (record.usedAt !== null) throw new ProblemError('unauthenticated', 'This pairing code was already used');
  if (record.expiresAt <= now) throw new ProblemError('unauthenticated', 'This pairing code has expired');
  const token = generateToken();
  const deviceId = uuidv7(now);
  const ok = await storage.redeemPairingCode({
    codeHash,
    now,
    device: {
      id: deviceId, tenantId: record.tenantId, name: deviceName, role: record.role,
      storeIds: record.storeIds, createdAt: now, tokenHash: sha256(token),
    },
  });
  if (!ok) throw new ProblemError('unauthenticated', 'This pairing code was already used');
  const storeIds = record.role === 'owner' ? await storage.listStoreIds(record.tenantId) : record.storeIds;
  return { deviceId, token, tenantId: record.tenantId, role: record.role, storeIds };
}

/**
 * `npm run server -- pair`: a code for the data dir's tenant (or the given one). A
 * single-store shop needs no store for a staff or manager code.
 */
export async function createPairingCodeForCli(
  storage: Storage,
  input: { role: Role; storeIds: readonly string[]; tenantId?: string | null },
): Promise<{ code: string; expiresAt: number }> {
  const tenant = input.tenantId ? await storage.getTenant(input.tenantId) : await storage.firstTenant();
  if (!tenant) throw new ProblemError('invalid-input', 'no tenant in this data dir');
  let storeIds = [...input.storeIds];
  if (input.role !== 'owner' && storeIds.length === 0) {
    const all = await storage.listStoreIds(tenant.id);
    if (all.length !== 1) throw new ProblemError('invalid-input', `--store ID is required (stores: ${all.join(', ')})`);
    storeIds = all;
  }
  return createPairingCode(storage, { tenantId: tenant.id, role: input.role, storeIds });
}
