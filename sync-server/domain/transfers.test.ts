import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyTransferMovement,
  inTransit,
  transferInTransit,
  type MovementDoc,
  type StockDoc,
  type TransferDoc,
} from '../../shared/index.js';
import { testBackends, useBackend } from '../test-support/backends.js';
import { makeHarness, movement, product, pushRows } from '../test-support/harness.js';

/**
 * The server's side of issue 14's property: random pushes of dispatches, receipts, returns,
 * write-offs, sales and cancels (sensible and not) through the real router and storage. After
 * each run, from what the server stores: every transfer's counters are what its accepted
 * movements derive; no line is negative in transit; Σ onHand + Σ in transit over all stores is
 * what was received from outside minus sales and write-offs.
 */
const STORES = ['s-a', 's-b'] as const;
const PRODUCTS = ['p1', 'p2'] as const;

type Step =
  | { kind: 'dispatch' | 'receive' | 'return' | 'writeOff'; t: number; p: number; qty: number }
  | { kind: 'sale'; s: number; p: number; qty: number }
  | { kind: 'cancel'; t: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  // Weighted so that chains of dispatch → receipt → write-off happen in most runs.
  { weight: 20, arbitrary: fc.record({ kind: fc.constantFrom('dispatch' as const, 'receive' as const, 'return' as const, 'writeOff' as const), t: fc.nat(2), p: fc.nat(1), qty: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sale' as const), s: fc.nat(1), p: fc.nat(1), qty: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), t: fc.nat(2) }) },
);

describe.each(testBackends())('transfers on the ledger, on %s', (backendName) => {
  const backend = useBackend(backendName);
  let h: Awaited<ReturnType<typeof makeHarness>>;
  let owner: Awaited<ReturnType<typeof h.pair>>;
  beforeAll(async () => {
    h = await makeHarness({ databaseUrl: await backend.databaseUrl() });
    owner = await h.pair('owner', []);
    await owner.api.replication.push({
      collection: 'stores',
      rows: pushRows(STORES.map((id) => ({ id, name: id, timezone: 'UTC', allowNegativeStock: false, _deleted: false }))),
    });
    await owner.api.replication.push({ collection: 'products', rows: pushRows(PRODUCTS.map((id) => product(id))) });
  }, 120_000);
  afterAll(() => h?.cleanup());

  let run = 0;
  it('conserves stock across stores and derives every transfer from its accepted movements', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 4, maxLength: 4 }), fc.array(stepArb, { minLength: 10, maxLength: 30 }), async (start, steps) => {
        // Each run works on its own transfers; the stock carries over, so the sums are taken as differences.
        run++;
        const before = await totals();
        const received = start.reduce((a, b) => a + b, 0);
        await owner.api.replication.push({
          collection: 'movements',
          rows: pushRows(STORES.flatMap((s, i) => PRODUCTS.map((p, j) => movement(s, p, { kind: 'receipt', delta: start[i * 2 + j]! })))),
        });
        const ids = [0, 1, 2].map((i) => `r${run}-t${i}`);
        const now = Date.now();
        await owner.api.replication.push({
          collection: 'transfers',
          rows: pushRows(ids.map((id, i) => ({
            id, fromStoreId: STORES[i % 2]!, toStoreId: STORES[(i + 1) % 2]!, note: null, state: 'draft' as const, createdBy: null,
            createdAt: now, sentAt: null, closedAt: null, updatedAt: now, _deleted: false,
            lines: PRODUCTS.map((productId) => ({ productId, qty: 5, sent: 0, received: 0, returned: 0, writtenOff: 0 })),
          }))),
        });
        const from = (t: number) => STORES[t % 2]!;
        const to = (t: number) => STORES[(t + 1) % 2]!;
        for (const step of steps) {
          if (step.kind === 'cancel') {
            const doc = (await owner.api.replication.pull({ collection: 'transfers', checkpoint: null, limit: 1000 })).documents.find((d) => d.id === ids[step.t]) as TransferDoc;
            await owner.api.replication.push({ collection: 'transfers', rows: [{ assumedMasterState: doc, newDocumentState: { ...doc, state: 'cancelled' } }] });
            continue;
          }
          const productId = PRODUCTS[step.p]!;
          const row = step.kind === 'sale'
            ? movement(STORES[step.s]!, productId, { kind: 'sale', delta: -step.qty })
            : step.kind === 'dispatch'
              ? movement(from(step.t), productId, { kind: 'transfer_out', delta: -step.qty, transferId: ids[step.t]! })
              : step.kind === 'receive'
                ? movement(to(step.t), productId, { kind: 'transfer_in', delta: step.qty, transferId: ids[step.t]! })
                : step.kind === 'return'
                  ? movement(from(step.t), productId, { kind: 'transfer_in', delta: step.qty, transferId: ids[step.t]! })
                  : movement(to(step.t), productId, { kind: 'adjustment', delta: -step.qty, reason: 'damaged', transferId: ids[step.t]! });
          await owner.api.replication.push({ collection: 'movements', rows: pushRows([row]) });
        }
        const after = await totals();
        const sold = after.sold - before.sold;
        const writtenOff = after.writtenOff - before.writtenOff;
        expect(after.onHand + after.inTransit - (before.onHand + before.inTransit)).toBe(received - sold - writtenOff);
        for (const t of after.transfers.filter((d) => ids.includes(d.id))) {
          // Replaying the accepted movements of the transfer over its draft gives the stored counters.
          let derived: TransferDoc = { ...t, state: 'draft', sentAt: null, closedAt: null, lines: t.lines.map((l) => ({ ...l, sent: 0, received: 0, returned: 0, writtenOff: 0 })) };
          for (const m of after.movements.filter((x) => x.transferId === t.id && x.status === 'accepted').sort((a, b) => a.seq - b.seq)) {
            derived = applyTransferMovement(derived, m, m.serverTime ?? 0);
          }
          expect(t.lines).toEqual(derived.lines);
          if (t.lines.some((l) => l.sent > 0)) expect(t.state).toBe(derived.state);
          for (const l of t.lines) expect(inTransit(l)).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: backendName === 'postgres' ? 15 : 40 },
    );
  }, 240_000);

  async function totals() {
    const pull = async <C extends 'stock' | 'movements' | 'transfers'>(collection: C) => {
      const { documents } = await owner.api.replication.pull({ collection, checkpoint: null, limit: 5000 });
      expect(documents.length).toBeLessThan(5000); // one page holds them all
      return documents;
    };
    const stock = (await pull('stock')) as StockDoc[];
    const movements = (await pull('movements')) as MovementDoc[];
    const transfers = (await pull('transfers')) as TransferDoc[];
    const accepted = movements.filter((m) => m.status === 'accepted');
    for (const s of stock) {
      const sum = accepted.filter((m) => m.storeId === s.storeId && m.productId === s.productId).reduce((a, m) => a + m.delta, 0);
      expect(s.onHand).toBe(sum);
    }
    return {
      stock, movements, transfers,
      onHand: stock.reduce((a, s) => a + s.onHand, 0),
      inTransit: transfers.reduce((a, t) => a + transferInTransit(t), 0),
      sold: -accepted.filter((m) => m.kind === 'sale').reduce((a, m) => a + m.delta, 0),
      writtenOff: -accepted.filter((m) => m.kind === 'adjustment').reduce((a, m) => a + m.delta, 0),
    };
  }
});
