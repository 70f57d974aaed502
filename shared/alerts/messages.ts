import { isTransferAlert, type AlertItem, type AlertNotice, type StockAlertItem, type TransferAlertItem } from './types.js';
import { transferCode } from '../transfers.js';

/** Transfer alert wording: functions, so the renderer can pass ICU messages with plurals (renderer/i18n). */
export interface TransferAlertTexts {
  /** "Transfer Main St → Airport: 12 units on the road for 4 days" */
  overdueTitle(v: { from: string; to: string; units: number; days: number }): string;
  /** "T-3F9A2C · not received yet" */
  overdueBody(v: { transfer: string }): string;
  writtenOffTitle(v: { from: string; to: string; units: number }): string;
  writtenOffBody(v: { transfer: string }): string;
  /** Summary parts: "2 transfers overdue", "1 transfer with write-offs". */
  summaryOverdue(v: { n: number }): string;
  summaryWrittenOff(v: { n: number }): string;
  /** Summary title when it folds transfer alerts too: "7 alerts". */
  summaryTitleMixed(v: { count: number }): string;
  /** A transfer in the summary's list of names: "Main St → Airport". */
  route(v: { from: string; to: string }): string;
}

const plural = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;

export const TRANSFER_TEXTS_EN: TransferAlertTexts = {
  overdueTitle: ({ from, to, units, days }) =>
    `Transfer ${from} → ${to}: ${plural(units, 'unit', 'units')} on the road for ${plural(days, 'day', 'days')}`,
  overdueBody: ({ transfer }) => `${transfer} · not received yet`,
  writtenOffTitle: ({ from, to, units }) => `Transfer ${from} → ${to} closed with ${plural(units, 'unit', 'units')} written off`,
  writtenOffBody: ({ transfer }) => `${transfer} · damaged or missing on arrival`,
  summaryOverdue: ({ n }) => `${plural(n, 'transfer', 'transfers')} overdue`,
  summaryWrittenOff: ({ n }) => `${plural(n, 'transfer', 'transfers')} with write-offs`,
  summaryTitleMixed: ({ count }) => plural(count, 'alert', 'alerts'),
  route: ({ from, to }) => `${from} → ${to}`,
};

/** How a transfer is named to a person when no better label is known: "T-" and the id's last six characters. */
/** How notifications name a transfer: the same code as the screens and the packing slip. */
export const transferReference = transferCode;

/**
 * Notification wording as templates with {placeholders}, so the renderer can
 * pass its translated strings (renderer/i18n) and tests can read English.
 */
export interface AlertTemplates {
  /** low and critical: "Espresso beans — 3 left at Main St" */
  titleLeft: string;
  titleOut: string;
  bodyReorder: string;
  bodyCritical: string;
  /** Body when there is no reorder point, only a critical one. */
  bodyCriticalOnly: string;
  bodySeparator: string;
  summaryTitle: string;
  summaryOut: string;
  summaryCritical: string;
  summaryLow: string;
  /** "{list} and {more} more" */
  summaryMore: string;
  listSeparator: string;
  /** Between the counts and the product names in the summary body. */
  summaryNamesSeparator: string;
  transfer: TransferAlertTexts;
}

export const ALERT_TEMPLATES_EN: AlertTemplates = {
  titleLeft: '{product} — {qty} left at {store}',
  titleOut: '{product} — out of stock at {store}',
  bodyReorder: 'Reorder at {n}',
  bodyCritical: 'critical at {n}',
  bodyCriticalOnly: 'Critical at {n}',
  bodySeparator: ' · ',
  summaryTitle: '{count} products need restocking',
  summaryOut: '{n} out of stock',
  summaryCritical: '{n} critical',
  summaryLow: '{n} low',
  summaryMore: '{list} and {more} more',
  listSeparator: ', ',
  summaryNamesSeparator: ' — ',
  transfer: TRANSFER_TEXTS_EN,
};

/** Names for ids; unknown ids fall back to the id itself so a text is never empty. */
export interface AlertNames {
  productName(productId: string): string | undefined;
  storeName(storeId: string): string | undefined;
  /** Base unit ("pcs", "g", "ml"); pieces are not spelled out. */
  unit?(productId: string): string | undefined;
  /** How a transfer is named (e.g. its reference); absent: transferReference(id). */
  transferLabel?(transferId: string): string | undefined;
}

export interface AlertText {
  title: string;
  body: string;
}

