import { describe, expect, it } from 'vitest';
import type { MovementDoc, ResolutionDoc } from '../../../shared/index.js';
import { saleMovements } from '../commands/commands.js';
import { openExceptions, type ExceptionInputs } from './exceptions.js';

const rejectedSale = (deviceId: string, at: number): MovementDoc => ({
  ...saleMovements('s1', [{ productId: 'a', qty: 30, unitCents: 100 }], { deviceId, actor: null, now: () => at })[0]!,
  status: 'rejected',
  rejection: { code: 'insufficient-stock', message: 'only 23 available', requested: 30, available: 23 },
});

const inputs = (over: Partial<ExceptionInputs>): ExceptionInputs => ({
  rejected: [], refused: [], resolutions: new Map(), legacyAcks: new Set(), seesAll: false, ownDeviceIds: new Set(['me']), ...over,
});

const resolution = (m: MovementDoc): ResolutionDoc => ({
  id: m.id, storeId: m.storeId, productId: m.productId, resolution: 'dismissed', reason: 'miscount', resolvingMovementId: null,
  resolvedBy: 'Ana', at: 1, updatedAt: 1, seq: 1, _deleted: false,
});

describe('open exceptions', () => {
  it('a rejected sale stays open until a resolution names it', () => {
    const m = rejectedSale('me', 1_000);
    expect(openExceptions(inputs({ rejected: [m] })).map((x) => x.movement.id)).toEqual([m.id]);
    expect(openExceptions(inputs({ rejected: [m], resolutions: new Map([[m.id, resolution(m)]]) }))).toEqual([]);
  });

  it("staff see their own devices' exceptions (former ids too); the owner sees all", () => {
    const mine = rejectedSale('old-me', 1_000);
    const theirs = rejectedSale('other', 2_000);
    const staff = openExceptions(inputs({ rejected: [mine, theirs], ownDeviceIds: new Set(['me', 'old-me']) }));
    expect(staff.map((x) => x.movement.id)).toEqual([mine.id]);
    const owner = openExceptions(inputs({ rejected: [mine, theirs], seesAll: true }));
    expect(owner.map((x) => x.movement.id)).toEqual([theirs.id, mine.id]);
  });

  it('a row refused outright carries the words of the refusal, and is listed once', () => {
    const m = { ...rejectedSale('me', 1_000), status: 'pending' as const, rejection: null };
    const list = openExceptions(inputs({ refused: [{ movement: m, message: 'unknown product' }, { movement: m, message: 'again' }] }));
    expect(list).toEqual([{ movement: m, message: 'unknown product' }]);
  });
});
