/**
 * Validation for the owner's store form (ADDED by the catalog helper, H4):
 * the shared store schema's rules, as per-field problems the form shows.
 * Writing goes through `StockroomClient.upsertStore` (also added by H4).
 */
import { storePushSchema } from '../../../shared/index.js';
import type { StoreInput } from '../api.js';

export type { StoreInput } from '../api.js';

export type StoreProblem = { field: 'name' | 'timezone'; code: 'required' | 'too-long'; max?: number };

export function checkStore(input: StoreInput): { ok: true; value: StoreInput } | { ok: false; problems: StoreProblem[] } {
  const r = storePushSchema.safeParse({ ...input, id: input.id ?? 'new-store' });
  if (r.success) {
    const value: StoreInput = { name: r.data.name, timezone: r.data.timezone, allowNegativeStock: r.data.allowNegativeStock };
    if (input.id !== undefined) value.id = input.id;
    return { ok: true, value };
  }
  return {
    ok: false,
    problems: r.error.issues.map((i) => {
      const field = i.path[0] === 'timezone' ? 'timezone' : 'name';
      return i.code === 'too_big' ? { field, code: 'too-long', max: Number(i.maximum) } : { field, code: 'required' };
    }),
  };
}
