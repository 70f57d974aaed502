/**
 * The transfer commands of the real client against the REAL server: a manager's draft goes
 * through the outbox, the source's dispatch and the destination's blind receipt with a unit
 * missing and a unit damaged are movements the server accepts; the server's transfer, levels
 * and write-offs agree with what both devices show.
 */
import { firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockId } from '../../../shared/index.js';
import { sale } from '../../../test/support/docs.js';
import { latestById, pullAll, pushMovements } from '../../../test/support/replication.js';
import { createStore, pairWithRole, startStockedTenant, type TestTenant } from '../../../test/support/tenant.js';
import type { StockroomClient } from '../api.js';
import { eventually, openClient } from '../testing/harness.js';
import { CommandError } from './commands.js';

let tenant: TestTenant;
let from: string;
let to: string;
let products: string[];
const clients: StockroomClient[] = [];

beforeAll(async () => {
  ({ tenant, storeId: from, productIds: products } = await startStockedTenant(2, () => 20));
  to = (await createStore(tenant.owner, 'Harbour')).id;
}, 120_000);

afterAll(async () => {
  for (const c of clients) await c.close();
  await tenant?.dispose();
});

describe('transfer commands against the server', () => {
  it('draft → dispatch at the source → blind receipt with write-offs at the destination; both devices and the server agree', async () => {
    const [p, q] = products as [string, string];
    const manager = await openClient(await pairWithRole(tenant, 'manager', [from], 'source till'), from);
    const staff = await openClient(await pairWithRole(tenant, 'staff', [to], 'harbour till'), to);
    clients.push(manager, staff);
    await Promise.all([manager.whenInitialSyncDone(), staff.whenInitialSyncDone()]);
    await expect(staff.saveTransferDraft({ fromStoreId: from, toStoreId: to, note: null, lines: [{ productId: p, qty: 1 }] })).rejects.toThrow(CommandError);

    const draft = await manager.saveTransferDraft({ fromStoreId: from, toStoreId: to, note: 'Saturday van', lines: [{ productId: p, qty: 10 }, { productId: q, qty: 4 }] });
    expect(manager.transfers.get(draft.id)?.state).toBe('draft');
    await eventually(() => staff.transfers.get(draft.id), 15_000, 'the draft at the destination');
    // The destination cannot dispatch: a store it may not write would fail its whole push.
    await expect(staff.dispatchTransfer(draft.id, [{ productId: p, qty: 10 }])).rejects.toThrow(CommandError);

    await manager.dispatchTransfer(draft.id, [{ productId: p, qty: 10 }, { productId: q, qty: 3 }]);
    // Projected at once, before the server answers.
    expect(manager.transfers.get(draft.id)?.state).toBe('sent');
    expect(manager.levels.get(from, p).level).toBe(10);
    expect(manager.transfers.inTransit(from, p).outgoing).toBe(10);
    await eventually(() => staff.transfers.get(draft.id)?.state === 'sent', 15_000, 'the dispatch at the destination');
    expect(staff.transfers.inTransit(to, p).incoming).toBe(10);

    const r = await staff.receiveTransfer(draft.id, {
      counted: [{ productId: p, qty: 8 }, { productId: q, qty: 4 }],
      writeOffs: [{ productId: p, qty: 1, reason: 'missing' }, { productId: p, qty: 1, reason: 'damaged' }],
      extraNote: 'extra 1 × q',
    });
    expect(r.extras).toEqual([{ productId: q, qty: 1 }]);
    // Staff note extras on the transfer (the server lets them change its note, nothing else).
    expect(r.extrasNoted).toBe(true);
    expect(staff.levels.get(to, p).level).toBe(8);
    expect(staff.transfers.get(draft.id)?.state).toBe('closed');

    await eventually(() => manager.transfers.get(draft.id)?.state === 'closed', 15_000, 'the receipt at the source');
    const server = latestById((await pullAll(tenant.owner.api, 'transfers')).documents).get(draft.id)!;
    expect(server.state).toBe('closed');
    await eventually(async () => latestById((await pullAll(tenant.owner.api, 'transfers')).documents).get(draft.id)?.note?.includes('extra 1 × q') === true, 15_000, 'the extras noted on the server');
    expect(server.lines.find((l) => l.productId === p)).toMatchObject({ qty: 10, sent: 10, received: 10, writtenOff: 2, returned: 0 });
    expect(server.lines.find((l) => l.productId === q)).toMatchObject({ qty: 4, sent: 3, received: 3, writtenOff: 0 });
    const movements = (await pullAll(tenant.owner.api, 'movements')).documents.filter((m) => m.transferId === draft.id);
    expect(movements.every((m) => m.status === 'accepted')).toBe(true);
    expect(movements.filter((m) => m.kind === 'adjustment').map((m) => [m.reason, m.delta, m.storeId]).sort()).toEqual([['damaged', -1, to], ['missing', -1, to]]);
    const stock = latestById((await pullAll(tenant.owner.api, 'stock')).documents);
    expect(stock.get(stockId(from, p))?.onHand).toBe(10);
    expect(stock.get(stockId(to, p))?.onHand).toBe(8);
    expect(stock.get(stockId(to, q))?.onHand).toBe(3);
    // Σ levels conserved minus write-offs: 20 + 0 → 10 + 8 (2 written off).
    // The manager's device works at the source: its level there is the server's after sync.
    await eventually(() => manager.levels.get(from, p).level === 10 && manager.levels.get(from, p).unappliedDelta === 0, 15_000, 'levels at the source');
    expect(staff.transfers.inTransit(to, p)).toEqual({ incoming: 0, outgoing: 0, overdueIncoming: 0 });
  }, 120_000);

  it('a manager cancels a draft; a return after dispatch restores the source; a rejected dispatch is reduced to what is available', async () => {
    const [p] = products as [string, string];
    for (const c of clients.splice(0)) await c.close();
    const owner = await openClient(tenant.owner, from);
    clients.push(owner);
    await owner.whenInitialSyncDone();
    const a = await owner.saveTransferDraft({ fromStoreId: from, toStoreId: to, note: null, lines: [{ productId: p, qty: 2 }] });
    await owner.cancelTransferDraft(a.id);
    expect(owner.transfers.get(a.id)?.state).toBe('cancelled');
    await expect(owner.dispatchTransfer(a.id, [{ productId: p, qty: 1 }])).rejects.toThrow(CommandError);

    await eventually(() => owner.levels.get(from, p).level === 10, 15_000, 'the source level');
    const b = await owner.saveTransferDraft({ fromStoreId: from, toStoreId: to, note: null, lines: [{ productId: p, qty: 3 }] });
    await owner.dispatchTransfer(b.id, [{ productId: p, qty: 3 }]);
    await owner.returnTransfer(b.id);
    expect(owner.transfers.get(b.id)?.state).toBe('cancelled');
    await eventually(async () => latestById((await pullAll(tenant.owner.api, 'transfers')).documents).get(b.id)?.state === 'cancelled', 15_000, 'the return on the server');
    // Eventually: for a moment the stock row's echo can arrive before the push answer that marks the return accepted.
    await eventually(() => owner.levels.get(from, p).level === 10, 15_000, 'the source level after the return');

    // More than the source holds (sold at another till meanwhile): the server rejects the dispatch, "Reduce to available" sends what is there.
    const c = await owner.saveTransferDraft({ fromStoreId: from, toStoreId: to, note: null, lines: [{ productId: p, qty: 10 }] });
    await pushMovements(tenant.owner.api, [sale(from, p, 4)]);
    const [out] = await owner.dispatchTransfer(c.id, [{ productId: p, qty: 10 }]);
    const exception = await eventually(async () => (await firstValueFrom(owner.exceptions$)).find((x) => x.movement.id === out), 15_000, 'the rejected dispatch');
    expect(exception.movement.rejection?.code).toBe('insufficient-stock');
    await eventually(() => owner.levels.get(from, p).level === 6, 15_000, 'the sale elsewhere');
    const again = await owner.reduceDispatchToAvailable(out!);
    expect(again?.qty).toBe(6);
    await eventually(async () => !(await firstValueFrom(owner.exceptions$)).some((x) => x.movement.id === out), 15_000, 'the exception resolved');
    await eventually(async () => latestById((await pullAll(tenant.owner.api, 'transfers')).documents).get(c.id)?.lines[0]?.sent === 6, 15_000, 'the reduced dispatch on the server');
    expect(owner.levels.get(from, p).level).toBe(0);

    // A manager's device that counts more than was sent: nothing extra is booked, the extra goes into the note.
    const q = products[1]!;
    const d = await owner.saveTransferDraft({ fromStoreId: from, toStoreId: to, note: 'van', lines: [{ productId: q, qty: 2 }] });
    await owner.dispatchTransfer(d.id, [{ productId: q, qty: 2 }]);
    const r = await owner.receiveTransfer(d.id, { counted: [{ productId: q, qty: 3 }], writeOffs: [], extraNote: 'Extra on receipt: 1 × Q' });
    expect(r).toMatchObject({ extras: [{ productId: q, qty: 1 }], extrasNoted: true });
    expect(r.movementIds).toHaveLength(1);
    const noted = await eventually(async () => {
      const doc = latestById((await pullAll(tenant.owner.api, 'transfers')).documents).get(d.id);
      return doc?.state === 'closed' && doc.note === 'van\nExtra on receipt: 1 × Q' ? doc : null;
    }, 15_000, 'the note and the receipt on the server');
    expect(noted.lines[0]).toMatchObject({ sent: 2, received: 2 });
  }, 120_000);
});
