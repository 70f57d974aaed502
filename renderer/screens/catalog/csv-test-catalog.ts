/** Test support: the data layer's real in-memory catalog index over plain product docs, and a deterministic id source. */
import type { ProductDoc } from '../../data/api.js';
import { MemoryCatalogIndex } from '../../data/projection/catalog-index.js';
import type { CatalogLookup } from './csv-import.js';

export function productDoc(fields: Partial<ProductDoc> & Pick<ProductDoc, 'id' | 'sku' | 'name'>): ProductDoc {
  return {
    barcodes: [],
    unit: 'pcs',
    priceCents: 100,
    costCents: 50,
    category: null,
    active: true, supplierId: null, supplierSku: null, packSize: 1,
    updatedAt: 1,
    seq: 1,
    _deleted: false,
    ...fields,
  };
}

export function lookupOf(products: readonly ProductDoc[]): CatalogLookup {
  const index = new MemoryCatalogIndex();
  index.applyBatch(products);
  return index;
}

export function counterIds(prefix = 'new'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}
