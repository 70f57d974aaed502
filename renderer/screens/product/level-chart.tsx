/**
 * The product's level over time on uPlot (canvas; 10 000+ points stay smooth): a step line of
 * the server's balances (solid), the device's unconfirmed movements (dashed), the reorder and
 * critical points, refused movements as markers. Hovering shows the values at that time in
 * the legend; dragging across the plot zooms in, a double click zooms out. A text description
 * stands in for the canvas for screen readers.
 */
import { useEffect, useId, useMemo, useRef } from 'react';
import uPlot, { type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useFormat, useT } from '../../i18n/index.js';
import { useElementWidth } from '../kit/use-element-width.js';
import { dayLabels, type LevelSeries } from './level-series.js';
import type { TransitSpan } from './transit-series.js';

const H = 280;
const DAY_S = 86_400;

/**
 * uPlot's columns: one x (seconds) shared by every series, null where a series has no point.
 * Columns 6 and 7 are the in-transit band's edges: the level plus what is on the road, and the
 * level (both null where nothing is on the road).
 */
export function chartData(
  series: LevelSeries,
  reorderPoint: number | null,
  criticalPoint: number | null,
  transit: readonly TransitSpan[] = [],
): [number[], ...Array<Array<number | null>>] {
  // A single instant (no history) still gets a week-wide axis so the line is visible.
  const end = series.end / 1000;
  const start = end - series.start / 1000 < 60 ? end - 7 * DAY_S : series.start / 1000;
  const times = [...new Set([start, ...series.points.map((p) => p.t / 1000), ...series.rejected.map((r) => r.t / 1000), ...transit.map((s) => Math.max(start, s.from / 1000)), end])]
    .filter((x) => x >= start && x <= end)
    .sort((a, b) => a - b);
  const at = new Map(times.map((x, i) => [x, i]));
  const column = () => times.map((): number | null => null);
  const confirmed = column();
  const projected = column();
  const firstProjected = series.points.findIndex((p) => p.projected);
  series.points.forEach((p, i) => {
    const x = at.get(p.t / 1000);
    if (x === undefined) return;
    if (!p.projected) confirmed[x] = p.level;
    // The dashed part starts where the solid one ends.
    if (p.projected || i === firstProjected - 1) projected[x] = p.level;
  });
  const rejected = column();
  for (const r of series.rejected) {
    const x = at.get(r.t / 1000);
    if (x !== undefined) rejected[x] = series.min;
  }
  const flat = (v: number | null) => times.map(() => v);
  // The level at every x (the step line carried forward), and on top of it what is on the road then.
  let current: number | null = null;
  const levelAt = times.map((_, x) => {
    current = projected[x] ?? confirmed[x] ?? current;
    return current;
  });
  const onRoad = times.map((x) => transit.reduce((a, s) => (Math.max(start, s.from / 1000) <= x ? a + s.amount : a), 0));
  const transitHi = times.map((_, x) => (onRoad[x]! > 0 && levelAt[x] !== null ? levelAt[x]! + onRoad[x]! : null));
  const transitLo = times.map((_, x) => (transitHi[x] !== null ? levelAt[x]! : null));
  return [times, confirmed, projected, flat(reorderPoint), flat(criticalPoint), rejected, transitHi, transitLo];
}

export function LevelChart({
  series,
  unit,
  reorderPoint,
  criticalPoint,
  productName,
  storeName,
  transit = [],
}: {
  transit?: readonly TransitSpan[];
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
  const [boxRef, width] = useElementWidth<HTMLElement>(720);
  const plotRef = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const data = useMemo(() => chartData(series, reorderPoint, criticalPoint, transit), [series, reorderPoint, criticalPoint, transit]);
  const hasTransit = transit.length > 0;

  const options = useMemo((): Options => {
    const css = getComputedStyle(document.documentElement);
    const color = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
    const step = uPlot.paths.stepped?.({ align: 1 });
    const value = (_: uPlot, v: number | null) => (v === null || v === undefined ? '—' : format.number(v));
    return {
      width: Math.max(320, width),
      height: H,
      scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min), Math.max(1, max) * 1.08] } },
      axes: [
        // A date is wide (and wider in Chinese): ticks at least 110 px apart, and a tick that falls
        // on the same day as the one before it (hourly ticks over a short range) shows nothing.
        { label: t('product.chart.xAxis'), space: 110, values: (_u, ticks) => dayLabels(ticks, (ms) => format.date(ms)) },
        { label: t('product.chart.yAxis', { unit }), values: (_u, ticks) => ticks.map((v) => format.number(v)), size: 64 },
      ],
      series: [
        { label: t('product.chart.xAxis'), value: (_u, s) => (s === null ? '—' : format.dateTime(s * 1000)) },
        { label: t('product.chart.confirmed'), stroke: color('--c-brand', '#0f766e'), width: 2, paths: step, spanGaps: true, value },
        { label: t('product.chart.projected'), stroke: color('--c-brand', '#0f766e'), dash: [6, 4], width: 2, paths: step, spanGaps: true, value, show: series.points.some((p) => p.projected) },
        { label: t('product.chart.reorder'), stroke: color('--c-low', '#b45309'), dash: [2, 3], width: 1, value, show: reorderPoint !== null, points: { show: false } },
        { label: t('product.chart.critical'), stroke: color("--c-critical", "#b91c1c"), dash: [2, 3], width: 1, value, show: criticalPoint !== null, points: { show: false } },
        {
          label: t('product.chart.rejected'),
          stroke: color('--c-out', '#b91c1c'),
          fill: color('--c-out', '#b91c1c'),
          paths: () => null,
          points: { show: true, size: 9 },
          value: (_u, v) => (v === null ? '' : '✕'),
          show: series.rejected.length > 0,
        },
        { label: t('product.chart.transit'), stroke: color('--c-focus', '#2563eb'), width: 1, dash: [4, 3], paths: step, spanGaps: false, value, show: hasTransit, points: { show: false } },
        // The band's lower edge (the level): drawn by the band, not listed.
        { label: '', stroke: 'transparent', width: 0, paths: step, spanGaps: false, value: () => '', show: hasTransit, points: { show: false }, class: 'mg-chart__band-edge' },
      ],
      bands: hasTransit ? [{ series: [6, 7], fill: 'rgb(37 99 235 / 14%)' }] : [],
      cursor: { drag: { x: true, y: false } },
      legend: { live: true },
    };
  }, [t, format, unit, width, series, reorderPoint, criticalPoint, hasTransit]);

  // One chart per mount, rebuilt when its options change; resized with its card.
  useEffect(() => {
    if (!plotRef.current) return;
    const plot = new uPlot(options, data, plotRef.current);
    chart.current = plot;
    return () => {
      plot.destroy();
      chart.current = null;
    };
  }, [options, data]);

  const first = series.points[0]!;
  const last = series.points[series.points.length - 1]!;
  return (
    <figure className="mg-chart" ref={boxRef} aria-labelledby={`${uid}-desc`} data-testid="level-chart">
      <div ref={plotRef} role="img" aria-label={t('product.chart.title')} />
      <figcaption className="mg-visually-hidden" id={`${uid}-desc`}>
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
      </figcaption>
    </figure>
  );
}

