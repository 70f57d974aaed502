import { describe, expect, it } from 'vitest';
import { checkStore } from './store-admin.js';

describe('checkStore', () => {
  it('trims the name and keeps the id of an existing store', () => {
    expect(checkStore({ id: 's1', name: '  Harbour  ', timezone: 'Europe/Berlin', allowNegativeStock: true })).toEqual({
      ok: true,
      value: { id: 's1', name: 'Harbour', timezone: 'Europe/Berlin', allowNegativeStock: true },
    });
  });

  it('reports an empty or too long name with the shared schema limits', () => {
    expect(checkStore({ name: ' ', timezone: 'UTC', allowNegativeStock: false })).toEqual({ ok: false, problems: [{ field: 'name', code: 'required' }] });
    expect(checkStore({ name: 'x'.repeat(201), timezone: 'UTC', allowNegativeStock: false })).toEqual({
      ok: false,
      problems: [{ field: 'name', code: 'too-long', max: 200 }],
    });
  });
});