const PIECE_UNITS = new Set(['', 'pcs', 'pc', 'piece', 'pieces', 'ea', 'each', 'unit', 'units']);
const SUMMARY_NAMES = 3;

export function fillTemplate(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

function quantityText(qty: number, unit: string | undefined): string {
  return unit === undefined || PIECE_UNITS.has(unit.toLowerCase()) ? String(qty) : `${qty} ${unit}`;
}

export function describeTransferAlert(item: TransferAlertItem, names: AlertNames, t: AlertTemplates): AlertText {
  const from = names.storeName(item.fromStoreId) ?? item.fromStoreId;
  const to = names.storeName(item.toStoreId) ?? item.toStoreId;
  const transfer = names.transferLabel?.(item.transferId) ?? transferReference(item.transferId);
  return item.level === 'overdue'
    ? { title: t.transfer.overdueTitle({ from, to, units: item.units, days: item.days }), body: t.transfer.overdueBody({ transfer }) }
    : { title: t.transfer.writtenOffTitle({ from, to, units: item.units }), body: t.transfer.writtenOffBody({ transfer }) };
}

export function describeAlertItem(item: AlertItem, names: AlertNames, t: AlertTemplates): AlertText {
  return isTransferAlert(item) ? describeTransferAlert(item, names, t) : describeStockAlert(item, names, t);
}

export function describeStockAlert(item: StockAlertItem, names: AlertNames, t: AlertTemplates): AlertText {
  const product = names.productName(item.productId) ?? item.productId;
  const store = names.storeName(item.storeId) ?? item.storeId;
  const qty = quantityText(item.qty, names.unit?.(item.productId));
  const title = fillTemplate(item.level === 'out' ? t.titleOut : t.titleLeft, { product, store, qty });
  const parts: string[] = [];
  if (item.reorderPoint !== null) parts.push(fillTemplate(t.bodyReorder, { n: item.reorderPoint }));
  if (item.criticalPoint !== null) {
    parts.push(fillTemplate(parts.length ? t.bodyCritical : t.bodyCriticalOnly, { n: item.criticalPoint }));
  }
  return { title, body: parts.join(t.bodySeparator) };
}

export function describeAlertSummary(items: readonly AlertItem[], names: AlertNames, t: AlertTemplates): AlertText {
  let out = 0;
  let critical = 0;
  let low = 0;
  let overdue = 0;
  let writtenOff = 0;
  const named: string[] = [];
  for (const item of items) {
    if (item.level === 'out') out++;
    else if (item.level === 'critical') critical++;
    else if (item.level === 'low') low++;
    else if (item.level === 'overdue') overdue++;
    else writtenOff++;
    if (isTransferAlert(item)) {
      const from = names.storeName(item.fromStoreId) ?? item.fromStoreId;
      const to = names.storeName(item.toStoreId) ?? item.toStoreId;
      named.push(t.transfer.route({ from, to }));
    } else {
      named.push(names.productName(item.productId) ?? item.productId);
    }
  }
  const counts: string[] = [];
  if (out) counts.push(fillTemplate(t.summaryOut, { n: out }));
  if (critical) counts.push(fillTemplate(t.summaryCritical, { n: critical }));
  if (low) counts.push(fillTemplate(t.summaryLow, { n: low }));
  if (overdue) counts.push(t.transfer.summaryOverdue({ n: overdue }));
  if (writtenOff) counts.push(t.transfer.summaryWrittenOff({ n: writtenOff }));
  // A product short in two stores (or a route with two alerts) is named once.
  const productNames = [...new Set(named)];
  const shown = productNames.slice(0, SUMMARY_NAMES).join(t.listSeparator);
  const list =
    productNames.length > SUMMARY_NAMES
      ? fillTemplate(t.summaryMore, { list: shown, more: productNames.length - SUMMARY_NAMES })
      : shown;
  return {
    title:
      overdue + writtenOff > 0 ? t.transfer.summaryTitleMixed({ count: items.length }) : fillTemplate(t.summaryTitle, { count: items.length }),
    body: counts.join(t.bodySeparator) + t.summaryNamesSeparator + list,
  };
}

export function describeAlertNotice(notice: AlertNotice, names: AlertNames, t: AlertTemplates): AlertText {
  return notice.kind === 'single'
    ? describeAlertItem(notice.item, names, t)
    : describeAlertSummary(notice.items, names, t);
}
