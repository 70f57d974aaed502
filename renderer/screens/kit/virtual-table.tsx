/**
 * A virtualized table (ARIA table semantics on a CSS grid): only the rows in
 * view are in the DOM, so 50 000 products scroll smoothly. Columns share one
 * `grid-template-columns` between header and rows.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type CSSProperties, type ReactNode } from 'react';

export interface Column {
  id: string;
  header: ReactNode;
  /** Sort state for aria-sort; absent = not sortable. */
  sort?: 'ascending' | 'descending' | 'none';
  onSort?: () => void;
  sortLabel?: string;
  align?: 'start' | 'end' | 'center';
}

export function VirtualTable({
  label,
  columns,
  template,
  count,
  rowHeight,
  rowKey,
  renderRow,
  onRowClick,
  rowClassName,
  empty,
}: {
  label: string;
  columns: Column[];
  /** CSS grid-template-columns, e.g. "minmax(0,3fr) 8rem 6rem". */
  template: string;
  count: number;
  rowHeight: number;
  rowKey: (index: number) => string;
  /** One ReactNode per column, in column order. */
  renderRow: (index: number) => ReactNode[];
  onRowClick?: (index: number) => void;
  rowClassName?: (index: number) => string | undefined;
  empty?: ReactNode;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const gridStyle: CSSProperties = { gridTemplateColumns: template };
  const items = virtualizer.getVirtualItems();

  return (
    <div className="mg-vtable" role="table" aria-label={label} aria-rowcount={count + 1}>
      <div className="mg-vtable__head" role="rowgroup">
        <div className="mg-vtable__row mg-vtable__row--head" role="row" aria-rowindex={1} style={gridStyle}>
          {columns.map((c) => (
            <div
              key={c.id}
              role="columnheader"
              aria-sort={c.sort}
              className={`mg-vtable__cell mg-align-${c.align ?? 'start'}`}
            >
              {c.onSort ? (
                <button type="button" className="mg-sort" onClick={c.onSort} title={c.sortLabel}>
                  {c.header}
                  <span className="mg-sort__icon" aria-hidden="true">
                    {c.sort === 'ascending' ? '▲' : c.sort === 'descending' ? '▼' : '↕'}
                  </span>
                </button>
              ) : (
                c.header
              )}
            </div>
          ))}
        </div>
      </div>
      <div className="mg-vtable__body" ref={scrollRef} role="rowgroup" tabIndex={-1}>
        {count === 0 && empty ? <div className="empty">{empty}</div> : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const cells = renderRow(item.index);
            const extra = rowClassName?.(item.index);
            return (
              <div
                key={rowKey(item.index)}
                role="row"
                aria-rowindex={item.index + 2}
                className={`mg-vtable__row${onRowClick ? ' mg-vtable__row--link' : ''}${extra ? ` ${extra}` : ''}`}
                style={{ ...gridStyle, position: 'absolute', top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` }}
                onClick={onRowClick ? () => onRowClick(item.index) : undefined}
              >
                {cells.map((cell, i) => (
                  <div key={columns[i]?.id ?? i} role="cell" className={`mg-vtable__cell mg-align-${columns[i]?.align ?? 'start'}`}>
                    {cell}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
