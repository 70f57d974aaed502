/**
 * The catalog: every product with search, active filter, the level in the
 * active store, and entry points to create, import and export (owner /
 * manager; staff read only).
 */
import { useDeferredValue, useMemo, useState } from 'react';
import { navigate, paths, type RouteProps } from '../../navigation/routes.js';
import { useActiveStore, useLevels, useStockroom, useStores } from '../../data/hooks.js';
import { useFormat, useT } from '../../i18n/index.js';
import { AsOf } from '../kit/as-of.js';
import { datedFilename, downloadText } from '../kit/download.js';
import { Banner, Page } from '../kit/page.js';
import { useCanEditCatalog } from '../kit/roles.js';
import { useThrottled } from '../kit/use-throttled.js';
import { VirtualTable, type Column } from '../kit/virtual-table.js';
import { exportCatalogCsv } from './csv-export.js';
import { currencyFractionDigits } from './money.js';
import { useCatalogVersion } from './use-catalog.js';

type ActiveFilter = 'active' | 'inactive' | 'all';

export function ProductsScreen(_props: RouteProps) {
  const t = useT();
  const format = useFormat();
  const client = useStockroom();
  const canEdit = useCanEditCatalog();
  const [storeId] = useActiveStore();
  const stores = useStores();
  const { levels, version: levelsVersion } = useLevels();
  const catalogVersion = useThrottled(useCatalogVersion(), 400);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [active, setActive] = useState<ActiveFilter>('active');
  const [notice, setNotice] = useState<string | null>(null);

  const products = useMemo(() => {
    const q = deferredQuery.trim();
    const base = q ? client.catalog.search(q, 2000) : client.catalog.all();
    return active === 'all' ? [...base] : base.filter((p) => p.active === (active === 'active'));
  }, [client, deferredQuery, active, catalogVersion]);

  const exportCsv = () => {
    const all = client.catalog.all();
    const csv = exportCatalogCsv(
      all,
      (id) => {
        if (!storeId) return null;
        const l = levels.get(storeId, id);
        return { level: l.level, reorderPoint: l.reorderPoint, criticalPoint: l.criticalPoint };
      },
      currencyFractionDigits(format.currency),
    );
    const storeName = stores.find((s) => s.id === storeId)?.name ?? '';
    downloadText(datedFilename(`catalog${storeName ? `-${storeName.replace(/[^\p{L}\p{N}]+/gu, '-')}` : ''}`, 'csv'), csv);
    setNotice(t('catalog.exported', { count: all.length, store: storeName || '—' }));
  };

  const columns: Column[] = [
    { id: 'sku', header: t('catalog.col.sku') },
    { id: 'name', header: t('catalog.col.name') },
    { id: 'category', header: t('catalog.col.category') },
    { id: 'price', header: t('catalog.col.price'), align: 'end' },
    ...(canEdit ? [{ id: 'cost', header: t('catalog.col.cost'), align: 'end' } satisfies Column] : []),
    { id: 'level', header: t('catalog.col.level'), align: 'end' },
  ];
  const template = canEdit
    ? 'minmax(7rem,1fr) minmax(12rem,3fr) minmax(7rem,1.2fr) 7rem 7rem 8rem'
    : 'minmax(7rem,1fr) minmax(12rem,3fr) minmax(7rem,1.2fr) 7rem 8rem';
  void levelsVersion; // levels are read inside renderRow; the version makes this re-render.

  return (
    <Page
      wide
      title={t('catalog.title')}
      subtitle={t('catalog.count', { count: client.catalog.size() })}
      actions={
        <>
          {canEdit ? (
            <>
              <a className="btn btn--primary" href={`#${paths.newProduct()}`}>
                + {t('catalog.new')}
              </a>
              <a className="btn" href={`#${paths.importCsv()}`}>
                {t('catalog.import')}
              </a>
            </>
          ) : null}
          <button type="button" className="btn" onClick={exportCsv} disabled={client.catalog.size() === 0}>
            {t('catalog.export')}
          </button>
        </>
      }
    >
      {!canEdit ? <Banner tone="info">{t('catalog.readOnly')}</Banner> : null}
      {notice ? <Banner tone="success">{notice}</Banner> : null}
      <div className="mg-toolbar">
        <input
          className="input mg-search"
          type="search"
          autoFocus
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('catalog.searchPlaceholder')}
          aria-label={t('catalog.searchPlaceholder')}
        />
        <div className="mg-segmented" role="radiogroup" aria-label={t('catalog.filter.all')}>
          {(['active', 'inactive', 'all'] as const).map((f) => (
            <button
              key={f}
              type="button"
              role="radio"
              aria-checked={active === f}
              className="mg-segmented__item"
              onClick={() => setActive(f)}
            >
              {t(`catalog.filter.${f}`)}
            </button>
          ))}
        </div>
      </div>
      <VirtualTable
        label={t('catalog.title')}
        columns={columns}
        template={template}
        count={products.length}
        rowHeight={48}
        rowKey={(i) => products[i]!.id}
        onRowClick={(i) => navigate(paths.product(products[i]!.id))}
        empty={client.catalog.size() === 0 ? t('catalog.empty') : t('catalog.noMatch', { query })}
        renderRow={(i) => {
          const p = products[i]!;
          const level = storeId ? levels.get(storeId, p.id) : null;
          const cells = [
            <span className="mono mg-ellipsis" key="sku" title={p.sku}>{p.sku}</span>,
            <div className="mg-cell-main" key="name">
              <a className="mg-link" href={`#${paths.product(p.id)}`} title={p.name} onClick={(e) => e.stopPropagation()}>
                {p.name}
              </a>
              {!p.active ? <span className="mg-tag">{t('catalog.inactive')}</span> : null}
            </div>,
            <span className="muted" key="cat">{p.category ?? ''}</span>,
            <span className="num" key="price">{format.money(p.priceCents)}</span>,
          ];
          if (canEdit) cells.push(<span className="num muted" key="cost">{format.money(p.costCents)}</span>);
          cells.push(
            <span className="num" key="level">
              {level ? `${format.number(level.level)} ${p.unit}` : '—'} <AsOf />
            </span>,
          );
          return cells;
        }}
      />
    </Page>
  );
}
