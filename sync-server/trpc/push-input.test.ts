import { describe, expect, it } from 'vitest';
import { pushInputSchema } from '../../shared/index.js';
import { fastMovementsPush, parsePushInput } from './push-input.js';

const ID = '01a2013b-7bd6-7950-8c8a-56cac543e23a';

function sale(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: ID, storeId: 'store-1', productId: 'p-1', kind: 'sale', delta: -2, reason: null, ticketId: null,
    countedQty: null, expectedQty: null, deviceId: '', actor: null, clientTime: 1_795_317_005_270,
    status: 'pending', ledgerSeq: null, serverTime: null, balanceAfter: null, rejection: null, seq: null, _deleted: false,
    ...overrides,
  };
}
const push = (...docs: unknown[]) => ({ collection: 'movements', rows: docs.map((d) => ({ assumedMasterState: null, newDocumentState: d })) });

/** zod's verdict: its output, or its issues. */
function zod(input: unknown): { ok: true; json: string } | { ok: false; issues: unknown } {
  const r = pushInputSchema.safeParse(input);
  return r.success ? { ok: true, json: JSON.stringify(r.data) } : { ok: false, issues: r.error.issues };
}

/** The contract: the fast path only accepts what zod accepts, with the same output (keys in the same order). */
function expectSameAsZod(input: unknown): 'fast' | 'zod' {
  const expected = zod(input);
  const fast = fastMovementsPush(input);
  if (fast) {
    expect(expected.ok).toBe(true);
    expect(JSON.stringify(fast)).toBe((expected as { json: string }).json);
  }
  if (expected.ok) {
    expect(JSON.stringify(parsePushInput(input))).toBe(expected.json);
  } else {
    let issues: unknown = null;
    try {
      parsePushInput(input);
    } catch (err) {
      issues = (err as { issues?: unknown }).issues;
    }
    expect(issues).toEqual(expected.issues);
  }
  return fast ? 'fast' : 'zod';
}

