import type { z } from 'zod';
import { movementDocSchema, movementPushSchema, type MovementDoc } from './movement.js';
import { productDocSchema, productPushSchema, type ProductDoc } from './product.js';
import { purchaseOrderDocSchema, purchaseOrderPushSchema, type PurchaseOrderDoc } from './purchase-order.js';
import { resolutionDocSchema, resolutionPushSchema, type ResolutionDoc } from './resolution.js';
import {
  settingsDocSchema,
  settingsPushSchema,
  tillUserDocSchema,
  tillUserPushSchema,
  type SettingsDoc,
  type TillUserDoc,
} from './settings.js';
import { stockDocSchema, stockPushSchema, type StockDoc } from './stock.js';
import { storeDocSchema, storePushSchema, type StoreDoc } from './store.js';
import { supplierDocSchema, supplierPushSchema, type SupplierDoc } from './supplier.js';
import { transferDocSchema, transferPushSchema, type TransferDoc } from './transfer.js';

export * from './common.js';
export * from './movement.js';
export * from './product.js';
export * from './purchase-order.js';
export * from './resolution.js';
export * from './settings.js';
export * from './stock.js';
export * from './store.js';
export * from './supplier.js';
export * from './transfer.js';

/**
 * Collections replicated by `replication.pull/push/stream` (DESIGN §3). Protocol 1 had the
 * first four; protocol 2 added the rest.
 */
export const COLLECTIONS = [
  'stores',
  'products',
  'stock',
  'movements',
  'settings',
  'tillUsers',
  'suppliers',
  'purchaseOrders',
  'transfers',
  'resolutions',
] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

/** What a device of protocol 1 knows. */
export const PROTOCOL_1_COLLECTIONS: readonly CollectionName[] = ['stores', 'products', 'stock', 'movements'];

export interface CollectionDocs {
  stores: StoreDoc;
  products: ProductDoc;
  stock: StockDoc;
  movements: MovementDoc;
  settings: SettingsDoc;
  tillUsers: TillUserDoc;
  suppliers: SupplierDoc;
  purchaseOrders: PurchaseOrderDoc;
  transfers: TransferDoc;
  resolutions: ResolutionDoc;
}
export type AnyDoc = CollectionDocs[CollectionName];

export const DOC_SCHEMAS = {
  stores: storeDocSchema,
  products: productDocSchema,
  stock: stockDocSchema,
  movements: movementDocSchema,
  settings: settingsDocSchema,
  tillUsers: tillUserDocSchema,
  suppliers: supplierDocSchema,
  purchaseOrders: purchaseOrderDocSchema,
  transfers: transferDocSchema,
  resolutions: resolutionDocSchema,
} satisfies Record<CollectionName, z.ZodType>;

export const PUSH_SCHEMAS = {
  stores: storePushSchema,
  products: productPushSchema,
  stock: stockPushSchema,
  movements: movementPushSchema,
  settings: settingsPushSchema,
  tillUsers: tillUserPushSchema,
  suppliers: supplierPushSchema,
  purchaseOrders: purchaseOrderPushSchema,
  transfers: transferPushSchema,
  resolutions: resolutionPushSchema,
} satisfies Record<CollectionName, z.ZodType>;
