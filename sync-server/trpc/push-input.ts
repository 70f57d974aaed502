import type { z } from 'zod';
import {
  ID_PATTERN,
  LIMITS,
  isWellFormedText,
  MOVEMENT_KINDS,
  MOVEMENT_STATUSES,
  movementRuleViolations,
  pushInputSchema,
  type MovementPush,
  type PushInput,
} from '../../shared/index.js';

/**
 * The input parser of `replication.push`: `pushInputSchema`, with a fast path for the hot
 * case, a movements push whose rows are plain new sales/receipts/counts as devices send them.
 *
 * zod costs ~8 µs per movement row (a tenth of a push's CPU); the fast path checks the
 * same rules by hand and builds the same output (same keys, same order). It only ever
 * ACCEPTS: any row it is not sure about (a reason to trim, a non-null server-owned field,
 * an unknown kind, anything out of range, a rule violation…) sends the whole input to
 * zod, so every rejection and every unusual row is zod's verdict, byte for byte.
 * push-input.test.ts compares both on valid and invalid rows.
 */
export function parsePushInput(input: unknown): PushInput {
  return fastMovementsPush(input) ?? pushInputSchema.parse(input);
}

/** A tRPC parser with zod's input/output types, so clients keep the schema's input type. */
export const pushInputParser = {
  _input: undefined as unknown as z.input<typeof pushInputSchema>,
  _output: undefined as unknown as PushInput,
  parse: parsePushInput,
};

const ID = ID_PATTERN;
const KINDS: ReadonlySet<unknown> = new Set(MOVEMENT_KINDS);
const STATUSES: ReadonlySet<unknown> = new Set(MOVEMENT_STATUSES);
const MAX_TIME = 8_640_000_000_000_000;

const isId = (v: unknown): v is string =>
  typeof v === 'string' && v.length >= 1 && v.length <= LIMITS.idLength && ID.test(v);
const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isQuantity = (v: unknown): v is number => isInt(v, -LIMITS.quantity, LIMITS.quantity);

type Row = Record<string, unknown>;

function isPlainObject(v: unknown): v is Row {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Exported for push-input.test.ts. */
export function fastMovementsPush(input: unknown): PushInput | null {
  if (!isPlainObject(input) || input.collection !== 'movements') return null;
  const rows = input.rows;
  if (!Array.isArray(rows) || rows.length < 1 || rows.length > LIMITS.pushRows) return null;
  const out: Array<{ assumedMasterState?: null; newDocumentState: MovementPush }> = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (!isPlainObject(row)) return null;
    const assumed = row.assumedMasterState;
    if (assumed !== null && assumed !== undefined) return null;
    const doc = fastMovement(row.newDocumentState);
    if (!doc) return null;
    out[i] = assumed === null ? { assumedMasterState: null, newDocumentState: doc } : { newDocumentState: doc };
  }
  return { collection: 'movements', rows: out };
}

/** The document zod would produce, or null when the fast path cannot vouch for it. */
function fastMovement(d: unknown): MovementPush | null {
  if (!isPlainObject(d)) return null;
  const { id, storeId, productId, kind, delta, reason, ticketId, countedQty, expectedQty, deviceId, actor, clientTime } = d;
  if (!isId(id) || !isId(storeId) || !isId(productId)) return null;
  if (!KINDS.has(kind) || !isQuantity(delta)) return null;
  if (reason !== null) return null; // zod trims reasons: leave those to it
  if (ticketId !== null && !isId(ticketId)) return null;
  // Protocol 2's fields: absent (protocol 1) or null → null, like zod's default.
  const transferId = d.transferId ?? null;
  const purchaseOrderId = d.purchaseOrderId ?? null;
  const unitPriceCents = d.unitPriceCents ?? null;
  const unitCostCents = d.unitCostCents ?? null;
  if ((transferId !== null && !isId(transferId)) || (purchaseOrderId !== null && !isId(purchaseOrderId))) return null;
  if ((unitPriceCents !== null && !isInt(unitPriceCents, 0, LIMITS.money)) || (unitCostCents !== null && !isInt(unitCostCents, 0, LIMITS.money))) return null;
  if (countedQty !== null && !isInt(countedQty, 0, LIMITS.quantity)) return null;
  if (expectedQty !== null && !isQuantity(expectedQty)) return null;
  if (typeof deviceId !== 'string' || deviceId.length > LIMITS.idLength) return null;
  // zod trims actors and refuses lone surrogates: only an actor that needs neither passes here.
  if (actor !== null && (typeof actor !== 'string' || actor.length < 1 || actor.length > LIMITS.shortTextLength || actor.trim() !== actor || !isWellFormedText(actor))) return null;
  if (!isInt(clientTime, 0, MAX_TIME)) return null;
  const doc: Row = {
    id, storeId, productId, kind, delta, reason, ticketId, transferId, purchaseOrderId, unitPriceCents, unitCostCents,
    countedQty, expectedQty, deviceId, actor, clientTime,
  };
  // Server-owned fields (nullish): absent stays absent, null stays null, a value goes to zod.
  const status = d.status;
  if (status !== undefined) {
    if (status !== null && !STATUSES.has(status)) return null;
    doc.status = status;
  }
  for (const key of ['ledgerSeq', 'serverTime', 'balanceAfter', 'rejection', 'seq'] as const) {
    const v = d[key];
    if (v === undefined) continue;
    if (v !== null) return null;
    doc[key] = null;
  }
  const deleted = d._deleted;
  if (deleted !== undefined && typeof deleted !== 'boolean') return null;
  doc._deleted = deleted ?? false;
  const movement = doc as MovementPush;
  if (movementRuleViolations(movement).length > 0) return null;
  return movement;
}
