import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Only the sha256 of tokens and pairing codes is stored. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

// No 0/O, 1/I/L: codes are read aloud and typed on a shop counter.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** 10 characters (~49 bits) shown as XXXXX-XXXXX. */
export function generatePairingCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** Case, spaces and dashes do not matter when a code is typed back. */
export function normalizePairingCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function pairingCodeHash(code: string): string {
  return sha256(`pairing:${normalizePairingCode(code)}`);
}
