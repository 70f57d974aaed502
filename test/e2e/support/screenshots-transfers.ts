/**
 * The transfers part of the screenshot tour (support/screenshots.ts): transfers seeded over the
 * API as the other stores' tills would have made them, and the transfers screens to visit.
 *   sent      the long-named store → Café Lindenhof, dispatched, partly received (a damaged unit written off)
 *   incoming  上海静安寺店 → the long-named store, dispatched in full (its blind receipt and check are shot)
 *   draft     the long-named store → 上海静安寺店, with a note (dispatch and packing slip are shot)
 */
import { uuidv7, type StoreDoc, type TransferDoc } from '../../../shared/index.js';
import type { Api } from '../../support/client.js';
import { movement, type NewProduct } from '../../support/docs.js';
import { pushMovements } from '../../support/replication.js';

export interface SeededTransfers {
  sent: string;
  incoming: string;
  draft: string;
}

function draftDoc(from: string, to: string, note: string | null, lines: Array<[string, number]>, createdBy: string, createdAt: number): TransferDoc {
  return {
    id: uuidv7(createdAt), fromStoreId: from, toStoreId: to, note,
    lines: lines.map(([productId, qty]) => ({ productId, qty, sent: 0, received: 0, returned: 0, writtenOff: 0 })),
    state: 'draft', createdBy, createdAt, sentAt: null, closedAt: null, updatedAt: createdAt, seq: 0, _deleted: false,
  };
}

export async function seedTransfers(api: Api, stores: { long: string; cafe: StoreDoc; shanghai: StoreDoc }, products: Record<string, NewProduct>, person: string): Promise<SeededTransfers> {
  const id = (key: string) => products[key]!.id;
  const now = Date.now();
  const sent = draftDoc(stores.long, stores.cafe.id, null, [[id('espresso'), 12], [id('oat'), 10], [id('ethiopia'), 2]], person, now - 3 * 86_400_000);
  const incoming = draftDoc(stores.shanghai.id, stores.long, '两箱，一箱易碎 / two boxes, one fragile', [[id('longjing'), 6], [id('jasmine'), 5], [id('osmanthus'), 4]], '王秀英', now - 2 * 86_400_000);
  const draft = draftDoc(stores.long, stores.shanghai.id, 'Für die Wiedereröffnung am Samstag — 周六重新开业用', [[id('yunnan'), 4], [id('cups'), 10], [id('croissant'), 2]], person, now - 3_600_000);
  await api.replication.push.mutate({ collection: 'transfers', rows: [sent, incoming, draft].map((d) => ({ assumedMasterState: null, newDocumentState: d })) });

  const out = (t: TransferDoc, key: string, qty: number) => movement({ storeId: t.fromStoreId, productId: id(key), kind: 'transfer_out', delta: -qty, transferId: t.id, actor: person });
  const verdicts = await pushMovements(api, [
    out(sent, 'espresso', 12), out(sent, 'oat', 8), out(sent, 'ethiopia', 2),
    out(incoming, 'longjing', 6), out(incoming, 'jasmine', 5), out(incoming, 'osmanthus', 4),
    movement({ storeId: stores.cafe.id, productId: id('espresso'), kind: 'transfer_in', delta: 12, transferId: sent.id, actor: 'Li Wei' }),
    movement({ storeId: stores.cafe.id, productId: id('espresso'), kind: 'adjustment', delta: -1, reason: 'damaged', transferId: sent.id, actor: 'Li Wei', clientTime: Date.now() + 1 }),
  ]);
  const bad = verdicts.filter((v) => v.status !== 'accepted');
  if (bad.length > 0) throw new Error(`seeded transfer movements not accepted: ${JSON.stringify(bad[0])}`);
  return { sent: sent.id, incoming: incoming.id, draft: draft.id };
}

interface TransferTour {
  page: import('playwright-core').Page;
  shop: { transfers?: SeededTransfers; products: Record<string, NewProduct>; stores: StoreDoc[] };
}

