import { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { toXlsx } from './xlsx-export.js';

describe('toXlsx', () => {
  it('writes a sheet that reads back with Chinese names intact and "=" text kept as text', async () => {
    const blob = await toXlsx({ header: ['商品', 'Qty'], rows: [['绿茶 500ml', 3], ['=cmd', -2]] }, 'Valuation: 2026/11/30');
    const data = await readSheet(Buffer.from(await blob.arrayBuffer()));
    expect(data).toEqual([
      ['商品', 'Qty'],
      ['绿茶 500ml', 3],
      ['=cmd', -2],
    ]);
  });
});
