import { describe, expect, it } from 'vitest';
import { rearm, rearmLimit, severityOf } from './levels.js';

const h = { units: 2, percent: 0 };

describe('severityOf', () => {
  it('gives the worst level that applies (DESIGN §7)', () => {
    expect(severityOf(11, 10, 3)).toBe(0);
    expect(severityOf(10, 10, 3)).toBe(1);
    expect(severityOf(4, 10, 3)).toBe(1);
    expect(severityOf(3, 10, 3)).toBe(2);
    expect(severityOf(1, 10, 3)).toBe(2);
    expect(severityOf(0, 10, 3)).toBe(3);
    expect(severityOf(-2, 10, 3)).toBe(3);
  });

  it('works with only one threshold configured', () => {
    expect(severityOf(5, 5, null)).toBe(1);
    expect(severityOf(0, 5, null)).toBe(3);
    expect(severityOf(5, null, 5)).toBe(2);
    expect(severityOf(6, null, 5)).toBe(0);
  });

  it('does not watch a row without thresholds, not even at zero', () => {
    expect(severityOf(0, null, null)).toBe(0);
    expect(severityOf(-5, null, null)).toBe(0);
  });
});

describe('rearm', () => {
  it('keeps a level armed-off until the quantity rises above threshold + hysteresis', () => {
    expect(rearm(1, 11, 10, 3, h)).toBe(1);
    expect(rearm(1, 12, 10, 3, h)).toBe(1);
    expect(rearm(1, 13, 10, 3, h)).toBe(0);
  });

  it('steps down through the levels it recovered from', () => {
    // notified out; 3 units is above 0 + 2 but within critical 3 + 2
    expect(rearm(3, 2, 10, 3, h)).toBe(3);
    expect(rearm(3, 3, 10, 3, h)).toBe(2);
    expect(rearm(3, 6, 10, 3, h)).toBe(1);
    expect(rearm(3, 13, 10, 3, h)).toBe(0);
  });

  it('never raises the notified level', () => {
    expect(rearm(1, 0, 10, 3, h)).toBe(1);
    expect(rearm(0, 0, 10, 3, h)).toBe(0);
  });

  it('uses the larger of units and percent', () => {
    expect(rearmLimit(100, { units: 2, percent: 10 })).toBe(110);
    expect(rearmLimit(5, { units: 2, percent: 10 })).toBe(7);
    expect(rearmLimit(0, { units: 1, percent: 50 })).toBe(1);
  });
});
