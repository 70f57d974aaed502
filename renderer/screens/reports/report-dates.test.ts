import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, localDayEnd, localDayOf, localDayStart } from './report-dates.js';

describe('report dates', () => {
  it('round-trips a local day and spans it whole', () => {
    const start = localDayStart('2026-03-29');
    expect(localDayOf(start)).toBe('2026-03-29');
    expect(localDayOf(localDayEnd('2026-03-29'))).toBe('2026-03-29');
    expect(localDayOf(localDayEnd('2026-03-29') + 1)).toBe('2026-03-30');
  });
  it('steps across month ends', () => {
    expect(addDays('2026-12-02', -7)).toBe('2026-11-25');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
  it('lists every day of a range, both ends included', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(daysBetween('2026-03-02', '2026-03-01')).toEqual([]);
  });
});
