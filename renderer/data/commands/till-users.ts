/**
 * Till users (who rings up a sale): the person chosen at the till is the `actor` of every
 * movement this device records. A 4-digit PIN, when a user has one, tells people apart at a
 * shared till; it is no security boundary (every device of the shop holds the hashes), so a
 * plain salted SHA-256 is enough (crypto.subtle is missing on plain-http LAN tablets, hence
 * @noble/hashes).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { TillUserDoc } from '../../../shared/index.js';

export const PIN_PATTERN = /^\d{4}$/;

export function isValidPin(pin: string): boolean {
  return PIN_PATTERN.test(pin);
}

export function pinHash(tenantId: string, userId: string, pin: string): string {
  return bytesToHex(sha256(utf8ToBytes(`stockroom-till-pin|${tenantId}|${userId}|${pin}`)));
}

/** Whether `pin` opens this user (a user without a PIN opens without one). */
export function pinMatches(tenantId: string, user: Pick<TillUserDoc, 'id' | 'pinHash'>, pin: string | null): boolean {
  if (user.pinHash === null) return true;
  return pin !== null && isValidPin(pin) && pinHash(tenantId, user.id, pin) === user.pinHash;
}
