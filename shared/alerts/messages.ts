import type { AlertItem, AlertNotice } from './types.js';

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
};

/** Names for ids; unknown ids fall back to the id itself so a text is never empty. */
export interface AlertNames {
  productName(productId: string): string | undefined;
  storeName(storeId: string): string | undefined;
  /** Base unit ("pcs", "g", "ml"); pieces are not spelled out. */
  unit?(productId: string): string | undefined;
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

export function describeAlertItem(item: AlertItem, names: AlertNames, t: AlertTemplates): AlertText {
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
  for (const item of items) {
    if (item.level === 'out') out++;
    else if (item.level === 'critical') critical++;
    else low++;
  }
  const counts: string[] = [];
  if (out) counts.push(fillTemplate(t.summaryOut, { n: out }));
  if (critical) counts.push(fillTemplate(t.summaryCritical, { n: critical }));
  if (low) counts.push(fillTemplate(t.summaryLow, { n: low }));
  // A product short in two stores is named once.
  const productNames = [...new Set(items.map((i) => names.productName(i.productId) ?? i.productId))];
  const shown = productNames.slice(0, SUMMARY_NAMES).join(t.listSeparator);
  const list =
    productNames.length > SUMMARY_NAMES
      ? fillTemplate(t.summaryMore, { list: shown, more: productNames.length - SUMMARY_NAMES })
      : shown;
  return {
    title: fillTemplate(t.summaryTitle, { count: items.length }),
    body: counts.join(t.bodySeparator) + t.summaryNamesSeparator + list,
  };
}

export function describeAlertNotice(notice: AlertNotice, names: AlertNames, t: AlertTemplates): AlertText {
  return notice.kind === 'single'
    ? describeAlertItem(notice.item, names, t)
    : describeAlertSummary(notice.items, names, t);
}
