/**
 * The packing slip of a transfer, to print (window.print; the print stylesheet keeps only the
 * sheet): both languages on every label, the transfer's barcode (Code128 of its id, which the
 * destination scans to open the receipt), its lines with what is packed.
 */
import { paths, type RouteProps } from '../../navigation/routes.js';
import { useStockroom, useTransfers } from '../../data/hooks.js';
import { LOCALES, translate, useFormat, useLocale, useT, type MessageKey } from '../../i18n/index.js';
import { Empty, Page } from '../kit/page.js';
import { Code128 } from './code128.js';
import { transferCode } from './transfer-list.js';
import { useStoreName } from './transfer-state.js';

/** One label in every language, the person's first. */
function Bi({ k }: { k: MessageKey }) {
  const [locale] = useLocale();
  const order = [locale, ...LOCALES.filter((l) => l !== locale)];
  return <span className="tr-bi">{order.map((l) => <span key={l} lang={l}>{translate(l, k)}</span>)}</span>;
}

export function PackingSlipScreen({ params }: RouteProps) {
  const t = useT();
  const format = useFormat();
  const client = useStockroom();
  const { transfers } = useTransfers();
  const storeName = useStoreName();
  const x = transfers.get(params.transferId ?? '');
  const back = { label: t('transfers.title'), href: x ? paths.transfer(x.id) : paths.transfers() };
  if (!x) return <Page title={t('transfers.slip.title')} back={back}><Empty>{t('transfers.detail.notFound')}</Empty></Page>;
  // Before dispatch the slip lists what is asked for; after, what left (sent) and is still on the road.
  const qtyOf = (l: (typeof x.lines)[number]) => (x.state === 'draft' ? l.qty : l.sent);

  return (
    <Page title={t('transfers.slip.title')} back={back} actions={<button className="btn btn--primary tr-noprint" onClick={() => window.print()} data-testid="print-slip">{t('transfers.slip.print')}</button>}>
      <article className="tr-slip" data-testid="packing-slip-sheet">
        <div className="tr-slip__head">
          <div>
            <h2 className="tr-slip__title"><Bi k="transfers.slip.title" /></h2>
            <div className="mono" style={{ fontSize: 'var(--text-lg)', fontWeight: 700 }}>{transferCode(x.id)}</div>
          </div>
          <div className="tr-slip__barcode"><Code128 value={x.id} label={transferCode(x.id)} /></div>
        </div>
        <dl className="tr-slip__meta">
          <dt><Bi k="transfers.slip.from" /></dt><dd>{storeName(x.fromStoreId)}</dd>
          <dt><Bi k="transfers.slip.to" /></dt><dd>{storeName(x.toStoreId)}</dd>
          {/* Not dispatched yet (a slip printed to pack by): the day it was printed, not a dispatch date. */}
          <dt><Bi k={x.sentAt === null ? 'transfers.slip.printed' : 'transfers.slip.date'} /></dt><dd>{format.dateTime(x.sentAt ?? Date.now())}</dd>
          {x.note ? <><dt><Bi k="transfers.detail.note" /></dt><dd style={{ whiteSpace: 'pre-wrap' }}>{x.note}</dd></> : null}
        </dl>
        <table>
          <thead>
            <tr>
              <th><Bi k="transfers.slip.product" /></th>
              <th><Bi k="transfers.slip.sku" /></th>
              <th style={{ textAlign: 'right' }}><Bi k="transfers.slip.qty" /></th>
              <th><Bi k="transfers.slip.checked" /></th>
            </tr>
          </thead>
          <tbody>
            {x.lines.map((l) => {
              const p = client.catalog.get(l.productId);
              return (
                <tr key={l.productId} data-testid="slip-line">
                  <td>{p?.name ?? t('common.unknownProduct')}</td>
                  <td className="mono">{p?.sku ?? ''}</td>
                  <td style={{ textAlign: 'right', whiteSpace: 'nowrap' }} className="num">{format.number(qtyOf(l))} {p?.unit ?? ''}</td>
                  <td style={{ width: '6rem' }} />
                </tr>
              );
            })}
          </tbody>
        </table>
        <div className="tr-slip__sign">
          <div><Bi k="transfers.slip.signature" /></div>
        </div>
        <p style={{ fontSize: 'var(--text-sm)' }}><Bi k="transfers.slip.scanHint" /></p>
      </article>
    </Page>
  );
}
