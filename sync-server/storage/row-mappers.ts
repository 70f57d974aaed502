import type { MovementDoc, ProductDoc, Rejection, StockDoc, StoreDoc } from '../../shared/index.js';
import type { DeviceRecord } from './storage.js';

/**
 * SQLite rows → documents of the fixed shape of shared/schemas (null, never absent).
 * SELECTs alias columns to the document's field names so mapping stays cheap.
 */
export interface StoreRow {
  id: string;
  name: string;
  timezone: string;
  allowNegativeStock: number;
  deleted: number;
  seq: number;
}
export function toStoreDoc(r: StoreRow): StoreDoc {
  return {
    id: r.id,
    name: r.name,
    timezone: r.timezone,
    allowNegativeStock: r.allowNegativeStock === 1,
    seq: r.seq,
    _deleted: r.deleted === 1,
  };
}

export interface ProductRow {
  id: string;
  sku: string;
  name: string;
  barcodes: string;
  unit: string;
  priceCents: number;
  costCents: number;
  category: string | null;
  active: number;
  supplierId: string | null;
  supplierSku: string | null;
  packSize: number;
  updatedAt: number;
  deleted: number;
  seq: number;
}
export function toProductDoc(r: ProductRow): ProductDoc {
  return {
    id: r.id,
    sku: r.sku,
    name: r.name,
    barcodes: JSON.parse(r.barcodes) as string[],
    unit: r.unit,
    priceCents: r.priceCents,
    costCents: r.costCents,
    category: r.category,
    active: r.active === 1,
    supplierId: r.supplierId,
    supplierSku: r.supplierSku,
    packSize: r.packSize,
    updatedAt: r.updatedAt,
    seq: r.seq,
    _deleted: r.deleted === 1,
  };
}

export interface StockRow {
  id: string;
  storeId: string;
  productId: string;
  onHand: number;
  appliedSeq: number;
  reorderPoint: number | null;
  criticalPoint: number | null;
  updatedAt: number;
  deleted: number;
  seq: number;
}
export function toStockDoc(r: StockRow): StockDoc {
  return {
    id: r.id,
    storeId: r.storeId,
    productId: r.productId,
    onHand: r.onHand,
    appliedSeq: r.appliedSeq,
    reorderPoint: r.reorderPoint,
    criticalPoint: r.criticalPoint,
    updatedAt: r.updatedAt,
    seq: r.seq,
    _deleted: r.deleted === 1,
  };
}

export interface MovementRow {
  id: string;
  storeId: string;
  productId: string;
  kind: MovementDoc['kind'];
  delta: number;
  reason: string | null;
  ticketId: string | null;
  transferId: string | null;
  purchaseOrderId: string | null;
  unitPriceCents: number | null;
  unitCostCents: number | null;
  countedQty: number | null;
  expectedQty: number | null;
  deviceId: string;
  actor: string | null;
  clientTime: number;
  status: MovementDoc['status'];
  ledgerSeq: number | null;
  serverTime: number | null;
  balanceAfter: number | null;
  rejection: string | null;
  seq: number;
}
export function toMovementDoc(r: MovementRow): MovementDoc {
  return {
    id: r.id,
    storeId: r.storeId,
    productId: r.productId,
    kind: r.kind,
    delta: r.delta,
    reason: r.reason,
    ticketId: r.ticketId,
    transferId: r.transferId,
    purchaseOrderId: r.purchaseOrderId,
    unitPriceCents: r.unitPriceCents,
    unitCostCents: r.unitCostCents,
    countedQty: r.countedQty,
    expectedQty: r.expectedQty,
    deviceId: r.deviceId,
    actor: r.actor,
    clientTime: r.clientTime,
    status: r.status,
    ledgerSeq: r.ledgerSeq,
    serverTime: r.serverTime,
    balanceAfter: r.balanceAfter,
    rejection: r.rejection === null ? null : (JSON.parse(r.rejection) as Rejection),
    seq: r.seq,
    _deleted: false,
  };
}

export interface DeviceRow {
  id: string;
  tenantId: string;
  name: string;
  role: DeviceRecord['role'];
  storeIds: string;
  createdAt: number;
  lastSeenAt: number | null;
  revokedAt: number | null;
  pendingCount: number | null;
  oldestPendingAt: number | null;
  healthReportedAt: number | null;
}
export function toDeviceRecord(r: DeviceRow): DeviceRecord {
  return { ...r, storeIds: JSON.parse(r.storeIds) as string[] };
}

export const STORE_COLUMNS =
  'id, name, timezone, allow_negative_stock AS allowNegativeStock, deleted, seq';
export const PRODUCT_COLUMNS =
  'id, sku, name, barcodes, unit, price_cents AS priceCents, cost_cents AS costCents, category, active, supplier_id AS supplierId, supplier_sku AS supplierSku, pack_size AS packSize, updated_at AS updatedAt, deleted, seq';
export const STOCK_COLUMNS =
  'id, store_id AS storeId, product_id AS productId, on_hand AS onHand, applied_seq AS appliedSeq, reorder_point AS reorderPoint, critical_point AS criticalPoint, updated_at AS updatedAt, deleted, seq';
export const MOVEMENT_COLUMNS =
  'id, store_id AS storeId, product_id AS productId, kind, delta, reason, ticket_id AS ticketId, transfer_id AS transferId, purchase_order_id AS purchaseOrderId, unit_price_cents AS unitPriceCents, unit_cost_cents AS unitCostCents, counted_qty AS countedQty, expected_qty AS expectedQty, device_id AS deviceId, actor, client_time AS clientTime, status, ledger_seq AS ledgerSeq, server_time AS serverTime, balance_after AS balanceAfter, rejection, seq';
export const DEVICE_COLUMNS =
  'id, tenant_id AS tenantId, name, role, store_ids AS storeIds, created_at AS createdAt, last_seen_at AS lastSeenAt, revoked_at AS revokedAt, ' +
  'pending_count AS pendingCount, oldest_pending_at AS oldestPendingAt, health_reported_at AS healthReportedAt';

/** The accepted ledger lines reports read (shared/reports), in ledger order. */
export const REPORT_MOVEMENT_COLUMNS =
  "store_id AS storeId, product_id AS productId, kind, delta, unit_price_cents AS unitPriceCents, unit_cost_cents AS unitCostCents, actor, client_time AS clientTime, server_time AS serverTime, ledger_seq AS ledgerSeq, status";
