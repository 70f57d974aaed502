/**
 * Stock list of the active store: every product with its projected level
 * (DESIGN §5) and state (§7), sortable and filterable, virtualized so 50 000
 * products scroll smoothly. Offline, quantities carry their age.
 */
import { useDeferredValue, useMemo, useState, useSyncExternalStore } from 'react';
import type { RouteProps } from '../../navigation/routes.js';
import { navigate, paths } from '../../navigation/routes.js';
import { useActiveStore, useLevels, useStockroom, useStores } from '../../data/hooks.js';
import { useFormat, useT, type MessageKey } from '../../i18n/index.js';
import { AsOf, useOfflineSince } from '../kit/as-of.js';
import { Banner, Empty, Page } from '../kit/page.js';
import { StatePill } from '../kit/state-pill.js';
import { TransitText } from '../kit/transit.js';
import { useThrottled } from '../kit/use-throttled.js';
import { VirtualTable, type Column } from '../kit/virtual-table.js';
import {
  buildStockRows,
  countByState,
  filterStockRows,
  sortStockRows,
  type SortDir,
  type StockFilter,
  type StockSortKey,
} from './stock-table.js';

const FILTERS: StockFilter[] = ['all', 'low', 'critical', 'out'];

export function StockScreen(_props: RouteProps) {
  const t = useT();
  const format = useFormat();
  const client = useStockroom();
  const [storeId] = useActiveStore();
  const stores = useStores();
  const store = stores.find((s) => s.id === storeId);
  const { levels, version } = useLevels();
  const levelsVersion = useThrottled(version, 400);
  const catalogVersion = useThrottled(
    useSyncExternalStore(client.catalog.subscribe, client.catalog.version, client.catalog.version),
    400,
  );
  const { offline, since } = useOfflineSince();

  const [filter, setFilter] = useState<StockFilter>('all');
  const [text, setText] = useState('');
  const deferredText = useDeferredValue(text);
  const [sort, setSort] = useState<{ key: StockSortKey; dir: SortDir }>({ key: 'name', dir: 'asc' });

  const allRows = useMemo(
    () => (storeId ? buildStockRows(client.catalog.all(), (id) => levels.get(storeId, id)) : []),
    [client, storeId, levels, levelsVersion, catalogVersion],
  );
  const counts = useMemo(() => countByState(allRows), [allRows]);
  const rows = useMemo(
    () => sortStockRows(filterStockRows(allRows, filter, deferredText), sort.key, sort.dir),
    [allRows, filter, deferredText, sort],
  );

  if (!storeId) {
    return (
      <Page title={t('stock.titleNoStore')}>
        <Empty>{t('stock.noStore')}</Empty>
      </Page>
    );
  }

  const sortable = (key: StockSortKey, label: string, align?: Column['align']): Column => ({
    id: key,
    header: label,
    align,
    sort: sort.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none',
    sortLabel: t('stock.sortBy', { column: label }),
    onSort: () =>
      setSort((s) =>
        // Level and state start with the worst first: that is what one looks for.
        s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'state' ? 'desc' : 'asc' },
      ),
  });
  const columns: Column[] = [
    sortable('name', t('stock.col.name')),
    sortable('sku', t('stock.col.sku')),
    sortable('level', t('stock.col.level'), 'end'),
    { id: 'transit', header: t('transfers.tab.transit'), align: 'end' },
    { id: 'points', header: t('stock.col.points'), align: 'end' },
    sortable('state', t('stock.col.state'), 'center'),
  ];

  return (
    <Page
      wide
      title={t('stock.title', { store: store?.name ?? '…' })}
      subtitle={t('stock.showing', { shown: format.number(rows.length), total: format.number(allRows.length) })}
    >
      {offline ? (
        <Banner tone="warning">
          {since !== null ? t('stock.offline', { time: format.asOf(since) }) : t('stock.offlineNever')}
        </Banner>
      ) : null}
      <div className="mg-toolbar">
        <div className="mg-segmented" role="radiogroup" aria-label={t('stock.col.state')}>
          {FILTERS.map((f) => {
            const key: MessageKey = `stock.filter.${f}`;
            return (
              <button
                key={f}
                type="button"
                role="radio"
                aria-checked={filter === f}
                className={`mg-segmented__item mg-segmented__item--${f}`}
                onClick={() => setFilter(f)}
              >
                {t(key)} <span className="mg-count">{format.number(counts[f])}</span>
              </button>
            );
          })}
        </div>
        <input
          className="input mg-search"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('stock.searchPlaceholder')}
          aria-label={t('stock.searchPlaceholder')}
        />
      </div>
      <VirtualTable
        label={t('stock.title', { store: store?.name ?? '' })}
        columns={columns}
        template="minmax(10rem, 3fr) minmax(6rem, 1fr) minmax(6.5rem, 1fr) minmax(7rem, 1fr) minmax(9.5rem, 1fr) 6.5rem"
        count={rows.length}
        rowHeight={52}
        rowKey={(i) => rows[i]!.product.id}
        onRowClick={(i) => navigate(paths.product(rows[i]!.product.id))}
        rowClassName={(i) => `mg-row--${rows[i]!.state}`}
        empty={t('stock.none')}
        renderRow={(i) => {
          const r = rows[i]!;
          const p = r.product;
          return [
            <div className="mg-cell-main" key="n">
              <a className="mg-link" href={`#${paths.product(p.id)}`} title={p.name} onClick={(e) => e.stopPropagation()}>
                {p.name}
              </a>
              {p.category ? <span className="muted">{p.category}</span> : null}
            </div>,
            <span className="mono mg-ellipsis" key="s" title={p.sku}>{p.sku}</span>,
            <div className="mg-cell-level" key="l">
              <span className={`mg-level mg-level--${r.state}`}>
                {format.number(r.level.level)} <span className="mg-unit">{p.unit}</span>
              </span>
              {r.level.unappliedDelta !== 0 ? (
                <span className="muted">{t('stock.pending', { delta: format.delta(r.level.unappliedDelta) })}</span>
              ) : (
                <AsOf />
              )}
            </div>,
            <TransitText storeId={storeId} productId={p.id} key="tr" />,
            <span className="muted" key="p">
              {r.level.reorderPoint === null ? '—' : format.number(r.level.reorderPoint)} /{' '}
              {r.level.criticalPoint === null ? '—' : format.number(r.level.criticalPoint)}
            </span>,
            <StatePill state={r.state} key="st" />,
          ];
        }}
      />
    </Page>
  );
}
