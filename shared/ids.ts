/**
 * Time-ordered ids (UUIDv7, RFC 9562) for documents created on a device.
 * Uses only `crypto.getRandomValues`, present in browsers and Node ≥ 19.
 */
// shared/ is compiled without DOM or Node typings, so name the one global it needs.
function portableCrypto(): { getRandomValues(bytes: Uint8Array): Uint8Array } {
  return (globalThis as unknown as { crypto: { getRandomValues(bytes: Uint8Array): Uint8Array } })
    .crypto;
}

export function uuidv7(now: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  portableCrypto().getRandomValues(bytes);
  const ms = BigInt(Math.max(0, Math.floor(now)));
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70; // version 7
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The creation time (ms epoch) a UUIDv7 carries in its first 48 bits; 0 for other ids. */
export function uuidv7Time(id: string): number {
  const hex = id.replace(/-/g, '').slice(0, 12);
  const t = /^[0-9a-f]{12}$/i.test(hex) ? Number.parseInt(hex, 16) : 0;
  return Number.isFinite(t) ? t : 0;
}

export function stockId(storeId: string, productId: string): string {
  return `${storeId}:${productId}`;
}