/** The transfers screens of the tour, in order (the same for both languages). */
export function transferShots(go: (page: TransferTour['page'], path: string) => Promise<void>, scan: (page: TransferTour['page'], code: string) => Promise<void>) {
  const seeded = (tour: TransferTour) => {
    if (!tour.shop.transfers) throw new Error('no transfers seeded');
    return tour.shop.transfers;
  };
  const barcode = (tour: TransferTour, key: string) => tour.shop.products[key]!.barcodes[0]!;
  return [
    {
      id: '28-transfers',
      async open(tour: TransferTour) {
        await go(tour.page, '/transfers?tab=outgoing');
        await tour.page.getByTestId('transfers-tab-outgoing').click();
        await tour.page.getByTestId('transfer-row').first().waitFor();
      },
    },
    {
      id: '29-transfers-incoming',
      async open(tour: TransferTour) {
        await tour.page.getByTestId('transfers-tab-incoming').click();
        await tour.page.locator(`[data-testid="transfer-row"][data-transfer="${seeded(tour).incoming}"]`).waitFor();
      },
    },
    {
      id: '30-transfer-new',
      async open(tour: TransferTour) {
        await go(tour.page, '/transfers/new');
        const cafe = tour.shop.stores.find((s) => s.name === 'Café Lindenhof')!;
        await tour.page.getByTestId('transfer-destination').selectOption(cafe.id);
        for (const key of ['ethiopia', 'longjing', 'oat']) await scan(tour.page, barcode(tour, key));
        await tour.page.getByTestId('transfer-line').nth(2).waitFor();
        await tour.page.getByTestId('transfer-line-qty').nth(2).fill('24');
      },
    },
    {
      id: '31-transfer-detail',
      async open(tour: TransferTour) {
        await go(tour.page, `/transfers/${encodeURIComponent(seeded(tour).sent)}`);
        await tour.page.getByTestId('transfer-detail-lines').waitFor();
        await tour.page.getByTestId('transfer-movement').nth(3).waitFor();
      },
    },
    {
      id: '32-transfer-dispatch',
      async open(tour: TransferTour) {
        await go(tour.page, `/transfers/${encodeURIComponent(seeded(tour).draft)}/dispatch`);
        await tour.page.getByTestId('dispatch-line').first().waitFor();
        await tour.page.getByTestId('dispatch-qty').nth(1).fill('8');
      },
    },
    {
      id: '33-packing-slip',
      async open(tour: TransferTour) {
        await go(tour.page, `/transfers/${encodeURIComponent(seeded(tour).sent)}/slip`);
        await tour.page.getByTestId('transfer-barcode').locator('rect, path, g').first().waitFor({ state: 'attached' });
      },
    },
    {
      id: '34-transfer-receive',
      async open(tour: TransferTour) {
        await go(tour.page, `/transfers/${encodeURIComponent(seeded(tour).incoming)}/receive`);
        for (const key of ['longjing', 'jasmine', 'osmanthus', 'espresso']) await scan(tour.page, barcode(tour, key));
        await tour.page.getByTestId('receive-line').nth(3).waitFor();
        await tour.page.getByTestId('receive-qty').nth(0).fill('5');
        await tour.page.getByTestId('receive-qty').nth(1).fill('5');
        await tour.page.getByTestId('receive-qty').nth(2).fill('2');
      },
    },
    {
      id: '35-transfer-reconcile',
      async open(tour: TransferTour) {
        await tour.page.getByTestId('receive-next').click();
        await tour.page.getByTestId('reconcile-row').first().waitFor();
        await tour.page.getByTestId('reconcile-reason').first().selectOption('damaged');
        await tour.page.getByTestId('reconcile-reason').nth(1).selectOption('split');
      },
    },
    {
      id: '36-product-in-transit',
      async open(tour: TransferTour) {
        await go(tour.page, `/products/${encodeURIComponent(tour.shop.products.oat!.id)}`);
        await tour.page.getByTestId('product-transit').waitFor();
        await tour.page.getByTestId('level-chart').locator('canvas').waitFor();
      },
    },
  ];
}
