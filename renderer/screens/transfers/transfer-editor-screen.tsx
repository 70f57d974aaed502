/**
 * A new transfer (owner / manager): from the active store to another, lines by scanning or
 * searching the catalog (the counter's search), or proposed from what is below the reorder
 * point at the destination and can be spared here; quantities editable; saved as a draft.
 * `?edit=<id>` opens a draft again.
 */
import { LIMITS } from '../../../shared/index.js';
import { useMemo, useRef, useState } from 'react';
import { isQtyRows, useStoredState } from '../../ui/stored-state.js';
import { navigate, paths, type RouteProps } from '../../navigation/routes.js';
import type { ProductDoc, TicketLineInput } from '../../data/api.js';
import { useActiveStore, useLevels, useSession, useStockroom, useStoreDirectory } from '../../data/hooks.js';
import { useFormat, useT } from '../../i18n/index.js';
import { commandErrorText } from '../../ui/command-error-text.js';
import { ProductSearch, type ProductSearchHandle } from '../../ui/product-search.js';
import { useToast } from '../../ui/toast.js';
import { Banner, Card, Page } from '../kit/page.js';
import { proposeFill } from './fill-below-reorder.js';
import { transferCode } from './transfer-list.js';

export function TransferEditorScreen({ params }: RouteProps) {
  const t = useT();
  const format = useFormat();
  const toast = useToast();
  const client = useStockroom();
  const stores = useStoreDirectory();
  const session = useSession();
  const [activeStore] = useActiveStore();
  const { levels } = useLevels();
  const editing = params.edit ? client.transfers.get(params.edit) : undefined;
  const from = editing?.fromStoreId ?? activeStore ?? '';
  const others = stores.filter((s) => s.id !== from);
  // What is being written survives a reload; forgotten once saved.
  const stored = `stockroom.transfer-edit.${session.deviceId}.${params.edit ?? 'new'}`;
  const [to, setTo, forgetTo] = useStoredState(`${stored}.to`, () => editing?.toStoreId ?? (others.length === 1 ? others[0]!.id : ''), isString);
  const [note, setNote, forgetNote] = useStoredState(`${stored}.note`, () => editing?.note ?? '', isString);
  const [lines, setLines, forgetLines] = useStoredState<TicketLineInput[]>(
    `${stored}.lines`,
    () => editing?.lines.map((l) => ({ productId: l.productId, qty: l.qty })) ?? [],
    isQtyRows,
  );
  const [texts, setTexts] = useState<Record<string, string>>({});
  const search = useRef<ProductSearchHandle>(null);
  const saving = useRef(false);
  const name = (id: string) => client.catalog.get(id)?.name ?? t('common.unknownProduct');

  // What was typed in a line's field is shown until the line's quantity changes some other way
  // (a scan, fill, removal): then the field shows the quantity that will be saved.
  const forget = (ids: readonly string[]) =>
    setTexts((x) => Object.fromEntries(Object.entries(x).filter(([id]) => !ids.includes(id))));
  const add = (p: ProductDoc, qty = 1) => {
    forget([p.id]);
    setLines((ls) => (ls.some((l) => l.productId === p.id) ? ls.map((l) => (l.productId === p.id ? { ...l, qty: l.qty + qty } : l)) : [...ls, { productId: p.id, qty }]));
  };

  // This device holds the destination's levels only when it works there (a store's stock is pulled by its own devices and the owner's).
  const holdsTo = to !== '' && (session.role === 'owner' || session.storeIds.includes(to));

  function fill() {
    if (!to) return;
    const proposals = proposeFill(
      client.catalog.all().filter((p) => p.active).map((p) => {
        const there = levels.get(to, p.id);
        const here = levels.get(from, p.id);
        return {
          productId: p.id, destLevel: there.level, destReorder: there.reorderPoint, destIncoming: client.transfers.inTransit(to, p.id).incoming,
          sourceLevel: here.level, sourceReorder: here.reorderPoint,
        };
      }),
    ).filter((x) => !lines.some((l) => l.productId === x.productId));
    if (proposals.length === 0) return toast(t('transfers.editor.fillNone', { store: stores.find((s) => s.id === to)?.name ?? '' }), 'error');
    forget(proposals.map((x) => x.productId));
    setLines((ls) => [...ls, ...proposals]);
    toast(t('transfers.editor.filled', { count: proposals.length }), 'ok');
  }

  async function save() {
    if (saving.current) return;
    saving.current = true;
    try {
      const doc = await client.saveTransferDraft({ id: editing?.id, fromStoreId: from, toStoreId: to, note: note.trim() || null, lines });
      forgetTo();
      forgetNote();
      forgetLines();
      toast(t('transfers.editor.saved'), 'ok');
      navigate(paths.transfer(doc.id), { replace: true });
    } catch (err) {
      toast(commandErrorText(t, err, name, format.number), 'error');
    } finally {
      saving.current = false;
    }
  }

  const invalid = lines.some((l) => texts[l.productId] !== undefined && !validQty(texts[l.productId]!));
  const storeName = useMemo(() => (id: string) => stores.find((s) => s.id === id)?.name ?? '', [stores]);
  return (
    <Page
      title={editing ? t('transfers.editor.editTitle', { code: transferCode(editing.id) }) : t('transfers.editor.title')}
      back={{ label: t('transfers.title'), href: paths.transfers() }}
      actions={
        <button className="btn btn--primary" disabled={!to || lines.length === 0 || invalid} onClick={() => void save()} data-testid="save-transfer">
          {t('transfers.editor.save')}
        </button>
      }
    >
      {others.length === 0 ? <Banner tone="warning">{t('transfers.editor.noOtherStore')}</Banner> : null}
      <Card>
        <div className="tr-form">
          <div className="field">
            <span className="field__label">{t('transfers.editor.from')}</span>
            <span className="tr-static" data-testid="transfer-source">{storeName(from)}</span>
          </div>
          <label className="field">
            <span className="field__label">{t('transfers.editor.to')}</span>
            <select className="input" value={to} onChange={(e) => setTo(e.target.value)} disabled={!!editing} data-testid="transfer-destination">
              <option value="">{t('transfers.editor.pickStore')}</option>
              {others.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('transfers.editor.note')}</span>
            <input className="input" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} data-testid="transfer-note" />
          </label>
        </div>
      </Card>
      <div className="row row--wrap" style={{ alignItems: 'flex-start', gap: 'var(--space-3)' }}>
        <div className="grow" style={{ minWidth: '18rem' }}>
          <ProductSearch ref={search} storeId={from} onPick={(p) => add(p)} showPrice={false} limit={8} placeholder={t('transfers.editor.scan')} onMiss={(q) => toast(t('counter.scanUnknown', { code: q }), 'error')} />
        </div>
        <button className="btn" disabled={!to || !holdsTo} title={to && !holdsTo ? t('transfers.editor.fillNeedsLevels') : undefined} onClick={fill} data-testid="fill-below-reorder">{t('transfers.editor.fill')}</button>
      </div>
      <div className="card mg-table-scroll">
        {lines.length === 0 ? (
          <div className="empty">{t('transfers.editor.empty')}</div>
        ) : (
          <table className="mg-table" data-testid="transfer-lines">
            <thead>
              <tr>
                <th>{t('transfers.editor.col.product')}</th>
                <th className="mg-align-end">{t('transfers.editor.col.here')}</th>
                <th className="mg-align-end">{t('transfers.editor.col.there')}</th>
                <th className="mg-align-end">{t('transfers.editor.col.qty')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => {
                const p = client.catalog.get(l.productId);
                const text = texts[l.productId] ?? String(l.qty);
                const valid = validQty(text);
                return (
                  <tr key={l.productId} data-testid="transfer-line" data-product={l.productId}>
                    <th><div className="tr-product"><span>{name(l.productId)}</span><span className="muted mono">{p?.sku}</span></div></th>
                    <td className="tr-num">{format.number(levels.get(from, l.productId).level)}</td>
                    <td className="tr-num">{to && holdsTo ? format.number(levels.get(to, l.productId).level) : '—'}</td>
                    <td className="mg-align-end">
                      <input
                        className={valid ? 'input tr-qty' : 'input tr-qty input--invalid'}
                        inputMode="numeric"
                        value={text}
                        aria-label={t('transfers.editor.qtyLabel', { product: name(l.productId) })}
                        onChange={(e) => {
                          const v = e.target.value.trim();
                          setTexts((x) => ({ ...x, [l.productId]: v }));
                          if (validQty(v)) setLines((ls) => ls.map((x) => (x.productId === l.productId ? { ...x, qty: Number(v) } : x)));
                        }}
                        aria-invalid={!valid}
                        data-testid="transfer-line-qty"
                      />
                      {valid ? null : <div className="hint error" data-testid="transfer-qty-hint">{t('transfers.editor.qtyHint', { max: format.number(LIMITS.quantity) })}</div>}
                    </td>
                    <td className="mg-align-end">
                      <button className="btn btn--ghost btn--sm" onClick={() => {
                        forget([l.productId]);
                        setLines((ls) => ls.filter((x) => x.productId !== l.productId));
                      }}>{t('transfers.editor.remove')}</button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </Page>
  );
}

/** A line's quantity: a whole number from 1 to the ledger's limit (DESIGN §2). */
function validQty(text: string): boolean {
  return /^\d{1,10}$/.test(text) && Number(text) >= 1 && Number(text) <= LIMITS.quantity;
}

const isString = (v: unknown): v is string => typeof v === 'string';
