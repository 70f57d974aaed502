/**
 * The purchasing part of the screenshot tour (support/screenshots.ts): suppliers and purchase
 * orders seeded over the API as a manager's device would have made them, and the screens to visit.
 *   partial   上海静安寺店 from a supplier with a long bilingual name, ordered last week, partly received,
 *             one line closed short (at another store, so the receipts leave the tour store's levels alone)
 *   ordered   the tour store, from the same supplier, out and overdue
 *   draft     the tour store, from a second supplier, with a note (its editor is shot)
 */
import { uuidv7, type PurchaseOrderDoc, type SupplierDoc } from '../../../shared/index.js';
import type { Api } from '../../support/client.js';
import { movement, type NewProduct } from '../../support/docs.js';
import { latestById, pullAll, pushMovements } from '../../support/replication.js';

export interface SeededPurchasing {
  partial: string;
  draft: string;
}

const DAY = 86_400_000;

function supplier(name: string, over: Partial<SupplierDoc>): SupplierDoc {
  return {
    id: uuidv7(), name, contact: null, email: null, phone: null, currency: 'EUR', leadTimeDays: 7, minOrderCents: 0, notes: null, active: true,
    updatedAt: Date.now(), seq: 0, _deleted: false, ...over,
  };
}

function order(supplierId: string, storeId: string, note: string | null, lines: Array<[string, number, number]>, createdAt: number): PurchaseOrderDoc {
  return {
    id: uuidv7(createdAt), supplierId, storeId, note, state: 'draft', createdAt, orderedAt: null, expectedAt: null, closedAt: null, updatedAt: createdAt,
    lines: lines.map(([productId, qty, unitCostCents]) => ({ productId, qty, unitCostCents, received: 0, closedShortReason: null })),
    seq: 0, _deleted: false,
  };
}

export async function seedPurchasing(api: Api, stores: { long: string; shanghai: string }, products: Record<string, NewProduct>, person: string): Promise<SeededPurchasing> {
  const id = (key: string) => products[key]!.id;
  const storeId = stores.long;
  const now = Date.now();
  const tea = supplier('杭州西湖龙井茶叶有限公司 Hangzhou West Lake Longjing Tea Company Ltd.', {
    contact: '陈伟 Chen Wei', email: 'orders@westlake-tea.example.cn', phone: '+86 571 8888 1234', leadTimeDays: 12, minOrderCents: 25_000,
  });
  const roastery = supplier('Kaffeerösterei Müller & Söhne', { contact: 'Jana Müller', email: 'bestellung@mueller-roest.example.de', leadTimeDays: 3, minOrderCents: 5_000 });
  await api.replication.push.mutate({ collection: 'suppliers', rows: [tea, roastery].map((d) => ({ assumedMasterState: null, newDocumentState: d })) });

  const partial = order(tea.id, stores.shanghai, '请用防潮包装 / moisture-proof packing please', [[id('longjing'), 24, 1_150], [id('jasmine'), 12, 620], [id('osmanthus'), 10, 540]], now - 8 * DAY);
  const draft = order(roastery.id, storeId, 'Vor Ostern liefern', [[id('espresso'), 20, 720], [id('ethiopia'), 6, 980], [id('oat'), 12, 140]], now - 3_600_000);
  const ordered = order(tea.id, storeId, null, [[id('longjing'), 12, 1_150], [id('jasmine'), 6, 620]], now - 20 * DAY);
  await api.replication.push.mutate({ collection: 'purchaseOrders', rows: [partial, ordered, draft].map((d) => ({ assumedMasterState: null, newDocumentState: d })) });
  const stored = async (orderId = partial.id) => latestById((await pullAll(api, 'purchaseOrders')).documents).get(orderId)!;
  const sendOut = async (orderId: string, orderedAt: number) => {
    const before = await stored(orderId);
    await api.replication.push.mutate({ collection: 'purchaseOrders', rows: [{ assumedMasterState: before, newDocumentState: { ...before, state: 'ordered', orderedAt, expectedAt: orderedAt + 12 * DAY, updatedAt: now } }] });
  };
  await sendOut(partial.id, now - 7 * DAY);
  await sendOut(ordered.id, now - 19 * DAY);

  const receipt = (key: string, qty: number, cost: number) => movement({ storeId: stores.shanghai, productId: id(key), kind: 'receipt', delta: qty, purchaseOrderId: partial.id, unitCostCents: cost, actor: person });
  const verdicts = await pushMovements(api, [receipt('longjing', 18, 1_150), receipt('jasmine', 12, 620), receipt('osmanthus', 4, 540)]);
  const bad = verdicts.filter((v) => v.status !== 'accepted');
  if (bad.length > 0) throw new Error(`seeded purchase receipts not accepted: ${JSON.stringify(bad[0])}`);
  const received = await stored();
  await api.replication.push.mutate({ collection: 'purchaseOrders', rows: [{ assumedMasterState: received, newDocumentState: {
    ...received, updatedAt: Date.now(), lines: received.lines.map((l) => (l.productId === id('osmanthus') ? { ...l, closedShortReason: '季节性缺货 out of season' } : l)),
  } }] });
  return { partial: partial.id, draft: draft.id };
}

interface PurchasingTour {
  page: import('playwright-core').Page;
  shop: { purchasing?: SeededPurchasing; products: Record<string, NewProduct> };
}

/** The purchasing screens of the tour, in order (the same for both languages). */
export function purchasingShots(go: (page: PurchasingTour['page'], path: string) => Promise<void>, scan: (page: PurchasingTour['page'], code: string) => Promise<void>) {
  const seeded = (tour: PurchasingTour) => {
    if (!tour.shop.purchasing) throw new Error('no purchase orders seeded');
    return tour.shop.purchasing;
  };
  return [
    {
      id: '37-suppliers',
      async open(tour: PurchasingTour) {
        await go(tour.page, '/suppliers');
        await tour.page.getByTestId('supplier-row').nth(1).waitFor();
      },
    },
    {
      id: '38-purchase-orders',
      async open(tour: PurchasingTour) {
        await go(tour.page, '/purchase-orders?tab=all');
        await tour.page.getByTestId('po-row').nth(1).waitFor();
      },
    },
    {
      id: '39-purchase-order-new',
      async open(tour: PurchasingTour) {
        await go(tour.page, `/purchase-orders/new?edit=${encodeURIComponent(seeded(tour).draft)}`);
        await tour.page.getByTestId('po-line').nth(2).waitFor();
        await scan(tour.page, tour.shop.products.longjing!.barcodes[0]!);
        await tour.page.getByTestId('po-line').nth(3).waitFor();
      },
    },
    {
      id: '40-purchase-order',
      async open(tour: PurchasingTour) {
        await go(tour.page, `/purchase-orders/${encodeURIComponent(seeded(tour).partial)}`);
        await tour.page.locator('[data-testid="po-state"][data-state="partial"]').waitFor();
        await tour.page.getByTestId('po-closed-short').waitFor();
      },
    },
    {
      id: '41-purchase-order-receive',
      async open(tour: PurchasingTour) {
        await go(tour.page, `/purchase-orders/${encodeURIComponent(seeded(tour).partial)}/receive`);
        await tour.page.getByTestId('po-receive-qty').first().fill('4');
      },
    },
    {
      id: '42-purchase-order-print',
      async open(tour: PurchasingTour) {
        await go(tour.page, `/purchase-orders/${encodeURIComponent(seeded(tour).partial)}/print`);
        await tour.page.getByTestId('po-sheet-line').nth(2).waitFor();
      },
    },
  ];
}
