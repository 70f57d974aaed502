/**
 * What the sync engine reports (to the client's health and notices) and the names every part of
 * it shares: the catalog collections (edited on devices, merged field by field) and their
 * merge fields. A leaf: pull, push and the engine all import it, it imports none of them.
 */
import {
  COLLECTIONS,
  PRODUCT_MERGE_FIELDS,
  PURCHASE_ORDER_MERGE_FIELDS,
  RESOLUTION_MERGE_FIELDS,
  SETTINGS_MERGE_FIELDS,
  STOCK_MERGE_FIELDS,
  STORE_MERGE_FIELDS,
  SUPPLIER_MERGE_FIELDS,
  TILL_USER_MERGE_FIELDS,
  TRANSFER_MERGE_FIELDS,
  type Checkpoint,
  type CollectionName,
  type Problem,
} from '../../../shared/index.js';
import { problemOf } from './transport.js';

/** Every collection but movements: edited on devices through the outbox, merged field by field. */
export type CatalogCollection = Exclude<CollectionName, 'movements'>;
export const isCatalogCollection = (c: CollectionName): c is CatalogCollection => c !== 'movements';
export const CATALOG_COLLECTIONS: readonly CatalogCollection[] = COLLECTIONS.filter(isCatalogCollection);

export const MERGE_FIELDS = {
  stores: STORE_MERGE_FIELDS,
  products: PRODUCT_MERGE_FIELDS,
  stock: STOCK_MERGE_FIELDS,
  settings: SETTINGS_MERGE_FIELDS,
  tillUsers: TILL_USER_MERGE_FIELDS,
  suppliers: SUPPLIER_MERGE_FIELDS,
  purchaseOrders: PURCHASE_ORDER_MERGE_FIELDS,
  transfers: TRANSFER_MERGE_FIELDS,
  resolutions: RESOLUTION_MERGE_FIELDS,
} as const satisfies Record<CatalogCollection, readonly string[]>;

export type ReplicationEvent =
  | { type: 'transport-ok' }
  | { type: 'transport-error'; message: string; attempt: number; delayMs: number }
  | { type: 'pulled'; collection: CollectionName; count: number; checkpoint: Checkpoint | null; more: boolean }
  | { type: 'pushed'; collection: CollectionName; count: number }
  | { type: 'stream-connected' }
  | { type: 'stream-disconnected'; message: string }
  | { type: 'stream-event'; collection: CollectionName; count: number }
  | { type: 'unauthenticated' }
  /** The server refused rows with a problem (not a verdict); they are not retried. */
  | { type: 'push-refused'; collection: CollectionName; ids: string[]; problem: Problem | null; message: string }
  /** The server kept its value for fields this device changed (DESIGN §4: the loser is told). */
  | { type: 'override'; collection: CatalogCollection; docId: string; fields: string[]; doc: Record<string, unknown> };

/** A failure in one line for logs and the health bar's detail. */
export function messageOf(err: unknown): string {
  const p = problemOf(err);
  if (p) return `${p.title}: ${p.detail}`;
  if (err instanceof Error) return err.message;
  return String(err);
}
