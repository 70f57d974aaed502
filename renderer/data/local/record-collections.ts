import type { CollectionName } from '../../../shared/index.js';

/**
 * The small collections of protocol 2 (tens to hundreds of documents each), kept together in
 * one RxDB collection, `records` (local-tables.ts explains why).
 */
export type RecordCollection = 'settings' | 'tillUsers' | 'suppliers' | 'purchaseOrders' | 'transfers' | 'resolutions';
export const RECORD_COLLECTIONS: readonly RecordCollection[] = ['settings', 'tillUsers', 'suppliers', 'purchaseOrders', 'transfers', 'resolutions'];

export function isRecordCollection(c: CollectionName): c is RecordCollection {
  return (RECORD_COLLECTIONS as readonly string[]).includes(c);
}

/** A row of `records`: the document whole, with what RxDB needs beside it. */
export interface RecordRow {
  key: string;
  /** Which collection the row belongs to (`collection` is an RxDocument property). */
  table: RecordCollection;
  seq: number;
  doc: Record<string, unknown>;
}
