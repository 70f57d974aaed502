import { describe, expect, it } from 'vitest';
import { abcClasses } from './abc.js';
import { suggestedOrderQty } from './reorder.js';

describe('ABC classes', () => {
  it('A until 80 % of revenue is reached, B until 95 %, C after and for what sold nothing', () => {
    // 1 000 in all: p1 starts at 0 %, p2 at 50 %, p3 at 80 %, p4 at 90 %, p5 at 95 %, p6 at 98 %.
    const classes = abcClasses(new Map([['p3', 100], ['p1', 500], ['p5', 30], ['p2', 300], ['p6', 20], ['p4', 50], ['p7', 0]]));
    expect([...classes]).toEqual([['p1', 'A'], ['p2', 'A'], ['p3', 'B'], ['p4', 'B'], ['p5', 'C'], ['p6', 'C'], ['p7', 'C']]);
  });

  it('breaks ties by product id and gives a lone seller A', () => {
    expect([...abcClasses(new Map([['b', 10], ['a', 10]]))]).toEqual([['a', 'A'], ['b', 'A']]);
    expect([...abcClasses(new Map([['x', 1]]))]).toEqual([['x', 'A']]);
  });
});

describe('suggested order quantity', () => {
  it('is target − (on hand + on order + in transit), rounded up to the pack size', () => {
    // Target 40, 12 on hand, 6 ordered, 4 on the road: 18 short → 3 packs of 6 = 18; packs of 10 → 20.
    expect(suggestedOrderQty({ target: 40, onHand: 12, onOrder: 6, inTransit: 4, packSize: 6 })).toBe(18);
    expect(suggestedOrderQty({ target: 40, onHand: 12, onOrder: 6, inTransit: 4, packSize: 10 })).toBe(20);
    expect(suggestedOrderQty({ target: 40, onHand: 12, onOrder: 6, inTransit: 4, packSize: 1 })).toBe(18);
  });

  it('suggests nothing once what is ordered or on the road covers the target, and counts a negative level as a shortfall', () => {
    expect(suggestedOrderQty({ target: 40, onHand: 12, onOrder: 28, inTransit: 0, packSize: 6 })).toBe(0);
    expect(suggestedOrderQty({ target: 10, onHand: 2, onOrder: 0, inTransit: 9, packSize: 1 })).toBe(0);
    expect(suggestedOrderQty({ target: 10, onHand: -3, onOrder: 0, inTransit: 0, packSize: 4 })).toBe(16);
  });
});
