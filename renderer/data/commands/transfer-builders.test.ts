import { describe, expect, it } from 'vitest';
import { applyTransferMovement, checkTransferMovement, movementPushSchema, type TransferDoc } from '../../../shared/index.js';
import { CommandError } from './commands.js';
import { cancelledDocument, draftDocument, extrasNote, transferDispatchMovements, transferReceiptMovements, transferReturnMovements } from './transfer-builders.js';

const ctx = { deviceId: 'dev-1', actor: 'Ana', now: () => 1_700_000_000_000 };
const draft = (): TransferDoc =>
  draftDocument({ fromStoreId: 'a', toStoreId: 'b', note: ' van 2 ', lines: [{ productId: 'p', qty: 10 }, { productId: 'q', qty: 3 }, { productId: 'p', qty: 2 }] }, undefined, 'Ana', 1000);
/** The transfer after the movements, as the server would apply them (the shared rules). */
const apply = (t: TransferDoc, docs: ReturnType<typeof transferDispatchMovements>, role: 'staff' | 'manager' = 'staff') =>
  docs.reduce((acc, m) => {
    expect(checkTransferMovement(acc, m, role)).toBeNull();
    return applyTransferMovement(acc, m, m.clientTime);
  }, t);

describe('transfer builders', () => {
  it('a draft merges lines of the same product, zeroes the counters and is valid for the server', () => {
    const t = draft();
    expect(t).toMatchObject({ fromStoreId: 'a', toStoreId: 'b', note: 'van 2', state: 'draft', createdBy: 'Ana', sentAt: null });
    expect(t.lines).toEqual([
      { productId: 'p', qty: 12, sent: 0, received: 0, returned: 0, writtenOff: 0 },
      { productId: 'q', qty: 3, sent: 0, received: 0, returned: 0, writtenOff: 0 },
    ]);
    expect(() => draftDocument({ fromStoreId: 'a', toStoreId: 'a', note: null, lines: [{ productId: 'p', qty: 1 }] }, undefined, 'x', 1)).toThrow(CommandError);
    expect(() => draftDocument({ fromStoreId: 'a', toStoreId: 'b', note: null, lines: [] }, undefined, 'x', 1)).toThrow(CommandError);
    expect(() => draftDocument({ fromStoreId: 'a', toStoreId: 'b', note: null, lines: [{ productId: 'p', qty: 0 }] }, undefined, 'x', 1)).toThrow(CommandError);
    const edited = draftDocument({ id: t.id, fromStoreId: 'a', toStoreId: 'b', note: null, lines: [{ productId: 'q', qty: 1 }] }, t, 'Bo', 2000);
    expect(edited).toMatchObject({ id: t.id, createdBy: 'Ana', createdAt: 1000, updatedAt: 2000, note: null });
    expect(cancelledDocument(t, 3000)).toMatchObject({ state: 'cancelled', closedAt: 3000 });
    expect(() => cancelledDocument({ ...t, state: 'sent' }, 3000)).toThrow(CommandError);
  });

  it('a dispatch is one transfer_out per packed line at the source, never more than is left', () => {
    const t = draft();
    const docs = transferDispatchMovements(t, [{ productId: 'p', qty: 11 }, { productId: 'q', qty: 0 }], ctx);
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ storeId: 'a', productId: 'p', kind: 'transfer_out', delta: -11, transferId: t.id, actor: 'Ana', status: 'pending' });
    expect(movementPushSchema.safeParse(docs[0]).success).toBe(true);
    const sent = apply(t, docs);
    expect(sent.state).toBe('sent');
    try {
      transferDispatchMovements(sent, [{ productId: 'p', qty: 2 }, { productId: 'zz', qty: 1 }], ctx);
      expect.unreachable();
    } catch (err) {
      expect((err as CommandError).problems).toEqual([
        { code: 'transfer-too-much', productId: 'p', left: 1 },
        { code: 'transfer-not-on-it', productId: 'zz' },
      ]);
    }
    expect(() => transferDispatchMovements({ ...t, state: 'cancelled' }, [{ productId: 'p', qty: 1 }], ctx)).toThrow(CommandError);
  });

  it('a receipt books counted + written off (at most in transit), then the write-offs after it; extras are only reported', () => {
    const sent = apply(draft(), transferDispatchMovements(draft(), [{ productId: 'p', qty: 10 }, { productId: 'q', qty: 3 }], ctx));
    const plan = transferReceiptMovements(
      sent,
      [{ productId: 'p', qty: 7 }, { productId: 'q', qty: 5 }, { productId: 'x', qty: 1 }],
      [{ productId: 'p', qty: 1, reason: 'missing' }, { productId: 'p', qty: 1, reason: 'damaged' }],
      ctx,
    );
    expect(plan.movements.map((m) => [m.kind, m.storeId, m.productId, m.delta, m.reason])).toEqual([
      ['transfer_in', 'b', 'p', 9, null],
      ['transfer_in', 'b', 'q', 3, null],
      ['adjustment', 'b', 'p', -1, 'missing'],
      ['adjustment', 'b', 'p', -1, 'damaged'],
    ]);
    expect(plan.movements.every((m) => m.transferId === sent.id && movementPushSchema.safeParse(m).success)).toBe(true);
    expect(plan.movements[2]!.clientTime).toBeGreaterThan(plan.movements[0]!.clientTime);
    expect(plan.extras).toEqual([{ productId: 'x', qty: 1 }, { productId: 'q', qty: 2 }]);
    const after = apply(sent, plan.movements);
    expect(after.state).toBe('partial');
    expect(after.lines.find((l) => l.productId === 'p')).toMatchObject({ sent: 10, received: 9, writtenOff: 2 });
    // The one unit still on the road arrives later: a second receipt closes it.
    const last = apply(after, transferReceiptMovements(after, [{ productId: 'p', qty: 1 }], [], ctx).movements);
    expect(last.state).toBe('closed');
  });

  it('refuses write-offs beyond what is in transit and receipts of a transfer not on the road', () => {
    const sent = apply(draft(), transferDispatchMovements(draft(), [{ productId: 'p', qty: 2 }], ctx));
    expect(() => transferReceiptMovements(sent, [{ productId: 'p', qty: 2 }], [{ productId: 'p', qty: 1, reason: 'damaged' }], ctx)).toThrow(CommandError);
    expect(() => transferReceiptMovements(draft(), [{ productId: 'p', qty: 1 }], [], ctx)).toThrow(CommandError);
    expect(() => transferReceiptMovements(sent, [], [], ctx)).toThrow(CommandError);
  });

  it('a return takes back at the source everything still in transit, and is a manager\'s', () => {
    const sent = apply(draft(), transferDispatchMovements(draft(), [{ productId: 'p', qty: 4 }, { productId: 'q', qty: 3 }], ctx));
    const docs = transferReturnMovements(sent, ctx);
    expect(docs.map((m) => [m.kind, m.storeId, m.productId, m.delta])).toEqual([['transfer_in', 'a', 'p', 4], ['transfer_in', 'a', 'q', 3]]);
    expect(apply(sent, docs, 'manager').state).toBe('cancelled');
    expect(() => transferReturnMovements(draft(), ctx)).toThrow(CommandError);
  });

  it('extras are appended to the note, which stays within its 2000 characters', () => {
    expect(extrasNote(null, 'extra: 2 × Tea')).toBe('extra: 2 × Tea');
    expect(extrasNote('van 2', 'extra: 2 × Tea')).toBe('van 2\nextra: 2 × Tea');
    expect(extrasNote('x'.repeat(1999), 'extra').length).toBe(2000);
  });
});
