/**
 * Receive a transfer at its destination, BLIND: first scan or type what arrived, product by
 * product, without seeing what was sent; then the check (on the road / counted / difference)
 * where every shortfall gets a reason — damaged or missing (written off), or still to come
 * (stays on the road for a later receipt) — and an extra is noted, never booked. Confirming
 * books the receipt and its write-offs in one local write (they push together, in order).
 * Extras: appended to the transfer's note (any device of the destination); when that cannot be
 * written (the transfer is not on this device yet), the person is told to tell a manager.
 */
import { inTransit } from '../../../shared/index.js';
import { useMemo, useRef, useState } from 'react';
import { isCountRows, useStoredState } from '../../ui/stored-state.js';
import { navigate, paths, type RouteProps } from '../../navigation/routes.js';
import type { ProductDoc } from '../../data/api.js';
import { useSession, useStockroom, useTransfers } from '../../data/hooks.js';
import { useFormat, useT } from '../../i18n/index.js';
import { useBarcodeScanner } from '../../ui/barcode.js';
import { commandErrorText } from '../../ui/command-error-text.js';
import { ProductSearch } from '../../ui/product-search.js';
import { useToast } from '../../ui/toast.js';
import { Banner, Card, Empty, Page } from '../kit/page.js';
import { extras, reconcileRows, shortfallComplete, toReceipt, type ReconcileRow, type Shortfall } from './reconcile.js';
import { transferCode } from './transfer-list.js';
import { useStoreName } from './transfer-state.js';

type Reason = '' | 'damaged' | 'missing' | 'later' | 'split';
interface Decision extends Shortfall {
  reason: Reason;
}

const isCount = (s: string) => /^\d+$/.test(s.trim());

