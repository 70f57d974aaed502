/**
 * Days as the date inputs and the reports speak them ('YYYY-MM-DD'). Ranges picked on this
 * device are this device's local days; the report's own days are each store's local day.
 */
const DAY_MS = 86_400_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** This device's local day of an instant. */
export function localDayOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Local midnight starting the day. */
export function localDayStart(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d!).getTime();
}

/** The last millisecond of the local day. */
export function localDayEnd(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d! + 1).getTime() - 1;
}

/** The local day `n` days before `day`. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return localDayOf(new Date(y!, m! - 1, d! + n).getTime());
}

export function dayStartUtc(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!);
}

/** Every day from `from` to `to`, both included (at most 3 years, so a typo cannot hang the chart). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const end = dayStartUtc(to);
  for (let t = dayStartUtc(from); t <= end && out.length < 1100; t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
