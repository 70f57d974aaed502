/**
 * Revenue per day across the report's stores, as bars on uPlot (the app's one charting
 * library, wrapped like the product's level chart). Days are the stores' local days, so the x
 * axis is in UTC midnights labelled in UTC: the label is the day itself, whatever this device's
 * time zone. A text description stands in for the canvas for screen readers.
 */
import { useEffect, useId, useMemo, useRef } from 'react';
import uPlot, { type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SalesDay } from '../../../shared/reports/index.js';
import { useFormat, useT } from '../../i18n/index.js';
import { dayLabels } from '../product/level-series.js';
import { useElementWidth } from '../kit/use-element-width.js';
import { dayStartUtc, daysBetween } from './report-dates.js';

const H = 220;

/** One x per day of the range (days without sales are 0, so gaps show), revenue summed over stores. */
export function revenueColumns(days: readonly SalesDay[], fromDay: string, toDay: string): [number[], number[]] {
  const byDay = new Map<string, number>();
  for (const d of days) byDay.set(d.day, (byDay.get(d.day) ?? 0) + d.revenueCents);
  const all = daysBetween(fromDay, toDay);
  return [all.map((d) => dayStartUtc(d) / 1000), all.map((d) => byDay.get(d) ?? 0)];
}

export function SalesChart({ days, fromDay, toDay }: { days: readonly SalesDay[]; fromDay: string; toDay: string }) {
  const t = useT();
  const format = useFormat();
  const uid = useId();
  const [boxRef, width] = useElementWidth<HTMLElement>(720);
  const plotRef = useRef<HTMLDivElement>(null);
  const data = useMemo(() => revenueColumns(days, fromDay, toDay), [days, fromDay, toDay]);
  const total = data[1].reduce((a, b) => a + b, 0);

  const options = useMemo((): Options => {
    const css = getComputedStyle(document.documentElement);
    const brand = css.getPropertyValue('--c-brand').trim() || '#0f766e';
    const bars = uPlot.paths.bars?.({ size: [0.7, 48], align: 0 });
    const day = (s: number) => format.date(s * 1000, 'UTC');
    return {
      width: Math.max(320, width),
      height: H,
      // Ticks at UTC midnights, like the x values: uPlot places them in this device's zone otherwise,
      // and a day labelled in UTC would sit one tick off its bar east of Greenwich.
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'UTC'),
      scales: { x: { time: true, range: (_u, min, max) => [min - 43_200, max + 43_200] }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] } },
      axes: [
        { space: 110, values: (_u, ticks) => dayLabels(ticks, (ms) => format.date(ms, 'UTC')) },
        { values: (_u, ticks) => ticks.map((v) => format.money(v)), size: 88 },
      ],
      series: [
        { label: t('reports.chart.day'), value: (_u, s) => (s === null ? '—' : day(s)) },
        { label: t('reports.chart.revenue'), stroke: brand, fill: `${brand}99`, paths: bars, points: { show: false }, value: (_u, v) => (v === null ? '—' : format.money(v)) },
      ],
      legend: { live: true },
    };
  }, [t, format, width]);

  useEffect(() => {
    if (!plotRef.current) return;
    const plot = new uPlot(options, data, plotRef.current);
    return () => plot.destroy();
  }, [options, data]);

  return (
    <figure className="mg-chart" ref={boxRef} aria-labelledby={`${uid}-desc`} data-testid="sales-chart">
      <div ref={plotRef} role="img" aria-label={t('reports.chart.title')} />
      <figcaption className="mg-visually-hidden" id={`${uid}-desc`}>
        {t('reports.chart.desc', { from: fromDay, to: toDay, total: format.money(total) })}
      </figcaption>
    </figure>
  );
}
