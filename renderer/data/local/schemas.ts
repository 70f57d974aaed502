/**
 * RxDB JSON schemas DERIVED from the shared zod document schemas (one source
 * of truth): `z.toJSONSchema` gives the field shapes; this file only adds what
 * RxDB needs on top (version, primaryKey, indexes, multipleOf on indexed numbers)
 * and the migration steps between local schema versions.
 */
import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { z } from 'zod';
import frozenSchemas from './local-schemas.v1.json';
import {
  DOC_SCHEMAS,
  type CollectionName,
  type MovementDoc,
  type ProductDoc,
  type StockDoc,
  type StoreDoc,
} from '../../../shared/index.js';
import { RECORD_COLLECTIONS, type RecordCollection, type RecordRow } from './record-collections.js';

type JsonObject = Record<string, unknown>;

interface Derivation {
  version: number;
  /** Compound indexes; every field in one must be required and non-nullable. */
  indexes?: (string | string[])[];
  /** Fields to leave out (used to describe an older version). */
  omit?: string[];
}

/** zod → RxDB JSON schema for one collection. */
export function deriveRxSchema<T>(zodSchema: z.ZodType, d: Derivation): RxJsonSchema<T> {
  const json = z.toJSONSchema(zodSchema, { io: 'output', unrepresentable: 'any' }) as JsonObject;
  const properties = { ...(json.properties as Record<string, JsonObject>) };
  // RxDB adds _deleted/_rev/_meta/_attachments itself; it must not be declared.
  delete properties._deleted;
  for (const f of d.omit ?? []) delete properties[f];
  const indexed = new Set((d.indexes ?? []).flat());
  for (const field of indexed) {
    const p = properties[field];
    if (!p) throw new Error(`index on unknown field ${field}`);
    // Number fields used in an index need minimum/maximum/multipleOf; zod gives the first two.
    if (p.type === 'integer' || p.type === 'number') properties[field] = { ...p, multipleOf: 1 };
  }
  // RxDB needs a maxLength on the primary key (the settings id is a literal).
  const id = properties.id;
  if (id && id.maxLength === undefined) properties.id = { ...id, type: 'string', maxLength: 128 };
  const required = ((json.required as string[] | undefined) ?? []).filter(
    (f) => f !== '_deleted' && !(d.omit ?? []).includes(f),
  );
  return {
    version: d.version,
    primaryKey: 'id',
    type: 'object',
    properties,
    required,
    indexes: d.indexes ?? [],
    additionalProperties: false,
  } as unknown as RxJsonSchema<T>;
}

/**
 * Local schema history. The versions devices of protocol 1 stored are frozen
 * (local-schemas.v1.json): RxDB refuses to open a collection whose stored schema hash
 * differs from the code's schema of the same version, so those must never change with
 * the shared zod schemas. Later versions are derived from zod.
 *
 * Movements: v0 (first pre-release, no `actor`, indexes [storeId, productId] and status);
 * v1 adds `actor` and the [storeId, clientTime] index; v2 drops the `status` index
 * (pending ones are tracked in memory, pending-movements.ts); v3 (protocol 2) adds
 * `transferId`, `purchaseOrderId`, `unitPriceCents`, `unitCostCents` (null).
 * Products: v0; v1 (protocol 2) adds `supplierId`, `supplierSku` (null), `packSize` (1).
 * Stock: v0 had a `storeId` index nothing needed; v1 has none. Stores: v0. Neither changed
 * in protocol 2 but for the id pattern (no ':'), which RxDB does not check: they stay
 * frozen, so the update migrates no stock row.
 */
type FrozenVersions = Record<string, Record<string, unknown>>;
const FROZEN = frozenSchemas as unknown as Record<string, FrozenVersions>;
function frozen<T>(collection: string, version: number): RxJsonSchema<T> {
  const schema = FROZEN[collection]?.[String(version)];
  if (!schema) throw new Error(`no frozen ${collection} schema v${version}`);
  return structuredClone(schema) as unknown as RxJsonSchema<T>;
}

export const movementSchemaV0 = frozen<MovementDoc>('movements', 0);
export const movementSchemaV1 = frozen<MovementDoc>('movements', 1);
export const movementSchemaV2 = frozen<MovementDoc>('movements', 2);
export const productSchemaV0 = frozen<ProductDoc>('products', 0);
export const stockSchemaV0 = frozen<StockDoc>('stock', 0);

