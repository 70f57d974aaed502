/** IANA time zones for the store form; the device's own first. */
export function timeZones(): string[] {
  const own = localTimeZone();
  let all: string[] = [];
  try {
    all = Intl.supportedValuesOf('timeZone');
  } catch {
    all = [];
  }
  if (!all.includes('UTC')) all = [...all, 'UTC'];
  return [own, ...all.filter((z) => z !== own)];
}

export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