export function ReceiveTransferScreen({ params }: RouteProps) {
  const t = useT();
  const format = useFormat();
  const toast = useToast();
  const client = useStockroom();
  const session = useSession();
  const { transfers } = useTransfers();
  const storeName = useStoreName();
  const x = transfers.get(params.transferId ?? '');
  const [phase, setPhase] = useState<'count' | 'check' | 'told'>('count');
  // The count survives a reload (a long delivery is not counted twice); forgotten once booked.
  const [counted, setCounted, forgetCount] = useStoredState<Array<{ productId: string; text: string }>>(
    `stockroom.transfer-count.${session.deviceId}.${params.transferId ?? ''}`,
    () => [],
    isCountRows,
  );
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const [told, setTold] = useState('');
  const [blind, setBlind] = useState(true);
  const saving = useRef(false);
  const name = (pid: string) => client.catalog.get(pid)?.name ?? t('common.unknownProduct');

  const add = (p: ProductDoc) =>
    setCounted((c) => (c.some((l) => l.productId === p.id) ? c.map((l) => (l.productId === p.id && isCount(l.text) ? { ...l, text: String(Number(l.text) + 1) } : l)) : [...c, { productId: p.id, text: '1' }]));
  useBarcodeScanner((code) => {
    const p = client.catalog.byBarcode(code) ?? client.catalog.bySku(code);
    if (p) add(p);
    else toast(t('counter.scanUnknown', { code }), 'error');
  }, phase === 'count');

  const countMap = useMemo(() => new Map(counted.filter((l) => isCount(l.text)).map((l) => [l.productId, Number(l.text)])), [counted]);
  const rows = useMemo(() => (x ? reconcileRows(x, countMap) : []), [x, countMap]);
  const back = { label: t('transfers.title'), href: x ? paths.transfer(x.id) : paths.transfers() };
  if (!x) return <Page title={t('transfers.title')} back={back}><Empty>{t('transfers.detail.notFound')}</Empty></Page>;
  const onRoad = x.lines.some((l) => inTransit(l) > 0);
  const countsValid = counted.every((l) => isCount(l.text));
  const transitOf = (productId: string) => {
    const l = x.lines.find((y) => y.productId === productId);
    return l ? inTransit(l) : 0;
  };

  const decision = (r: ReconcileRow): Decision => decisions[r.productId] ?? { reason: '', damaged: 0, missing: 0, later: 0 };
  const shortfallOf = (r: ReconcileRow): Shortfall | undefined => {
    const d = decision(r);
    const short = -r.diff;
    switch (d.reason) {
      case '': return undefined;
      case 'damaged': return { damaged: short, missing: 0, later: 0 };
      case 'missing': return { damaged: 0, missing: short, later: 0 };
      case 'later': return { damaged: 0, missing: 0, later: short };
      case 'split': return d;
    }
  };
  const decided = rows.every((r) => shortfallComplete(r, shortfallOf(r)));
  const extraItems = extras(rows).map((e) => `${format.number(e.qty)} × ${name(e.productId)}`).join(', ');

  async function confirm() {
    if (!decided || saving.current) return;
    saving.current = true;
    const shortfalls = new Map(rows.flatMap((r) => {
      const s = shortfallOf(r);
      return s ? [[r.productId, s] as const] : [];
    }));
    const note = extraItems ? t('transfers.receive.extraNote', { person: client.getTillUser()?.name ?? session.deviceName, time: format.dateTime(Date.now()), items: extraItems }) : null;
    try {
      const input = toReceipt(rows.filter((r) => r.onTransfer), shortfalls, note);
      const r = await client.receiveTransfer(x!.id, { ...input, counted: [...input.counted, ...rows.filter((row) => !row.onTransfer).map((row) => ({ productId: row.productId, qty: row.counted }))] });
      forgetCount();
      const writtenOff = input.writeOffs.reduce((a, w) => a + w.qty, 0);
      const inGoodOrder = rows.filter((row) => row.onTransfer).reduce((a, row) => a + Math.min(row.counted, row.transit), 0);
      toast(t('transfers.receive.done', { received: inGoodOrder, writtenOff }), 'ok');
      if (r.extras.length > 0 && !r.extrasNoted) {
        setTold(t('transfers.receive.tellManager', { items: extraItems }));
        setPhase('told');
      } else {
        if (r.extrasNoted) toast(t('transfers.receive.extraNoted'), 'info');
        navigate(paths.transfer(x!.id), { replace: true });
      }
    } catch (err) {
      toast(commandErrorText(t, err, name, format.number), 'error');
    } finally {
      saving.current = false;
    }
  }

  const setDecision = (productId: string, patch: Partial<Decision>) =>
    setDecisions((d) => ({ ...d, [productId]: { ...(d[productId] ?? { reason: '', damaged: 0, missing: 0, later: 0 }), ...patch } }));

  return (
    <Page title={t('transfers.receive.title', { code: transferCode(x.id) })} subtitle={`${storeName(x.fromStoreId)} → ${storeName(x.toStoreId)}`} back={back}>
      {phase === 'told' ? (
        <>
          <Banner tone="warning"><span data-testid="tell-manager">{told}</span></Banner>
          <div><a className="btn" href={`#${paths.transfer(x.id)}`}>{t('transfers.number', { code: transferCode(x.id) })}</a></div>
        </>
      ) : !onRoad ? (
        <Empty>{t('transfers.receive.nothingInTransit')}</Empty>
      ) : phase === 'count' ? (
        <Card>
          <p className="mg-card__intro">{t('transfers.receive.blindIntro')}</p>
          <label className="check" style={{ marginBottom: 'var(--space-2)' }}>
            <input
              type="checkbox"
              checked={!blind}
              onChange={(e) => {
                setBlind(!e.target.checked);
                // Not blind: every line on the road is listed, to be typed in.
                if (e.target.checked) setCounted((c) => [...c, ...x.lines.filter((l) => inTransit(l) > 0 && !c.some((y) => y.productId === l.productId)).map((l) => ({ productId: l.productId, text: '0' }))]);
              }}
              data-testid="receive-not-blind"
            />
            <span>{t('transfers.receive.blindToggle')}</span>
          </label>
          <ProductSearch storeId={x.toStoreId} onPick={add} showPrice={false} limit={8} placeholder={t('transfers.editor.scan')} onMiss={(q) => toast(t('counter.scanUnknown', { code: q }), 'error')} />
          {counted.length > 0 ? (
            <table className="mg-table" data-testid="receive-counted" style={{ marginTop: 'var(--space-3)' }}>
              <thead>
                <tr>
                  <th>{t('transfers.editor.col.product')}</th>
                  {!blind ? <th className="mg-align-end">{t('transfers.receive.col.sent')}</th> : null}
                  <th className="mg-align-end">{t('transfers.receive.col.counted')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {counted.map((l) => (
                  <tr key={l.productId} data-testid="receive-line" data-product={l.productId}>
                    <th>{name(l.productId)}</th>
                    {!blind ? <td className="tr-num">{format.number(transitOf(l.productId))}</td> : null}
                    <td className="mg-align-end">
                      <input
                        className={isCount(l.text) ? 'input tr-qty' : 'input tr-qty input--invalid'}
                        inputMode="numeric"
                        value={l.text}
                        aria-label={t('transfers.editor.qtyLabel', { product: name(l.productId) })}
                        onChange={(e) => setCounted((c) => c.map((y) => (y.productId === l.productId ? { ...y, text: e.target.value } : y)))}
                        data-testid="receive-qty"
                      />
                    </td>
                    <td className="mg-align-end">
                      <button className="btn btn--ghost btn--sm" onClick={() => setCounted((c) => c.filter((y) => y.productId !== l.productId))}>{t('transfers.editor.remove')}</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <div className="row" style={{ justifyContent: 'flex-end', marginTop: 'var(--space-3)' }}>
            <button className="btn btn--primary btn--lg" disabled={!countsValid} onClick={() => setPhase('check')} data-testid="receive-next">{t('transfers.receive.next')}</button>
          </div>
        </Card>
      ) : (
        <Card title={t('transfers.receive.reconcile')}>
          <p className="mg-card__intro">{t('transfers.receive.reconcileIntro')}</p>
          <div className="mg-table-scroll">
            <table className="mg-table" data-testid="reconcile">
              <thead>
                <tr>
                  <th>{t('transfers.editor.col.product')}</th>
                  <th className="mg-align-end">{t('transfers.receive.col.sent')}</th>
                  <th className="mg-align-end">{t('transfers.receive.col.counted')}</th>
                  <th className="mg-align-end">{t('transfers.receive.col.diff')}</th>
                  <th>{t('transfers.receive.col.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const d = decision(r);
                  const cls = r.diff < 0 ? 'tr-diff--short' : r.diff > 0 ? 'tr-diff--extra' : 'tr-diff--ok';
                  return (
                    <tr key={r.productId} data-testid="reconcile-row" data-product={r.productId} data-diff={r.diff}>
                      <th><div className="tr-product">
                        <span>{name(r.productId)}</span>
                        {!r.onTransfer ? <span className="muted">{t('transfers.receive.notOnTransfer')}</span> : null}
                      </div></th>
                      <td className="tr-num">{format.number(r.transit)}</td>
                      <td className="tr-num">{format.number(r.counted)}</td>
                      <td className={`tr-num ${cls}`}>{r.diff === 0 ? '0' : format.delta(r.diff)}</td>
                      <td className="tr-reason">
                        {r.diff === 0 ? (
                          <span className="tr-diff--ok">{t('transfers.receive.ok')}</span>
                        ) : r.diff > 0 ? (
                          <span className="tr-diff--extra">{t('transfers.receive.reason.extra')}</span>
                        ) : (
                          <div className="stack" style={{ gap: 'var(--space-2)' }}>
                            <select className="input" value={d.reason} onChange={(e) => setDecision(r.productId, { reason: e.target.value as Reason })} aria-label={t('transfers.receive.col.reason')} data-testid="reconcile-reason">
                              <option value="">{t('transfers.receive.reason.choose')}</option>
                              <option value="damaged">{t('transfers.receive.reason.damaged')}</option>
                              <option value="missing">{t('transfers.receive.reason.missing')}</option>
                              <option value="later">{t('transfers.receive.reason.later')}</option>
                              <option value="split">{t('transfers.receive.split')}</option>
                            </select>
                            {d.reason === 'split' ? (
                              <div className="tr-split">
                                {(['damaged', 'missing', 'later'] as const).map((k) => (
                                  <label className="field" key={k}>
                                    <span className="field__label">{t(`transfers.receive.${k}Qty`)}</span>
                                    <input
                                      className="input"
                                      inputMode="numeric"
                                      defaultValue={String(d[k])}
                                      onChange={(e) => setDecision(r.productId, { [k]: isCount(e.target.value) ? Number(e.target.value) : -1 })}
                                      data-testid={`reconcile-${k}`}
                                    />
                                  </label>
                                ))}
                              </div>
                            ) : null}
                          </div>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="row" style={{ justifyContent: 'space-between', marginTop: 'var(--space-3)' }}>
            <button className="btn" onClick={() => setPhase('count')} data-testid="receive-back">{t('transfers.receive.back')}</button>
            <button className="btn btn--primary btn--lg" disabled={!decided} onClick={() => void confirm()} data-testid="confirm-receipt">{t('transfers.receive.confirm')}</button>
          </div>
        </Card>
      )}
    </Page>
  );
}