export const movementMigrations: MigrationStrategies = {
  /**
   * v0 → v1: add `actor: null`. Every document is kept as it was otherwise —
   * in particular `pending` movements not yet pushed stay pending, so the
   * replication pushes them after the upgrade (never lose a sale).
   */
  1: (old: JsonObject) => ({ ...old, actor: (old.actor as string | null | undefined) ?? null }),
  /** v1 → v2: only an index went; documents are kept as they are. */
  2: (old: JsonObject) => old,
  /** v2 → v3 (protocol 2): the new fields are null on what was recorded before. */
  3: (old: JsonObject) => ({ ...old, transferId: null, purchaseOrderId: null, unitPriceCents: null, unitCostCents: null }),
};

export const productMigrations: MigrationStrategies = {
  /** v0 → v1 (protocol 2): no supplier yet, sold by the piece. */
  1: (old: JsonObject) => ({ ...old, supplierId: null, supplierSku: null, packSize: 1 }),
};

export const stockMigrations: MigrationStrategies = {
  /** v0 → v1: only the index went. */
  1: (old: JsonObject) => old,
};

export const RX_SCHEMAS = {
  stores: frozen<StoreDoc>('stores', 0),
  products: deriveRxSchema<ProductDoc>(DOC_SCHEMAS.products, { version: 1 }),
  stock: frozen<StockDoc>('stock', 1),
  movements: deriveRxSchema<MovementDoc>(DOC_SCHEMAS.movements, {
    version: 3,
    indexes: [['storeId', 'productId'], ['storeId', 'clientTime']],
  }),
} satisfies Record<Exclude<CollectionName, RecordCollection>, RxJsonSchema<never>>;

/**
 * The small collections of protocol 2 in one RxDB collection (local-tables.ts): each row
 * is one document whole (validated by its zod schema on the way in, like every document).
 */
export const RECORDS_SCHEMA: RxJsonSchema<RecordRow> = {
  version: 0,
  primaryKey: 'key',
  type: 'object',
  properties: {
    key: { type: 'string', maxLength: 300 },
    // `table`, not `collection`: that name is an RxDocument property.
    table: { type: 'string', enum: [...RECORD_COLLECTIONS], maxLength: 16 },
    seq: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, multipleOf: 1 },
    doc: { type: 'object' },
  },
  required: ['key', 'table', 'seq', 'doc'],
  indexes: ['table'],
} as RxJsonSchema<RecordRow>;

export const RX_MIGRATIONS: Partial<Record<CollectionName, MigrationStrategies>> = {
  products: productMigrations,
  stock: stockMigrations,
  movements: movementMigrations,
};

/**
 * Device-only (never replicated): catalog edits not yet confirmed by the
 * server, with the server state the edit was based on (`assumed`), which the
 * field-wise merge of DESIGN §4 needs. One row per edited document.
 */
export interface OutboxDoc {
  /** `<collection>|<docId>` */
  id: string;
  /** Which collection (`collection` is reserved by RxDocument). */
  target: Exclude<CollectionName, 'movements'>;
  docId: string;
  assumed: Record<string, unknown> | null;
  at: number;
}

/** v0 knew stores, products and stock; v1 every collection but movements (protocol 2). */
export const OUTBOX_SCHEMA: RxJsonSchema<OutboxDoc> = {
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 300 },
    target: { type: 'string', enum: ['stores', 'products', 'stock', 'settings', 'tillUsers', 'suppliers', 'purchaseOrders', 'transfers', 'resolutions'], maxLength: 16 },
    docId: { type: 'string', maxLength: 260 },
    assumed: { type: ['object', 'null'] },
    at: { type: 'integer', minimum: 0, maximum: 8_640_000_000_000_000, multipleOf: 1 },
  },
  required: ['id', 'target', 'docId', 'assumed', 'at'],
  indexes: [['target', 'at']],
} as RxJsonSchema<OutboxDoc>;

export const OUTBOX_MIGRATIONS: MigrationStrategies = {
  /** v0 → v1: the entries stay as they are (their targets are still valid). */
  1: (old: JsonObject) => old,
};
