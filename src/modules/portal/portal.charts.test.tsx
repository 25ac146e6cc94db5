import { renderToString } from 'preact-render-to-string';
import { describe, expect, test } from 'vitest';
import type { Organisation } from '../../core/config/index.ts';
import { createViewContext } from '../../core/views/index.ts';
import { MonthlyChart } from './portal.views.tsx';

/** The consumption chart as the portal renders it: read back from its SVG and table. */
const view = createViewContext({ org: {} as Organisation, navigation: [] }, '/kundenportal');
const months = [
  { month: '2025-01', value: 310 },
  { month: '2025-02', value: 280 },
  { month: '2026-01', value: 290 },
  { month: '2026-02', value: 250 },
];
const html = renderToString(<MonthlyChart id="c" view={view} months={months} unit="kWh" year={2026} />);
const all = (re: RegExp) => [...html.matchAll(re)].map((m) => m[1] as string);

describe('the consumption chart', () => {
  test('the axis, every bar’s tooltip and the table headings carry the unit kWh', () => {
    expect(all(/<text class="chart__unit"[^>]*>([^<]*)<\/text>/g)).toEqual(['kWh']);
    const tooltips = all(/<rect[^>]*><title>([^<]*)<\/title><\/rect>/g);
    expect(tooltips).toEqual(['Jan 2025: 310 kWh', 'Jan 2026: 290 kWh', 'Feb 2025: 280 kWh', 'Feb 2026: 250 kWh']);
    expect(all(/<th scope="col">([^<]*)<\/th>/g)).toEqual(['Monat', '2025 (kWh)', '2026 (kWh)']);
  });

  test('the legend lists the series in the order the bars are drawn: the earlier year first', () => {
    // The first month's two bars, left to right.
    const barClasses = all(/<rect class="(chart__bar[^"]*)"/g).slice(0, 2);
    expect(barClasses).toEqual(['chart__bar chart__bar--alt', 'chart__bar']);
    const legend = html.slice(html.indexOf('<ul class="chart-legend">'), html.indexOf('</ul>'));
    const keys = [...legend.matchAll(/chart-key (chart-key--\w+)" aria-hidden="true"><\/span> ?([^<]*)<\/li>/g)].map((m) => [
      m[1],
      m[2]?.trim(),
    ]);
    expect(keys).toEqual([
      ['chart-key--alt', '2025'],
      ['chart-key--main', '2026'],
    ]);
    // The table reads in the same order: January 2025, then January 2026.
    expect(all(/<td>([^<]*)<\/td>/g).slice(0, 2)).toEqual(['310', '290']);
  });
});
