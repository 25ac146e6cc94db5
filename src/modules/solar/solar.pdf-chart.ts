import { type Color, grayscale, type PDFPage } from 'pdf-lib';
import { formatNumber, type Locale } from '../../core/i18n/index.ts';
import type { PdfText } from './solar.pdf-text.ts';

export interface BarChartSpec {
  /** Left edge and top edge of the whole chart (labels included), PDF points; `top` as PDF y. */
  x: number;
  top: number;
  width: number;
  height: number;
  values: readonly number[];
  /** The value the axis must reach (default: the largest value), so several charts share a scale. */
  max?: number;
  labels: readonly string[];
  /** Caption above the value axis, e.g. the unit. */
  unit: string;
  /** The figure above each bar (for the large chart; small ones have only the axis). */
  valueLabels: boolean;
  bar: Color;
  locale: Locale;
}

const AXIS = grayscale(0.25);
const GRID = grayscale(0.78);
const MUTED = grayscale(0.35);

/** The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `max`: round axis figures. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= max * (1 - 1e-9)) return step * magnitude;
  return 10 * magnitude;
}

/**
 * A bar chart drawn as vectors (rectangles and lines, no image): sharp at every zoom and in
 * print. Returns the bars' rectangles, so tests can check what was drawn.
 */
export function drawBarChart(page: PDFPage, text: PdfText, spec: BarChartSpec): { x: number; y: number; width: number; height: number }[] {
  const { x, top, width, height, values, labels, locale } = spec;
  const small = 6.5;
  const max = niceMax(Math.max(0, spec.max ?? 0, ...values));
  const divisions = spec.valueLabels ? 4 : 2;
  const tickText = (v: number) => formatNumber(v, locale, max < 10 && v % 1 !== 0 ? 1 : 0);
  const axisWidth = Math.max(...Array.from({ length: divisions + 1 }, (_, i) => text.width(tickText((max * i) / divisions), small))) + 5;
  const plot = {
    left: x + axisWidth,
    right: x + width,
    top: top - 12 - (spec.valueLabels ? 4 : 0),
    bottom: top - height + 11,
  };
  const yOf = (v: number) => plot.bottom + (v / max) * (plot.top - plot.bottom);

  text.draw(page, text.clean(spec.unit), x, top - 7, 7, { color: MUTED });
  for (let i = 0; i <= divisions; i++) {
    const v = (max * i) / divisions;
    const y = yOf(v);
    page.drawLine({
      start: { x: plot.left, y },
      end: { x: plot.right, y },
      thickness: i === 0 ? 0.7 : 0.4,
      color: i === 0 ? AXIS : GRID,
      ...(i === 0 ? {} : { dashArray: [1.5, 2] }),
    });
    const label = tickText(v);
    text.draw(page, label, plot.left - 3 - text.width(label, small), y - small * 0.35, small, { color: MUTED });
  }

  const slot = (plot.right - plot.left) / Math.max(1, values.length);
  const barWidth = slot * 0.64;
  const bars: { x: number; y: number; width: number; height: number }[] = [];
  values.forEach((v, i) => {
    const left = plot.left + i * slot + (slot - barWidth) / 2;
    const h = Math.max(0, yOf(Math.max(0, v)) - plot.bottom);
    if (h > 0) page.drawRectangle({ x: left, y: plot.bottom, width: barWidth, height: h, color: spec.bar });
    bars.push({ x: left, y: plot.bottom, width: barWidth, height: h });
    const label = text.clean(labels[i] ?? '');
    text.draw(page, label, left + barWidth / 2 - text.width(label, small) / 2, plot.bottom - 8, small, { color: AXIS });
    if (spec.valueLabels) {
      const figure = formatNumber(v, locale, 0);
      text.draw(page, figure, left + barWidth / 2 - text.width(figure, small) / 2, plot.bottom + h + 2.5, small, { color: AXIS });
    }
  });
  return bars;
}
