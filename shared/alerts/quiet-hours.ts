import type { QuietHours } from './types.js';

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "22:30" → 1350; null when malformed. */
export function parseClock(hhmm: string): number | null {
  const m = HHMM.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

// Creating an Intl formatter is the expensive part; one per zone, reused on every tick.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Minutes since local midnight in `timeZone` at instant `now`. */
export function minutesOfDay(now: number, timeZone: string): number {
  let hour = 0;
  let minute = 0;
  for (const part of formatterFor(timeZone).formatToParts(now)) {
    if (part.type === 'hour') hour = Number(part.value) % 24;
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return hour * 60 + minute;
}

/**
 * Whether `now` falls in the quiet hours. Start is inclusive, end exclusive;
 * start later than end spans midnight (22:00–07:00); equal start and end
 * means no quiet time (a whole-day mute is what snooze is for).
 */
export function isQuietTime(now: number, quiet: QuietHours): boolean {
  if (!quiet.enabled) return false;
  const start = parseClock(quiet.start);
  const end = parseClock(quiet.end);
  if (start === null || end === null || start === end) return false;
  const m = minutesOfDay(now, quiet.timeZone);
  return start < end ? m >= start && m < end : m >= start || m < end;
}
