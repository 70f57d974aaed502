import type { z } from 'zod';
import {
  uuidv7,
  type MovementKind,
  type movementPushSchema,
  type productPushSchema,
  type storePushSchema,
} from '../../shared/index.js';

/** Documents as a device sends them (server-owned fields at their initial values). */
export type NewMovement = z.input<typeof movementPushSchema>;
export type NewProduct = z.input<typeof productPushSchema>;
export type NewStore = z.input<typeof storePushSchema>;

export interface MovementInit {
  storeId: string;
  productId: string;
  kind: MovementKind;
  delta: number;
  reason?: string | null;
  ticketId?: string | null;
  transferId?: string | null;
  purchaseOrderId?: string | null;
  unitPriceCents?: number | null;
  unitCostCents?: number | null;
  countedQty?: number | null;
  expectedQty?: number | null;
  actor?: string | null;
  clientTime?: number;
  id?: string;
}

export function movement(init: MovementInit): NewMovement {
  return {
    id: init.id ?? uuidv7(),
    storeId: init.storeId,
    productId: init.productId,
    kind: init.kind,
    delta: init.delta,
    reason: init.reason ?? null,
    ticketId: init.ticketId ?? null,
    transferId: init.transferId ?? null,
    purchaseOrderId: init.purchaseOrderId ?? null,
    unitPriceCents: init.unitPriceCents ?? null,
    unitCostCents: init.unitCostCents ?? null,
    countedQty: init.countedQty ?? null,
    expectedQty: init.expectedQty ?? null,
    deviceId: '',
    actor: init.actor ?? null,
    clientTime: init.clientTime ?? Date.now(),
    status: 'pending',
    ledgerSeq: null,
    serverTime: null,
    balanceAfter: null,
    rejection: null,
    seq: null,
    _deleted: false,
  };
}

export const sale = (storeId: string, productId: string, qty = 1, ticketId: string | null = null): NewMovement =>
  movement({ storeId, productId, kind: 'sale', delta: -qty, ticketId });

export const receipt = (storeId: string, productId: string, qty: number): NewMovement =>
  movement({ storeId, productId, kind: 'receipt', delta: qty });

export const count = (storeId: string, productId: string, countedQty: number, expectedQty: number): NewMovement =>
  movement({ storeId, productId, kind: 'count', delta: countedQty - expectedQty, countedQty, expectedQty });

export const adjustment = (storeId: string, productId: string, delta: number, reason: string): NewMovement =>
  movement({ storeId, productId, kind: 'adjustment', delta, reason });

export function store(name: string, allowNegativeStock = false, id: string = uuidv7()): NewStore {
  return { id, name, timezone: 'Europe/Berlin', allowNegativeStock, seq: null, _deleted: false };
}

let skuCounter = 0;
export function product(name?: string, id: string = uuidv7()): NewProduct {
  skuCounter += 1;
  const sku = `SKU-${process.pid}-${skuCounter}`;
  return {
    id,
    sku,
    name: name ?? `Product ${skuCounter}`,
    barcodes: [`${400000 + skuCounter}`],
    unit: 'pcs',
    priceCents: 199,
    costCents: 120,
    category: 'test',
    active: true, supplierId: null, supplierSku: null, packSize: 1,
    updatedAt: Date.now(),
    seq: null,
    _deleted: false,
  };
}
