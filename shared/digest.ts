/**
 * Convergence digest (DESIGN §3 `replication.digest`): a hash over a store's
 * `(productId, onHand, appliedSeq)` rows, sorted by productId, so a device can
 * prove it holds the same levels as the server. Pure JS so the server, Node
 * tests and the browser compute the identical value.
 */
export interface DigestRow {
  productId: string;
  onHand: number;
  appliedSeq: number;
}

export const DIGEST_VERSION = 'v1';

/** Two independent 32-bit FNV-1a-style lanes → 64 bits as 16 hex characters. */
function hash64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h2 = Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

export function computeDigest(rows: Iterable<DigestRow>): string {
  const sorted = [...rows].sort((a, b) =>
    a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0,
  );
  const text = sorted.map((r) => `${r.productId}\t${r.onHand}\t${r.appliedSeq}`).join('\n');
  return `${DIGEST_VERSION}:${sorted.length}:${hash64(text)}`;
}
