/**
 * Dispatch at the source (any role of the source's devices): per line what is packed, by
 * default what is still to send, may be less (never more); recorded as one `transfer_out` per
 * line. Works offline: the transfer shows as sent at once and the server decides on sync (a
 * dispatch short of stock comes back rejected, to the exceptions list, like a sale).
 */
import { useRef } from 'react';
import { isTextMap, useStoredState } from '../../ui/stored-state.js';
import { navigate, paths, type RouteProps } from '../../navigation/routes.js';
import { useLevels, useSession, useStockroom, useTransfers } from '../../data/hooks.js';
import { useFormat, useT } from '../../i18n/index.js';
import { commandErrorText } from '../../ui/command-error-text.js';
import { useToast } from '../../ui/toast.js';
import { Card, Empty, Page } from '../kit/page.js';
import { transferCode } from './transfer-list.js';
import { useStoreName } from './transfer-state.js';

export function DispatchScreen({ params }: RouteProps) {
  const t = useT();
  const format = useFormat();
  const toast = useToast();
  const client = useStockroom();
  const { levels } = useLevels();
  const { transfers } = useTransfers();
  const storeName = useStoreName();
  const x = transfers.get(params.transferId ?? '');
  // What was typed survives a trip to the packing slip and a reload; forgotten once recorded.
  const [texts, setTexts, forgetTexts] = useStoredState<Record<string, string>>(
    `stockroom.transfer-pack.${useSession().deviceId}.${params.transferId ?? ''}`,
    () => ({}),
    isTextMap,
  );
  const saving = useRef(false);
  const back = { label: t('transfers.title'), href: x ? paths.transfer(x.id) : paths.transfers() };
  if (!x) return <Page title={t('transfers.title')} back={back}><Empty>{t('transfers.detail.notFound')}</Empty></Page>;

  const name = (pid: string) => client.catalog.get(pid)?.name ?? t('common.unknownProduct');
  const open = x.lines.filter((l) => l.qty > l.sent);
  const packed = (productId: string, left: number) => texts[productId] ?? String(left);
  const parsed = open.map((l) => {
    const text = packed(l.productId, l.qty - l.sent).trim();
    const qty = /^\d+$/.test(text) ? Number(text) : NaN;
    return { productId: l.productId, qty, valid: Number.isInteger(qty) && qty >= 0 && qty <= l.qty - l.sent };
  });
  const units = parsed.reduce((a, p) => a + (p.valid ? p.qty : 0), 0);
  const ok = parsed.every((p) => p.valid) && units > 0;

  async function record() {
    if (!ok || saving.current) return;
    saving.current = true;
    try {
      await client.dispatchTransfer(x!.id, parsed.filter((p) => p.qty > 0).map((p) => ({ productId: p.productId, qty: p.qty })));
      forgetTexts();
      toast(t('transfers.dispatch.done', { units }), 'ok');
      navigate(paths.transfer(x!.id), { replace: true });
    } catch (err) {
      toast(commandErrorText(t, err, name, format.number), 'error');
    } finally {
      saving.current = false;
    }
  }

  return (
    <Page
      title={t('transfers.dispatch.title', { code: transferCode(x.id) })}
      subtitle={`${storeName(x.fromStoreId)} → ${storeName(x.toStoreId)}`}
      back={back}
      actions={<a className="btn" href={`#${paths.packingSlip(x.id)}`}>{t('transfers.action.slip')}</a>}
    >
      {open.length === 0 ? (
        <Empty>{t('transfers.dispatch.nothing')}</Empty>
      ) : (
        <Card>
          <p className="mg-card__intro">{t('transfers.dispatch.intro')}</p>
          <div className="mg-table-scroll">
            <table className="mg-table" data-testid="dispatch-lines">
              <thead>
                <tr>
                  <th>{t('transfers.editor.col.product')}</th>
                  <th className="mg-align-end">{t('transfers.dispatch.col.requested')}</th>
                  <th className="mg-align-end">{t('transfers.dispatch.col.left')}</th>
                  <th className="mg-align-end">{t('transfers.dispatch.col.packed')}</th>
                </tr>
              </thead>
              <tbody>
                {open.map((l, i) => {
                  const p = parsed[i]!;
                  return (
                    <tr key={l.productId} data-testid="dispatch-line" data-product={l.productId}>
                      <th><div className="tr-product">
                        <span>{name(l.productId)}</span>
                        <span className="muted">{t('transfers.dispatch.level', { level: format.number(levels.get(x.fromStoreId, l.productId).level) })}</span>
                      </div></th>
                      <td className="tr-num">{format.number(l.qty)}</td>
                      <td className="tr-num">{format.number(l.qty - l.sent)}</td>
                      <td className="mg-align-end">
                        <input
                          className={p.valid ? 'input tr-qty' : 'input tr-qty input--invalid'}
                          inputMode="numeric"
                          autoFocus={i === 0}
                          value={packed(l.productId, l.qty - l.sent)}
                          aria-label={t('transfers.editor.qtyLabel', { product: name(l.productId) })}
                          aria-invalid={!p.valid}
                          onChange={(e) => setTexts((s) => ({ ...s, [l.productId]: e.target.value }))}
                          onKeyDown={(e) => {
                            if (e.key === 'Enter') void record();
                          }}
                          data-testid="dispatch-qty"
                        />
                        {p.valid ? null : <div className="hint error" data-testid="dispatch-qty-hint">{t('transfers.dispatch.qtyHint', { left: format.number(l.qty - l.sent) })}</div>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="row" style={{ justifyContent: 'flex-end', marginTop: 'var(--space-3)' }}>
            <button className="btn btn--primary btn--lg" disabled={!ok} onClick={() => void record()} data-testid="record-dispatch">
              {t('transfers.dispatch.record')}
            </button>
          </div>
        </Card>
      )}
    </Page>
  );
}
