/**
 * The product's level over time, drawn as plain SVG: a step line of the
 * server's balances (solid), the device's unconfirmed movements (dashed),
 * threshold lines, refused movements as markers, and labelled axes.
 */
import { useId, useMemo } from 'react';
import { useElementWidth } from '../kit/use-element-width.js';
import { useFormat, useT } from '../../i18n/index.js';
import { niceTicks, stepPath, type LevelSeries } from './level-series.js';

const H = 260;
const M = { top: 16, right: 20, bottom: 44, left: 64 };
const DAY = 86_400_000;

export function LevelChart({
  series,
  unit,
  reorderPoint,
  criticalPoint,
  productName,
  storeName,
}: {
  series: LevelSeries;
  unit: string;
  reorderPoint: number | null;
  criticalPoint: number | null;
  productName: string;
  storeName: string;
}) {
  const t = useT();
  const format = useFormat();
  const uid = useId();
  // Drawn at the container's real width so text keeps its size and the plot fills the card.
  const [boxRef, measured] = useElementWidth<HTMLElement>(720);
  const W = Math.max(320, measured);
  const titleId = `${uid}-title`;
  const descId = `${uid}-desc`;

  const geometry = useMemo(() => {
    // A single instant (no history) still gets a week-wide axis so the line is visible.
    const end = series.end;
    const start = series.end - series.start < 60_000 ? end - 7 * DAY : series.start;
    const yMax = Math.max(series.max, reorderPoint ?? 0, criticalPoint ?? 0, 1);
    const ticksY = niceTicks(series.min, yMax, 5);
    const lo = Math.min(ticksY[0]!, series.min);
    const hi = Math.max(ticksY[ticksY.length - 1]!, yMax);
    const x = (ms: number) => M.left + ((ms - start) / Math.max(1, end - start)) * (W - M.left - M.right);
    const y = (v: number) => H - M.bottom - ((v - lo) / Math.max(1, hi - lo)) * (H - M.top - M.bottom);
    const ticksX = [0, 0.25, 0.5, 0.75, 1].map((f) => start + f * (end - start));
    const confirmed = series.points.filter((p) => !p.projected).map((p) => ({ x: x(p.t), y: y(p.level) }));
    // The projected part starts where the confirmed line ends.
    const firstProjected = series.points.findIndex((p) => p.projected);
    const projected =
      firstProjected < 0 ? [] : series.points.slice(Math.max(0, firstProjected - 1)).map((p) => ({ x: x(p.t), y: y(p.level) }));
    return { start, end, x, y, ticksY, ticksX, confirmed, projected, spanDays: (end - start) / DAY };
  }, [series, reorderPoint, criticalPoint, W]);

  const first = series.points[0]!;
  const last = series.points[series.points.length - 1]!;
  // Five date ticks fit a wide card; a narrow one gets three.
  const ticksX = W < 560 ? geometry.ticksX.filter((_, i) => i % 2 === 0) : geometry.ticksX;
  const tickLabel = (ms: number) =>
    geometry.spanDays <= 2
      ? format.time(ms)
      : new Intl.DateTimeFormat(format.locale, { month: 'short', day: 'numeric' }).format(ms);

  return (
    <figure className="mg-chart" ref={boxRef}>
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-labelledby={`${titleId} ${descId}`} className="mg-chart__svg">
        <title id={titleId}>{t('product.chart.title')}</title>
        <desc id={descId}>
          {t('product.chart.desc', {
            name: productName,
            store: storeName,
            from: format.number(first.level),
            start: format.dateTime(first.t),
            to: format.number(last.level),
            end: format.dateTime(last.t),
            min: format.number(series.min),
            max: format.number(series.max),
          })}
        </desc>
        {/* horizontal grid + y ticks */}
        {geometry.ticksY.map((v) => (
          <g key={`y${v}`}>
            <line className={v === 0 ? 'mg-chart__zero' : 'mg-chart__grid'} x1={M.left} x2={W - M.right} y1={geometry.y(v)} y2={geometry.y(v)} />
            <text className="mg-chart__tick" x={M.left - 8} y={geometry.y(v)} textAnchor="end" dominantBaseline="middle">
              {format.number(v)}
            </text>
          </g>
        ))}
        {ticksX.map((ms, i) => (
          <text key={`x${i}`} className="mg-chart__tick" x={geometry.x(ms)} y={H - M.bottom + 18} textAnchor={i === 0 ? 'start' : i === ticksX.length - 1 ? 'end' : 'middle'}>
            {tickLabel(ms)}
          </text>
        ))}
        {/* axis titles */}
        <text className="mg-chart__axis" transform={`translate(14 ${(H - M.bottom + M.top) / 2}) rotate(-90)`} textAnchor="middle">
          {t('product.chart.yAxis', { unit })}
        </text>
        <text className="mg-chart__axis" x={(W + M.left - M.right) / 2} y={H - 6} textAnchor="middle">
          {t('product.chart.xAxis')}
        </text>
        {/* thresholds */}
        {reorderPoint !== null ? (
          <line className="mg-chart__reorder" x1={M.left} x2={W - M.right} y1={geometry.y(reorderPoint)} y2={geometry.y(reorderPoint)}>
            <title>{`${t('product.chart.reorder')}: ${format.number(reorderPoint)}`}</title>
          </line>
        ) : null}
        {criticalPoint !== null ? (
          <line className="mg-chart__critical" x1={M.left} x2={W - M.right} y1={geometry.y(criticalPoint)} y2={geometry.y(criticalPoint)}>
            <title>{`${t('product.chart.critical')}: ${format.number(criticalPoint)}`}</title>
          </line>
        ) : null}
        {/* the level */}
        <path className="mg-chart__line" d={stepPath(geometry.confirmed)} />
        {geometry.projected.length > 1 ? <path className="mg-chart__line mg-chart__line--projected" d={stepPath(geometry.projected)} /> : null}
        <circle className="mg-chart__now" cx={geometry.x(last.t)} cy={geometry.y(last.level)} r={4} />
        {series.rejected.map((r) => (
          <path
            key={r.movementId}
            className="mg-chart__rejected"
            d={`M${geometry.x(Math.min(Math.max(r.t, geometry.start), geometry.end)).toFixed(1)},${H - M.bottom - 2}l-5,-9h10z`}
          >
            <title>{t('product.chart.rejected')}</title>
          </path>
        ))}
      </svg>
      <figcaption className="mg-chart__legend">
        <span className="mg-legend mg-legend--line">{t('product.chart.confirmed')}</span>
        {series.points.some((p) => p.projected) ? <span className="mg-legend mg-legend--projected">{t('product.chart.projected')}</span> : null}
        {reorderPoint !== null ? <span className="mg-legend mg-legend--reorder">{t('product.chart.reorder')}</span> : null}
        {criticalPoint !== null ? <span className="mg-legend mg-legend--critical">{t('product.chart.critical')}</span> : null}
        {series.rejected.length > 0 ? <span className="mg-legend mg-legend--rejected">{t('product.chart.rejected')}</span> : null}
      </figcaption>
    </figure>
  );
}
