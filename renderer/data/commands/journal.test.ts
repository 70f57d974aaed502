import { describe, expect, it } from 'vitest';
import { lineVoidMovement, saleMovements } from './commands.js';
import { buildJournal } from './journal.js';

const ctx = { deviceId: 'dev-1', actor: 'Mia', now: () => 1_700_000_000_000 };

describe('ticket journal', () => {
  it('a ticket shows its lines with prices, who rang it up, and what was voided of each line', () => {
    const sale = saleMovements('s1', [{ productId: 'a', qty: 3, unitCents: 200 }, { productId: 'b', qty: 1, unitCents: 500 }], ctx);
    const voidA = { ...lineVoidMovement(sale[0]!, 1, 3, 'returned', ctx), status: 'accepted' as const };
    const [ticket] = buildJournal([...sale, voidA]);
    expect(ticket).toMatchObject({ ticketId: sale[0]!.ticketId, actor: 'Mia', totalCents: 1100, voidedCents: 200 });
    const a = ticket!.lines.find((l) => l.productId === 'a')!;
    expect(a).toMatchObject({ qty: 3, voided: 1, voidable: 2, unitPriceCents: 200 });
  });

  it('a refused line counts for nothing and cannot be voided; a refused void takes nothing back', () => {
    const sale = saleMovements('s1', [{ productId: 'a', qty: 2, unitCents: 100 }, { productId: 'b', qty: 1, unitCents: 300 }], ctx);
    sale[1] = { ...sale[1]!, status: 'rejected' };
    const refusedVoid = { ...lineVoidMovement(sale[0]!, 2, 2, 'x', ctx), status: 'rejected' as const };
    const [ticket] = buildJournal([...sale, refusedVoid]);
    expect(ticket!.totalCents).toBe(200);
    expect(ticket!.lines.find((l) => l.productId === 'b')!.voidable).toBe(0);
    expect(ticket!.lines.find((l) => l.productId === 'a')!).toMatchObject({ voided: 0, voidable: 2 });
  });

  it('tickets come newest first; receipts and counts are not tickets of the journal', () => {
    const older = saleMovements('s1', [{ productId: 'a', qty: 1, unitCents: 1 }], { ...ctx, now: () => 1_000 });
    const newer = saleMovements('s1', [{ productId: 'a', qty: 1, unitCents: 1 }], { ...ctx, now: () => 2_000 });
    const receipt = { ...newer[0]!, id: 'r', kind: 'receipt' as const, delta: 5, ticketId: 'delivery' };
    expect(buildJournal([...older, ...newer, receipt]).map((t) => t.ticketId)).toEqual([newer[0]!.ticketId, older[0]!.ticketId]);
  });
});
