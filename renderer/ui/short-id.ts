/**
 * The short form of a device id shown next to its name, the same on every screen: the last 8
 * hex digits (a UUIDv7 starts with its creation time, so its head is alike for devices paired
 * the same day; its tail is random).
 */
export function shortId(id: string): string {
  return id.replace(/-/g, '').slice(-8);
}
