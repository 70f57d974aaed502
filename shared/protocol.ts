import { z } from 'zod';
import {
  COLLECTIONS,
  LIMITS,
  idSchema,
  movementPushSchema,
  productPushSchema,
  purchaseOrderPushSchema,
  resolutionPushSchema,
  settingsPushSchema,
  stockPushSchema,
  storePushSchema,
  supplierPushSchema,
  tillUserPushSchema,
  transferPushSchema,
  textSchema,
  timestampSchema,
} from './schemas/index.js';

/** Version of the sync protocol; the server also accepts PROTOCOL_VERSION - 1 (DESIGN §3). */
export const PROTOCOL_VERSION = 2;

export const ROLES = ['owner', 'manager', 'staff'] as const;
export type Role = (typeof ROLES)[number];

export const collectionSchema = z.enum(COLLECTIONS);
/**
 * A pull checkpoint (DESIGN §3): the last `seq` a device holds and the database's
 * `epoch` it came from (a random id made with the database and changed by a
 * restore). Devices of protocol 1 send no epoch.
 */
export const checkpointSchema = z.object({
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  epoch: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).nullish(),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

/** What `replication.pull` returns; `reset` when the device's checkpoint was not this database's (start again). */
export interface PullResult<D> {
  documents: D[];
  checkpoint: { seq: number; epoch: string };
  reset?: true;
}

export const pullInputSchema = z.object({
  collection: collectionSchema,
  checkpoint: checkpointSchema.nullable(),
  limit: z.number().int().min(1).max(LIMITS.pullLimit),
});
export type PullInput = z.infer<typeof pullInputSchema>;

function pushRows<T extends z.ZodType>(doc: T) {
  return z
    .array(z.object({ assumedMasterState: doc.nullish(), newDocumentState: doc }))
    .min(1)
    .max(LIMITS.pushRows);
}

export const pushInputSchema = z.discriminatedUnion('collection', [
  z.object({ collection: z.literal('stores'), rows: pushRows(storePushSchema) }),
  z.object({ collection: z.literal('products'), rows: pushRows(productPushSchema) }),
  z.object({ collection: z.literal('stock'), rows: pushRows(stockPushSchema) }),
  z.object({ collection: z.literal('movements'), rows: pushRows(movementPushSchema) }),
  z.object({ collection: z.literal('settings'), rows: pushRows(settingsPushSchema) }),
  z.object({ collection: z.literal('tillUsers'), rows: pushRows(tillUserPushSchema) }),
  z.object({ collection: z.literal('suppliers'), rows: pushRows(supplierPushSchema) }),
  z.object({ collection: z.literal('purchaseOrders'), rows: pushRows(purchaseOrderPushSchema) }),
  z.object({ collection: z.literal('transfers'), rows: pushRows(transferPushSchema) }),
  z.object({ collection: z.literal('resolutions'), rows: pushRows(resolutionPushSchema) }),
]);
export type PushInput = z.infer<typeof pushInputSchema>;

export const streamInputSchema = z.object({
  // Up to as many as there are collections: a device opens one stream for all of them (protocol 2 has ten).
  collections: z.array(collectionSchema).min(1).max(COLLECTIONS.length),
});

export const digestInputSchema = z.object({ storeId: idSchema });

export const pairInputSchema = z.object({
  code: z.string().trim().min(4).max(32),
  deviceName: textSchema(LIMITS.shortTextLength),
});

export const createPairingCodeInputSchema = z.object({
  role: z.enum(ROLES),
  storeIds: z.array(idSchema).max(LIMITS.storesPerDevice),
});

export const revokeInputSchema = z.object({ deviceId: idSchema });

/** `x-stockroom-protocol`: a plain decimal version number (no `0x1`, `1e0` or empty value). */
export const PROTOCOL_HEADER_PATTERN = /^[0-9]{1,4}$/;

/** Upper bound of a reported pending count (far above what one device can hold). */
export const MAX_REPORTED_PENDING = 10_000_000;

/** `devices.reportHealth`: the calling device's unsynced movements (DESIGN §5, owners see it per device). */
export const reportHealthInputSchema = z.object({
  pendingCount: z.number().int().min(0).max(MAX_REPORTED_PENDING),
  /** clientTime of the oldest pending movement, or null when none is pending. */
  oldestPendingAt: timestampSchema.nullable(),
});
export type ReportHealthInput = z.infer<typeof reportHealthInputSchema>;

/** What `auth.pair` returns (DESIGN §3). */
export interface PairResult {
  deviceId: string;
  token: string;
  tenantId: string;
  role: Role;
  storeIds: string[];
}
