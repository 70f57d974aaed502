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
  type CollectionName,
  type MovementDoc,
  type ProductDoc,
  type StockDoc,
  type StoreDoc,
} from '../../shared/index.js';

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
 * The local schemas as stored on devices, frozen (local-schemas.v1.json).
 * RxDB refuses to open a collection whose stored schema hash differs from the
 * code's schema of the same version, so a change of the shared zod schemas
 * (ids without ':', new rejection codes) must not silently change these: the
 * next local schema version is derived from zod again and migrates.
 *
 * Movements: v0 (first pre-release, no `actor`, indexes [storeId, productId]
 * and status); v1 adds `actor` and the [storeId, clientTime] index; v2 drops the
 * `status` index (pending ones are tracked in memory, pending-movements.ts).
 * Stock: v0 had a `storeId` index nothing needed; v1 has none.
 */
type FrozenVersions = Record<string, Record<string, unknown>>;
const FROZEN = frozenSchemas as unknown as Record<CollectionName, FrozenVersions>;
function frozen<T>(collection: CollectionName, version: number): RxJsonSchema<T> {
  const schema = FROZEN[collection][String(version)];
  if (!schema) throw new Error(`no frozen ${collection} schema v${version}`);
  return structuredClone(schema) as unknown as RxJsonSchema<T>;
}

export const movementSchemaV0 = frozen<MovementDoc>('movements', 0);
export const movementSchemaV1 = frozen<MovementDoc>('movements', 1);

export const movementMigrations: MigrationStrategies = {
  /**
   * v0 → v1: add `actor: null`. Every document is kept as it was otherwise —
   * in particular `pending` movements not yet pushed stay pending, so the
   * replication pushes them after the upgrade (never lose a sale).
   */
  1: (old: JsonObject) => ({ ...old, actor: (old.actor as string | null | undefined) ?? null }),
  /** v1 → v2: only an index went; documents are kept as they are. */
  2: (old: JsonObject) => old,
};

export const stockSchemaV0 = frozen<StockDoc>('stock', 0);

export const stockMigrations: MigrationStrategies = {
  /** v0 → v1: only the index went. */
  1: (old: JsonObject) => old,
};

export const RX_SCHEMAS = {
  stores: frozen<StoreDoc>('stores', 0),
  products: frozen<ProductDoc>('products', 0),
  stock: frozen<StockDoc>('stock', 1),
  movements: frozen<MovementDoc>('movements', 2),
} satisfies Record<CollectionName, RxJsonSchema<never>>;

export const RX_MIGRATIONS: Partial<Record<CollectionName, MigrationStrategies>> = {
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
  target: 'stores' | 'products' | 'stock';
  docId: string;
  assumed: Record<string, unknown> | null;
  at: number;
}

export const OUTBOX_SCHEMA: RxJsonSchema<OutboxDoc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 300 },
    target: { type: 'string', enum: ['stores', 'products', 'stock'], maxLength: 16 },
    docId: { type: 'string', maxLength: 260 },
    assumed: { type: ['object', 'null'] },
    at: { type: 'integer', minimum: 0, maximum: 8_640_000_000_000_000, multipleOf: 1 },
  },
  required: ['id', 'target', 'docId', 'assumed', 'at'],
  indexes: [['target', 'at']],
} as RxJsonSchema<OutboxDoc>;