describe('replication.push input parser', () => {
  it('takes the fast path for rows as devices send them, with zod\'s exact output', () => {
    const shapes: unknown[] = [
      push(sale()),
      push(sale(), sale({ id: 'b', kind: 'receipt', delta: 5, actor: 'Ana', ticketId: 'T-1' })),
      push(sale({ kind: 'count', delta: -3, countedQty: 4, expectedQty: 7 })),
      push(sale({ status: null, seq: undefined, _deleted: undefined, extra: 'dropped' })),
      { collection: 'movements', extra: 1, rows: [{ newDocumentState: sale(), junk: true }] },
      { collection: 'movements', rows: [{ assumedMasterState: undefined, newDocumentState: sale() }] },
      push(sale({ deviceId: 'ignored-device', clientTime: 0, delta: -1_000_000_000 })),
    ];
    for (const s of shapes) expect(expectSameAsZod(s)).toBe('fast');
    // Removing each server-owned field keeps the fast path and zod's output.
    for (const key of ['status', 'ledgerSeq', 'serverTime', 'balanceAfter', 'rejection', 'seq', '_deleted']) {
      const d = sale();
      delete d[key];
      expect(expectSameAsZod(push(d))).toBe('fast');
    }
  });

  it('leaves unusual but valid rows to zod', () => {
    const valid: unknown[] = [
      push(sale({ kind: 'adjustment', delta: 3, reason: '  shelf recount  ' })),
      push(sale({ seq: 12, status: 'accepted', ledgerSeq: 12, serverTime: 5, balanceAfter: 3 })),
      push(sale({ rejection: { code: 'insufficient-stock', requested: 2, available: 0, message: 'x' } })),
      { collection: 'movements', rows: [{ assumedMasterState: sale(), newDocumentState: sale() }] },
    ];
    for (const v of valid) expect(expectSameAsZod(v)).toBe('zod');
  });

  it('never accepts what zod rejects (each field broken in turn)', () => {
    const bad: Record<string, unknown[]> = {
      id: [undefined, null, '', 'a b', 'é', 'x'.repeat(129), 7],
      storeId: [undefined, '', '/', 'x'.repeat(129)],
      productId: [undefined, null, 'p 1'],
      kind: [undefined, 'gift', 'SALE', 1],
      delta: [undefined, null, 1.5, NaN, Infinity, -1_000_000_001, '1', 2, 0],
      reason: [undefined, '', 5],
      ticketId: [undefined, '', 'a b'],
      countedQty: [undefined, -1, 1.5, '3'],
      expectedQty: [undefined, 1_000_000_001, '3'],
      deviceId: [undefined, null, 'x'.repeat(129), 3],
      actor: [undefined, '', 'x'.repeat(65), 3],
      clientTime: [undefined, null, -1, 1.5, 8_640_000_000_000_001, '1'],
      status: ['done', 1],
      ledgerSeq: [-1, 'x', 1.5],
      seq: [-1, 'x'],
      rejection: ['no', { code: 'other' }],
      _deleted: [null, 'false', 0],
    };
    for (const [key, values] of Object.entries(bad)) {
      for (const value of values) {
        const d = sale();
        if (value === undefined) delete d[key];
        else d[key] = value;
        expect(expectSameAsZod(push(d)), `${key} = ${String(value)}`).toBe('zod');
      }
    }
    // Kind rules (the schema's superRefine).
    for (const d of [
      sale({ kind: 'receipt', delta: -1 }),
      sale({ kind: 'count', delta: -3, countedQty: 4, expectedQty: 8 }),
      sale({ kind: 'count', delta: -3, countedQty: null, expectedQty: 7 }),
      sale({ kind: 'void', delta: 1 }),
    ]) expect(expectSameAsZod(push(d))).toBe('zod');
    // Envelope.
    for (const env of [
      null, [], 'x', { collection: 'movements' }, { collection: 'movements', rows: [] },
      { collection: 'movements', rows: Array.from({ length: 1001 }, () => ({ newDocumentState: sale() })) },
      { collection: 'products', rows: [{ newDocumentState: sale() }] },
      { collection: 'movements', rows: [null] }, { collection: 'movements', rows: [{ assumedMasterState: null }] },
      { collection: 'movements', rows: [{ assumedMasterState: 'x', newDocumentState: sale() }] },
    ]) expect(expectSameAsZod(env)).toBe('zod');
  });

  it('agrees with zod on randomly mixed rows', () => {
    const pool: Record<string, unknown[]> = {
      kind: ['sale', 'receipt', 'count', 'adjustment', 'void', 'transfer_in', 'nope'],
      delta: [-3, -1, 0, 1, 4, 1.5, null],
      reason: [null, null, 'why', ''],
      ticketId: [null, null, 'T-9', ''],
      transferId: [null, null, null, null, undefined, undefined, 'TR-1', 'a:b'],
      unitPriceCents: [null, null, undefined, undefined, 250, 250, -1, 1.5],
      unitCostCents: [null, null, null, undefined, undefined, undefined, 120, -5],
      countedQty: [null, null, 0, 1, 4, -1],
      expectedQty: [null, null, 0, 4, 7],
      actor: [null, 'Bo', ''],
      status: ['pending', null, undefined, 'accepted', 'x'],
      seq: [null, undefined, 3],
      _deleted: [false, true, undefined, 'no'],
    };
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const seen = { fast: 0, zod: 0 };
    for (let i = 0; i < 6000; i++) {
      const d = sale({ id: `m-${i}` });
      for (const [key, values] of Object.entries(pool)) {
        const v = values[rand(values.length)];
        if (v === undefined) delete d[key];
        else d[key] = v;
      }
      seen[expectSameAsZod(push(d))]++;
    }
    // Both paths were exercised.
    expect(seen.fast).toBeGreaterThan(100);
    expect(seen.zod).toBeGreaterThan(100);
  });
});
