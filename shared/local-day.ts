/**
 * The calendar day a moment falls on in a store's time zone, as `YYYY-MM-DD` — what the
 * journal groups tickets by and what reports call "a day" (DESIGN §5a), on the device and
 * on the server alike. An unknown zone falls back to UTC rather than throwing.
 */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let f = dayFormats.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      f = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
    }
    dayFormats.set(timeZone, f);
  }
  return f;
}

export function localDay(ms: number, timeZone: string): string {
  const parts = dayFormat(timeZone).formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
