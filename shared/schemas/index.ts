import type { z } from 'zod';
import { movementDocSchema, movementPushSchema, type MovementDoc } from './movement.js';
import { productDocSchema, productPushSchema, type ProductDoc } from './product.js';
import { stockDocSchema, stockPushSchema, type StockDoc } from './stock.js';
import { storeDocSchema, storePushSchema, type StoreDoc } from './store.js';

export * from './common.js';
export * from './movement.js';
export * from './product.js';
export * from './stock.js';
export * from './store.js';
export * from './transfer.js';

/** Collections replicated by `replication.pull/push/stream` (DESIGN §3). */
export const COLLECTIONS = ['stores', 'products', 'stock', 'movements'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

export interface CollectionDocs {
  stores: StoreDoc;
  products: ProductDoc;
  stock: StockDoc;
  movements: MovementDoc;
}
export type AnyDoc = CollectionDocs[CollectionName];

export const DOC_SCHEMAS = {
  stores: storeDocSchema,
  products: productDocSchema,
  stock: stockDocSchema,
  movements: movementDocSchema,
} satisfies Record<CollectionName, z.ZodType>;

export const PUSH_SCHEMAS = {
  stores: storePushSchema,
  products: productPushSchema,
  stock: stockPushSchema,
  movements: movementPushSchema,
} satisfies Record<CollectionName, z.ZodType>;
