import { describe, expect, it } from 'vitest';
import { pushInputSchema, streamInputSchema } from '../protocol.js';
import { COLLECTIONS } from './index.js';
import { movementPushSchema, movementRuleViolations } from './movement.js';
import { stockPushSchema } from './stock.js';

const sale = {
  id: '0190a0b0-0000-7000-8000-000000000001',
  storeId: 'store-1',
  productId: 'product-1',
  kind: 'sale',
  delta: -1,
  reason: null,
  ticketId: 'ticket-1',
  countedQty: null,
  expectedQty: null,
  deviceId: 'device-1',
  actor: null,
  clientTime: 1_700_000_000_000,
};

describe('movement schemas', () => {
  it('accepts a device movement without server-owned fields', () => {
    const parsed = movementPushSchema.parse(sale);
    expect(parsed._deleted).toBe(false);
  });

  it('rejects a sale that adds stock', () => {
    expect(movementPushSchema.safeParse({ ...sale, delta: 2 }).success).toBe(false);
  });

  it('needs a reason for adjustments and voids, at most 64 characters', () => {
    expect(movementRuleViolations({ ...sale, kind: 'adjustment', reason: null })).toHaveLength(1);
    const long = { ...sale, kind: 'adjustment', reason: 'x'.repeat(65) };
    expect(movementPushSchema.safeParse(long).success).toBe(false);
    expect(movementPushSchema.safeParse({ ...sale, kind: 'void', delta: 1, reason: 'mistake' }).success).toBe(true);
  });

  it('checks that a count delta is counted minus expected', () => {
    const count = { ...sale, kind: 'count', countedQty: 7, expectedQty: 10 };
    expect(movementPushSchema.safeParse({ ...count, delta: -3 }).success).toBe(true);
    expect(movementPushSchema.safeParse({ ...count, delta: -2 }).success).toBe(false);
  });

  it('rejects non-integer and oversized quantities', () => {
    expect(movementPushSchema.safeParse({ ...sale, delta: -1.5 }).success).toBe(false);
    expect(movementPushSchema.safeParse({ ...sale, delta: -1e12 }).success).toBe(false);
  });
});

describe('stream input', () => {
  it('takes every collection, as a device opens one stream for all of them', () => {
    expect(streamInputSchema.safeParse({ collections: [...COLLECTIONS] }).success).toBe(true);
    expect(streamInputSchema.safeParse({ collections: [...COLLECTIONS, 'stock'] }).success).toBe(false);
  });
});

describe('stock push schema', () => {
  it('requires the id to be storeId:productId', () => {
    const row = { id: 's:p', storeId: 's', productId: 'p', reorderPoint: 5, criticalPoint: 2, updatedAt: 1 };
    expect(stockPushSchema.safeParse(row).success).toBe(true);
    expect(stockPushSchema.safeParse({ ...row, id: 'x:p' }).success).toBe(false);
  });
});

describe('push input', () => {
  it('rejects an unknown collection and too many rows', () => {
    expect(pushInputSchema.safeParse({ collection: 'secrets', rows: [] }).success).toBe(false);
    const rows = Array.from({ length: 1001 }, () => ({ assumedMasterState: null, newDocumentState: sale }));
    expect(pushInputSchema.safeParse({ collection: 'movements', rows }).success).toBe(false);
  });
});
