import { describe, expect, it } from 'vitest';
import { isQuietTime, minutesOfDay, parseClock } from './quiet-hours.js';

const at = (iso: string) => Date.parse(iso);

describe('quiet hours', () => {
  it('parses HH:MM and rejects anything else', () => {
    expect(parseClock('00:00')).toBe(0);
    expect(parseClock('22:30')).toBe(1350);
    expect(parseClock('24:00')).toBeNull();
    expect(parseClock('7:00')).toBeNull();
  });

  it('reads the local time of the zone, not of the machine', () => {
    expect(minutesOfDay(at('2025-01-15T12:00:00Z'), 'UTC')).toBe(720);
    expect(minutesOfDay(at('2025-01-15T12:00:00Z'), 'Asia/Shanghai')).toBe(20 * 60);
    // New York is UTC-5 in January and UTC-4 in July
    expect(minutesOfDay(at('2025-01-15T12:00:00Z'), 'America/New_York')).toBe(7 * 60);
    expect(minutesOfDay(at('2025-07-15T12:00:00Z'), 'America/New_York')).toBe(8 * 60);
  });

  it('spans midnight when start is after end', () => {
    const q = { enabled: true, start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' };
    // Berlin is UTC+1 in January
    expect(isQuietTime(at('2025-01-15T20:59:00Z'), q)).toBe(false); // 21:59
    expect(isQuietTime(at('2025-01-15T21:00:00Z'), q)).toBe(true); // 22:00
    expect(isQuietTime(at('2025-01-15T23:30:00Z'), q)).toBe(true); // 00:30 next day
    expect(isQuietTime(at('2025-01-16T05:59:00Z'), q)).toBe(true); // 06:59
    expect(isQuietTime(at('2025-01-16T06:00:00Z'), q)).toBe(false); // 07:00
    expect(isQuietTime(at('2025-01-16T11:00:00Z'), q)).toBe(false); // noon
  });

  it('handles a window within one day, disabled, and empty windows', () => {
    const lunch = { enabled: true, start: '12:00', end: '13:00', timeZone: 'UTC' };
    expect(isQuietTime(at('2025-01-15T12:30:00Z'), lunch)).toBe(true);
    expect(isQuietTime(at('2025-01-15T13:00:00Z'), lunch)).toBe(false);
    expect(isQuietTime(at('2025-01-15T12:30:00Z'), { ...lunch, enabled: false })).toBe(false);
    expect(isQuietTime(at('2025-01-15T12:30:00Z'), { ...lunch, end: '12:00' })).toBe(false);
  });
});
