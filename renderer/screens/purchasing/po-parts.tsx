/** Small pieces the purchasing screens share: the order's code, its state pill, names by id, totals. */
import { onOrder, type PurchaseOrderDoc } from '../../../shared/index.js';
import { usePurchaseOrders, useStoreDirectory } from '../../data/hooks.js';
import { useT, type MessageKey } from '../../i18n/index.js';

/** What people say and print: "PO-" and the end of the id (the whole id is on the printed order). */
export function orderCode(id: string): string {
  return `PO-${id.replace(/-/g, '').slice(-6).toUpperCase()}`;
}

export function PoStatePill({ state, overdue }: { state: PurchaseOrderDoc['state']; overdue?: boolean }) {
  const t = useT();
  const key: MessageKey = `po.state.${state}`;
  return (
    <span>
      <span className={`po-state po-state--${state}`} data-testid="po-state" data-state={state}>{t(key)}</span>
      {overdue ? <span className="po-state po-state--overdue">{t('po.overdue')}</span> : null}
    </span>
  );
}

export function useSupplierName(): (id: string) => string {
  const { orders } = usePurchaseOrders();
  return (id) => orders.supplier(id)?.name ?? '—';
}

export function useStoreLabel(): (id: string) => string {
  const stores = useStoreDirectory();
  return (id) => stores.find((s) => s.id === id)?.name ?? '—';
}

export interface OrderSums {
  lines: number;
  units: number;
  onOrder: number;
  totalCents: number;
}

export function orderSums(o: PurchaseOrderDoc): OrderSums {
  return o.lines.reduce<OrderSums>(
    (s, l) => ({ lines: s.lines + 1, units: s.units + l.qty, onOrder: s.onOrder + onOrder(o, l), totalCents: s.totalCents + l.qty * l.unitCostCents }),
    { lines: 0, units: 0, onOrder: 0, totalCents: 0 },
  );
}

export const isOverdue = (o: PurchaseOrderDoc, now: number): boolean =>
  (o.state === 'ordered' || o.state === 'partial') && o.expectedAt !== null && o.expectedAt < now;
