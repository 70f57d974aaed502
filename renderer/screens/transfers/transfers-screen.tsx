/**
 * The transfers of the active store (DESIGN §2 `transfers`): tabs Incoming, Outgoing, In
 * transit, Overdue, Closed; each row names the other store, lines and units, the state and
 * the age ("sent 2 days ago"). Projected: a dispatch or receipt recorded offline shows at once.
 */
import { useMemo, useState } from 'react';
import { navigate, paths, type RouteProps } from '../../navigation/routes.js';
import { useActiveStore, useStoreDirectory, useStores, useTransfers } from '../../data/hooks.js';
import { useFormat, useT, type MessageKey } from '../../i18n/index.js';
import { Empty, Page } from '../kit/page.js';
import { useCanEditCatalog, useWritesStore } from '../kit/roles.js';
import { useBarcodeScanner } from '../../ui/barcode.js';
import { TRANSFER_TABS, inTab, isTransferTab, summarize, tabCounts, transferCode, type TransferTab } from './transfer-list.js';
import { TransferStatePill, useStoreName } from './transfer-state.js';

export function TransfersScreen({ params }: RouteProps) {
  const t = useT();
  const format = useFormat();
  const [storeId] = useActiveStore();
  const stores = useStores();
  const directory = useStoreDirectory();
  const { transfers, version } = useTransfers();
  const storeName = useStoreName();
  const mayCreate = useCanEditCatalog();
  const [tab, setTab] = useState<TransferTab>(isTransferTab(params.tab) ? params.tab : 'incoming');
  const now = Date.now();
  const days = transfers.overdueDays();
  const all = useMemo(() => transfers.all(), [transfers, version]);
  const counts = useMemo(() => (storeId ? tabCounts(all, storeId, days, now) : null), [all, storeId, days, Math.floor(now / 60_000)]);
  const rows = storeId ? all.filter((x) => inTab(x, tab, storeId, days, now)) : [];
  // Closed ones by when they closed, most recent first (the rest: newest first, as listed).
  if (tab === 'closed') rows.sort((a, b) => (b.closedAt ?? 0) - (a.closedAt ?? 0));
  const store = stores.find((s) => s.id === storeId);
  const writes = useWritesStore();
  // The packing slip's barcode is the transfer's id: scanned here, it opens the receipt (or the transfer).
  useBarcodeScanner((code) => {
    const found = transfers.get(code.trim());
    if (!found) return;
    const receivable = (found.state === 'sent' || found.state === 'partial') && writes(found.toStoreId);
    navigate(receivable ? paths.receiveTransfer(found.id) : paths.transfer(found.id));
  });

  return (
    <Page
      title={t('transfers.title')}
      subtitle={store ? t('transfers.subtitle', { store: store.name }) : undefined}
      actions={mayCreate && directory.length > 1 ? <a className="btn btn--primary" href={`#${paths.newTransfer()}`} data-testid="new-transfer">{t('transfers.new')}</a> : null}
    >
      <div className="mg-segmented tr-tabs" role="radiogroup" aria-label={t('transfers.title')}>
        {TRANSFER_TABS.map((x) => {
          const key: MessageKey = `transfers.tab.${x}`;
          return (
            <button key={x} type="button" role="radio" aria-checked={tab === x} className="mg-segmented__item" onClick={() => setTab(x)} data-testid={`transfers-tab-${x}`}>
              {t(key)} <span className="mg-count">{format.number(counts?.[x] ?? 0)}</span>
            </button>
          );
        })}
      </div>
      {rows.length === 0 ? (
        <Empty>{t('transfers.none')}</Empty>
      ) : (
        <div className="card mg-table-scroll">
          <table className="mg-table" data-testid="transfers-list">
            <thead>
              <tr>
                <th>{t('transfers.col.direction')}</th>
                <th>{t('transfers.col.lines')}</th>
                <th>{t('transfers.col.state')}</th>
                <th>{t('transfers.col.age')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((x) => {
                const s = summarize(x, storeId!, days, now);
                const ageKey: MessageKey = `transfers.${s.age.kind}Ago`;
                return (
                  <tr key={x.id} className="tr-row" onClick={() => navigate(paths.transfer(x.id))} data-testid="transfer-row" data-transfer={x.id}>
                    <th>
                      <a className="mg-link" href={`#${paths.transfer(x.id)}`} onClick={(e) => e.stopPropagation()}>
                        {s.direction === 'in' ? t('transfers.from', { store: storeName(s.otherStoreId) }) : t('transfers.to', { store: storeName(s.otherStoreId) })}
                      </a>
                      <div className="muted mono">{transferCode(x.id)}</div>
                    </th>
                    <td>
                      {t('transfers.linesUnits', { lines: s.lines, units: s.units })}
                      {s.transit > 0 ? <div className="muted">{t(s.direction === 'in' ? 'transfers.transit.inShort' : 'transfers.transit.outShort', { n: format.number(s.transit) })}</div> : null}
                      {s.writtenOff > 0 ? <div className="tr-transit--overdue" data-testid="transfer-row-written-off">{t('transfers.writtenOffShort', { n: format.number(s.writtenOff) })}</div> : null}
                    </td>
                    <td><TransferStatePill state={x.state} overdue={s.overdue} /></td>
                    <td className="muted" title={format.dateTime(s.age.at)}>{t(ageKey, { age: format.age(now - s.age.at) })}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
