import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransit, uuidv7, type MovementDoc, type TransferDoc } from '../../shared/index.js';
import { expectProblem, type Api, type Device } from '../support/client.js';
import { movement } from '../support/docs.js';
import { latestById, pullAll, pushMovements } from '../support/replication.js';
import { createProduct, createStore, pairWithRole, startTenant, stockUp, type TestTenant } from '../support/tenant.js';

/**
 * Issue 14's integration acceptance (DESIGN §4 transfers), over real HTTP on the backend of the
 * run (SQLite, or PostgreSQL with two instances and devices spread over both).
 */
describe('transfers between stores', () => {
  let tenant: TestTenant;
  let source: string;
  let destination: string;
  let manager: Device;
  let sourceStaff: Device;
  let destinationStaff: Device;
  let otherSourceStaff: Device;

  beforeAll(async () => {
    tenant = await startTenant({ args: ['--rate-limit', '100000'] });
    source = tenant.defaultStoreId;
    destination = (await createStore(tenant.owner, 'Airport')).id;
    manager = await pairWithRole(tenant, 'manager', [source, destination], 'manager');
    sourceStaff = await pairWithRole(tenant, 'staff', [source], 'source-till');
    otherSourceStaff = await pairWithRole(tenant, 'staff', [source], 'source-till-2');
    destinationStaff = await pairWithRole(tenant, 'staff', [destination], 'destination-till');
  });
  afterAll(async () => {
    await tenant?.dispose();
  });

  async function draft(lines: Array<[productId: string, qty: number]>): Promise<string> {
    const id = uuidv7();
    const now = Date.now();
    const doc = {
      id, fromStoreId: source, toStoreId: destination, note: null, state: 'draft' as const, createdBy: 'Mia',
      createdAt: now, sentAt: null, closedAt: null, updatedAt: now, seq: null, _deleted: false,
      lines: lines.map(([productId, qty]) => ({ productId, qty, sent: 0, received: 0, returned: 0, writtenOff: 0 })),
    };
    const conflicts = await manager.api.replication.push.mutate({ collection: 'transfers', rows: [{ assumedMasterState: null, newDocumentState: doc }] });
    expect(conflicts).toEqual([]);
    return id;
  }
  const transfer = async (id: string): Promise<TransferDoc> => {
    const doc = latestById((await pullAll(tenant.owner.api, 'transfers')).documents).get(id);
    if (!doc) throw new Error(`transfer ${id} not on the server`);
    return doc;
  };
  const level = async (storeId: string, productId: string) =>
    latestById((await pullAll(tenant.owner.api, 'stock')).documents).get(`${storeId}:${productId}`)?.onHand ?? 0;
  const dispatch = (transferId: string, productId: string, qty: number) =>
    movement({ storeId: source, productId, kind: 'transfer_out', delta: -qty, transferId });
  const receive = (transferId: string, productId: string, qty: number, storeId = destination) =>
    movement({ storeId, productId, kind: 'transfer_in', delta: qty, transferId });
  const writeOff = (transferId: string, productId: string, qty: number, reason: string) =>
    movement({ storeId: destination, productId, kind: 'adjustment', delta: -qty, reason, transferId });
  const verdicts = (rows: MovementDoc[]) => rows.map((m) => m.rejection?.code ?? m.status);

  async function stocked(qty: number): Promise<string> {
    const p = await createProduct(tenant.owner);
    await stockUp(tenant.owner, source, [[p.id, qty]]);
    return p.id;
  }

  it('rejects a dispatch of more than the source holds (insufficient-stock), like a sale', async () => {
    const p = await stocked(3);
    const t = await draft([[p, 5]]);
    const [out] = await pushMovements(sourceStaff.api, [dispatch(t, p, 5)]);
    expect(out).toMatchObject({ status: 'rejected', rejection: { code: 'insufficient-stock', requested: 5, available: 3 } });
    expect(await level(source, p)).toBe(3);
    expect(await transfer(t)).toMatchObject({ state: 'draft', sentAt: null });
    // Reduced to what is there, it goes.
    const [reduced] = await pushMovements(sourceStaff.api, [dispatch(t, p, 3)]);
    expect(reduced!.status).toBe('accepted');
    expect((await transfer(t)).lines[0]).toMatchObject({ qty: 5, sent: 3 });
  });

  it('two devices dispatching the same draft at once: it is sent once', async () => {
    const p = await stocked(20);
    const t = await draft([[p, 6]]);
    const [a, b] = await Promise.all([
      pushMovements(sourceStaff.api, [dispatch(t, p, 6)]),
      pushMovements(otherSourceStaff.api, [dispatch(t, p, 6)]),
    ]);
    expect([...verdicts(a), ...verdicts(b)].sort()).toEqual(['accepted', 'invalid-transfer']);
    const doc = await transfer(t);
    expect(doc).toMatchObject({ state: 'sent' });
    expect(doc.lines[0]).toMatchObject({ sent: 6 });
    expect(doc.sentAt).toEqual(expect.any(Number));
    expect(await level(source, p)).toBe(14);
  });

  it('never receives more than is in transit; a short delivery is received and written off; several receipts close it', async () => {
    const p = await stocked(10);
    const t = await draft([[p, 10]]);
    await pushMovements(sourceStaff.api, [dispatch(t, p, 10)]);
    const [over] = await pushMovements(destinationStaff.api, [receive(t, p, 11)]);
    expect(over).toMatchObject({ status: 'rejected', rejection: { code: 'invalid-transfer', requested: 11, available: 10 } });
    expect(over!.rejection!.message).toBe('Only 10 of this line are in transit');
    // First box: 4.
    expect(verdicts(await pushMovements(destinationStaff.api, [receive(t, p, 4)]))).toEqual(['accepted']);
    expect(await transfer(t)).toMatchObject({ state: 'partial' });
    // Second: 5 counted, 1 never arrived and 1 damaged: all 6 received, 2 written off, in the same push.
    const second = await pushMovements(destinationStaff.api, [
      receive(t, p, 6), writeOff(t, p, 1, 'missing'), writeOff(t, p, 1, 'damaged'), receive(t, p, 1),
    ]);
    expect(verdicts(second)).toEqual(['accepted', 'accepted', 'accepted', 'invalid-transfer']);
    const doc = await transfer(t);
    expect(doc).toMatchObject({ state: 'closed', closedAt: expect.any(Number) });
    expect(doc.lines[0]).toMatchObject({ sent: 10, received: 10, returned: 0, writtenOff: 2 });
    expect(inTransit(doc.lines[0]!)).toBe(0);
    expect(await level(destination, p)).toBe(8);
    expect(await level(source, p)).toBe(0);
    // Conservation: 10 in the shop network before, 8 now, the 2 written off with their reasons.
    const shrinkage = (await pullAll(tenant.owner.api, 'movements')).documents.filter((m) => m.transferId === t && m.kind === 'adjustment');
    expect(shrinkage.map((m) => [m.reason, m.delta, m.storeId, m.status])).toEqual([
      ['missing', -1, destination, 'accepted'], ['damaged', -1, destination, 'accepted'],
    ]);
    // Closed: nothing more goes out on it.
    expect(verdicts(await pushMovements(sourceStaff.api, [dispatch(t, p, 1)]))).toEqual(['invalid-transfer']);
    // The source's till pulls only its own store's movements; the transfer's page asks the server for both ends.
    expect((await pullAll(sourceStaff.api, 'movements')).documents.filter((m) => m.transferId === t).map((m) => m.kind).sort()).toEqual(['transfer_out', 'transfer_out']);
    const both = await sourceStaff.api.reports.transferMovements.query({ transferId: t });
    expect(both.movements.filter((m) => m.status === 'accepted').map((m) => [m.kind, m.storeId, m.delta])).toEqual([
      ['transfer_out', source, -10], ['transfer_in', destination, 4], ['transfer_in', destination, 6], ['adjustment', destination, -1], ['adjustment', destination, -1],
    ]);
    // A device of neither store learns nothing, not even that it exists.
    const elsewhere = (await createStore(tenant.owner, 'Elsewhere')).id;
    const outsider = await pairWithRole(tenant, 'staff', [elsewhere], 'outsider');
    expect((await expectProblem(outsider.api.reports.transferMovements.query({ transferId: t }))).type).toBe('invalid-input');
  });

  it('a return after dispatch restores the source (a manager\'s; staff are refused) and cancels the transfer', async () => {
    const p = await stocked(7);
    const t = await draft([[p, 7]]);
    await pushMovements(sourceStaff.api, [dispatch(t, p, 7)]);
    expect(await level(source, p)).toBe(0);
    const [byStaff] = await pushMovements(sourceStaff.api, [receive(t, p, 7, source)]);
    expect(byStaff).toMatchObject({ status: 'rejected', rejection: { code: 'invalid-transfer', message: 'Only a manager may book a return' } });
    expect(verdicts(await pushMovements(manager.api, [receive(t, p, 7, source)]))).toEqual(['accepted']);
    expect(await level(source, p)).toBe(7);
    expect(await level(destination, p)).toBe(0);
    const doc = await transfer(t);
    expect(doc).toMatchObject({ state: 'cancelled' });
    expect(doc.lines[0]).toMatchObject({ sent: 7, returned: 7, received: 0 });
    // Nothing is in transit any more: the destination cannot receive it.
    expect(verdicts(await pushMovements(destinationStaff.api, [receive(t, p, 1)]))).toEqual(['invalid-transfer']);
  });

  it('staff of the destination cannot dispatch, staff of the source cannot receive', async () => {
    const p = await stocked(5);
    await stockUp(tenant.owner, destination, [[p, 5]]);
    const t = await draft([[p, 5]]);
    // Not their store: the whole request fails and nothing is written (DESIGN §3 forbidden-store).
    expect((await expectProblem(pushMovements(destinationStaff.api, [dispatch(t, p, 5)]))).type).toBe('forbidden-store');
    // From their own store it is not this transfer's source.
    const [wrongEnd] = await pushMovements(destinationStaff.api, [movement({ storeId: destination, productId: p, kind: 'transfer_out', delta: -5, transferId: t })]);
    expect(wrongEnd).toMatchObject({ status: 'rejected', rejection: { code: 'invalid-transfer', message: 'A transfer is dispatched by the store it leaves from' } });
    await pushMovements(sourceStaff.api, [dispatch(t, p, 5)]);
    expect((await expectProblem(pushMovements(sourceStaff.api, [receive(t, p, 5)]))).type).toBe('forbidden-store');
    expect((await transfer(t)).lines[0]).toMatchObject({ sent: 5, received: 0 });
    expect(await level(destination, p)).toBe(5);
  });

  it('refuses unknown transfers and products not on it, and lets devices only draft and cancel drafts', async () => {
    const p = await stocked(5);
    const q = await stocked(5);
    const t = await draft([[p, 2]]);
    const rows = await pushMovements(sourceStaff.api, [dispatch('no-such-transfer', p, 1), dispatch(t, q, 1), dispatch(t, p, 2)]);
    expect(rows.map((m) => m.rejection?.message ?? m.status)).toEqual(['No such transfer', 'This product is not on the transfer', 'accepted']);
    // A device claiming the server's counters or a later state is overridden (the conflict is the server's document).
    const stored = await transfer(t);
    const claim = { ...stored, state: 'closed' as const, lines: stored.lines.map((l) => ({ ...l, received: 2 })) };
    const [conflict] = (await manager.api.replication.push.mutate({ collection: 'transfers', rows: [{ assumedMasterState: stored, newDocumentState: claim }] })) as TransferDoc[];
    expect(conflict).toMatchObject({ state: 'sent' });
    expect(conflict!.lines[0]).toMatchObject({ sent: 2, received: 0 });
    // Staff of either end may note on a sent transfer (extras found on arrival), and change nothing else.
    const current = await transfer(t);
    const noted = { ...current, note: 'one extra box', lines: current.lines.map((l) => ({ ...l, qty: 99 })), state: 'cancelled' as const };
    await destinationStaff.api.replication.push.mutate({ collection: 'transfers', rows: [{ assumedMasterState: current, newDocumentState: noted }] });
    const after = await transfer(t);
    expect(after).toMatchObject({ note: 'one extra box', state: 'sent' });
    expect(after.lines[0]).toMatchObject({ qty: 2, sent: 2 });
    // Staff cannot create or change drafts; one product twice is refused.
    expect((await expectProblem(sourceStaff.api.replication.push.mutate({ collection: 'transfers', rows: [{ assumedMasterState: null, newDocumentState: { ...stored, id: uuidv7() } }] }))).type).toBe('forbidden');
    const twice = { ...stored, id: uuidv7(), state: 'draft' as const, lines: [stored.lines[0]!, stored.lines[0]!] };
    expect((await expectProblem(manager.api.replication.push.mutate({ collection: 'transfers', rows: [{ assumedMasterState: null, newDocumentState: twice }] }))).type).toBe('invalid-input');
  });

  it('a cancelled draft moves nothing and refuses dispatches', async () => {
    const p = await stocked(4);
    const t = await draft([[p, 4]]);
    const stored = await transfer(t);
    await manager.api.replication.push.mutate({ collection: 'transfers', rows: [{ assumedMasterState: stored, newDocumentState: { ...stored, state: 'cancelled', updatedAt: Date.now() } }] });
    expect(await transfer(t)).toMatchObject({ state: 'cancelled', closedAt: expect.any(Number) });
    expect(verdicts(await pushMovements(sourceStaff.api, [dispatch(t, p, 4)]))).toEqual(['invalid-transfer']);
    expect(await level(source, p)).toBe(4);
  });

  it('moves the transfer document with its movements: the destination pulls it in transit', async () => {
    const p = await stocked(3);
    const t = await draft([[p, 3]]);
    const before = (await pullAll(destinationStaff.api, 'transfers')).checkpoint;
    await pushMovements(sourceStaff.api, [dispatch(t, p, 3)]);
    const after = await (destinationStaff.api as Api).replication.pull.query({ collection: 'transfers', checkpoint: before, limit: 100 });
    const seen = (after.documents as TransferDoc[]).find((d) => d.id === t);
    expect(seen).toMatchObject({ state: 'sent' });
    expect(inTransit(seen!.lines[0]!)).toBe(3);
  });
});
