import { describe, expect, it } from 'vitest';
import { movementPushSchema } from '../../../shared/index.js';
import { CommandError, adjustmentMovement, countMovement, lineVoidMovement, qtyProblem, receiptMovements, saleMovements, voidMovements } from './commands.js';

const ctx = { deviceId: 'dev-1', actor: null, now: () => 1_700_000_000_000 };

describe('movement builders', () => {
  it('a sale is one negative movement per product, sharing a ticketId, valid for the server', () => {
    const ms = saleMovements('s1', [{ productId: 'a', qty: 1, unitCents: 250 }, { productId: 'b', qty: 2, unitCents: 250 }, { productId: 'a', qty: 1, unitCents: 250 }], ctx);
    expect(ms.map((m) => [m.productId, m.delta])).toEqual([['a', -2], ['b', -2]]);
    expect(new Set(ms.map((m) => m.ticketId)).size).toBe(1);
    expect(ms.every((m) => m.unitPriceCents === 250)).toBe(true);
    for (const m of ms) {
      expect(m.status).toBe('pending');
      expect(movementPushSchema.safeParse(m).success).toBe(true);
    }
  });

  it('refuses empty tickets and bad quantities', () => {
    expect(() => saleMovements('s1', [], ctx)).toThrow(CommandError);
    expect(() => saleMovements('s1', [{ productId: 'a', qty: 0, unitCents: 250 }], ctx)).toThrow(CommandError);
    expect(() => saleMovements('s1', [{ productId: 'a', qty: 1.5, unitCents: 250 }], ctx)).toThrow(CommandError);
    expect(() => receiptMovements('s1', [{ productId: 'a', qty: -1, unitCents: 250 }], null, ctx)).toThrow(CommandError);
  });

  it('void reverses the non-rejected sale lines with the same ticketId and a reason', () => {
    const sale = saleMovements('s1', [{ productId: 'a', qty: 3, unitCents: 250 }, { productId: 'b', qty: 1, unitCents: 250 }], ctx);
    sale[1]!.status = 'rejected';
    const voids = voidMovements(sale, 'customer changed mind', ctx);
    expect(voids).toHaveLength(1);
    expect(voids[0]).toMatchObject({ kind: 'void', delta: 3, ticketId: sale[0]!.ticketId, reason: 'customer changed mind', unitPriceCents: 250 });
    expect(() => voidMovements(sale, '   ', ctx)).toThrow(CommandError);
    expect(() => voidMovements(sale, 'x'.repeat(65), ctx)).toThrow(CommandError);
  });

  it('adjustment needs a reason of 1–64 characters and a non-zero delta', () => {
    expect(adjustmentMovement('s1', 'a', -2, 'damaged', ctx)).toMatchObject({ kind: 'adjustment', delta: -2, reason: 'damaged' });
    expect(() => adjustmentMovement('s1', 'a', 0, 'damaged', ctx)).toThrow(CommandError);
    expect(() => adjustmentMovement('s1', 'a', 1, '', ctx)).toThrow(CommandError);
    expect(() => adjustmentMovement('s1', 'a', 1, 'x'.repeat(65), ctx)).toThrow(CommandError);
  });

  it('count records counted and expected, delta = counted − expected', () => {
    const m = countMovement('s1', 'a', 7, 10, ctx);
    expect(m).toMatchObject({ kind: 'count', countedQty: 7, expectedQty: 10, delta: -3 });
    expect(countMovement('s1', 'a', 4, 4, ctx).delta).toBe(0);
    expect(() => countMovement('s1', 'a', -1, 4, ctx)).toThrow(CommandError);
  });

  it('a line void takes back part of one sale line at its price, never more than is left', () => {
    const [sale] = saleMovements('s1', [{ productId: 'a', qty: 3, unitCents: 199 }], ctx);
    const v = lineVoidMovement(sale!, 2, 3, 'returned', ctx);
    expect(v).toMatchObject({ kind: 'void', delta: 2, ticketId: sale!.ticketId, productId: 'a', unitPriceCents: 199, reason: 'returned' });
    expect(movementPushSchema.safeParse(v).success).toBe(true);
    expect(() => lineVoidMovement(sale!, 2, 1, 'returned', ctx)).toThrow(CommandError);
    expect(() => lineVoidMovement(sale!, 1, 3, ' ', ctx)).toThrow(CommandError);
    expect(() => lineVoidMovement({ ...sale!, status: 'rejected' }, 1, 3, 'returned', ctx)).toThrow(CommandError);
  });

  it('quantity problems are coded with the product, so the screen can name it', () => {
    expect(qtyProblem(0, 'a')).toEqual({ code: 'qty-invalid', productId: 'a' });
    expect(qtyProblem(2_000_000_000, 'a')).toMatchObject({ code: 'qty-too-big', productId: 'a' });
    expect(qtyProblem(5, 'a')).toBeNull();
    try {
      saleMovements('s1', [{ productId: 'a', qty: 2_000_000_000, unitCents: 1 }], ctx);
      expect.unreachable();
    } catch (err) {
      expect((err as CommandError).problems).toEqual([expect.objectContaining({ code: 'qty-too-big', productId: 'a' })]);
    }
  });
});
