import { describe, expect, it } from 'vitest';
import type { MovementKind, MovementStatus } from '../schemas/index.js';
import { T0 } from './test-clock.js';
import {
  dynamicReorderPoint,
  dynamicReorderPoints,
  effectiveReorderPoint,
  unitsSold,
  type VelocityMovement,
} from './velocity.js';

const DAY = 86_400_000;

function mv(
  productId: string,
  kind: MovementKind,
  delta: number,
  daysAgo: number,
  status: MovementStatus = 'accepted',
  storeId = 'main',
): VelocityMovement {
  const t = T0 - daysAgo * DAY;
  return { storeId, productId, kind, delta, status, clientTime: t, serverTime: status === 'pending' ? null : t };
}

describe('sales velocity', () => {
  const movements = [
    mv('beans', 'sale', -4, 1),
    mv('beans', 'sale', -6, 3, 'pending'), // offline sales count
    mv('beans', 'sale', -50, 2, 'rejected'), // never happened
    mv('beans', 'sale', -20, 40), // outside a 28-day window
    mv('beans', 'void', 2, 1), // a voided sale puts 2 back
    mv('beans', 'receipt', 100, 1), // deliveries are not sales
    mv('milk', 'sale', -3, 5, 'accepted', 'north'),
  ];

  it('sums sales minus voids in the window, per store × product', () => {
    const sold = unitsSold(movements, T0, 28);
    expect(sold.get('main:beans')).toBe(8);
    expect(sold.get('north:milk')).toBe(3);
    expect(sold.size).toBe(2);
  });

  it('computes average daily sales × lead time, rounded up', () => {
    expect(dynamicReorderPoint(8, 28, 7)).toBe(2);
    expect(dynamicReorderPoint(280, 28, 7)).toBe(70);
    expect(dynamicReorderPoint(0, 28, 7)).toBe(0);
    const points = dynamicReorderPoints(movements, T0, 14, 14);
    expect(points.get('main:beans')).toBe(8);
    expect(points.get('north:milk')).toBe(3);
  });

  it('falls back to the manual reorder point without sales history', () => {
    expect(effectiveReorderPoint(10, undefined)).toBe(10);
    expect(effectiveReorderPoint(10, 25)).toBe(25);
    expect(effectiveReorderPoint(null, 4)).toBe(4);
    expect(effectiveReorderPoint(null, undefined)).toBeNull();
  });
});
