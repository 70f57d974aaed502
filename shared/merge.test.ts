import { describe, expect, it } from 'vitest';
import { mergeFields, sameValue } from './merge.js';

type Doc = { name: string; priceCents: number; barcodes: string[] };
const fields = ['name', 'priceCents', 'barcodes'] as const;

describe('mergeFields', () => {
  const assumed: Doc = { name: 'Beans', priceCents: 900, barcodes: ['1'] };

  it('takes the client change when the server did not touch the field', () => {
    const master = { ...assumed, priceCents: 950 };
    const incoming = { ...assumed, name: 'Espresso beans' };
    const result = mergeFields(master, assumed, incoming, fields);
    expect(result.merged).toEqual({ name: 'Espresso beans', priceCents: 950, barcodes: ['1'] });
    expect(result.lostFields).toEqual([]);
    expect(result.differsFromClient).toBe(true); // the client must adopt the server's price
  });

  it('keeps the server value when both changed the same field', () => {
    const master = { ...assumed, priceCents: 950 };
    const incoming = { ...assumed, priceCents: 990 };
    const result = mergeFields(master, assumed, incoming, fields);
    expect(result.merged.priceCents).toBe(950);
    expect(result.lostFields).toEqual(['priceCents']);
  });

  it('is no conflict when both made the same change', () => {
    const master = { ...assumed, barcodes: ['1', '2'] };
    const incoming = { ...assumed, barcodes: ['1', '2'] };
    const result = mergeFields(master, assumed, incoming, fields);
    expect(result).toEqual({ merged: master, lostFields: [], differsFromClient: false });
  });

  it('without an assumed state keeps every differing server field', () => {
    const incoming = { ...assumed, name: 'Other' };
    const result = mergeFields(assumed, null, incoming, fields);
    expect(result.merged.name).toBe('Beans');
    expect(result.lostFields).toEqual(['name']);
  });

  it('compares arrays and objects structurally', () => {
    expect(sameValue(['a', { b: 1 }], ['a', { b: 1 }])).toBe(true);
    expect(sameValue(['a'], ['a', 'b'])).toBe(false);
    expect(sameValue({ a: null }, { a: undefined })).toBe(false);
  });
});
