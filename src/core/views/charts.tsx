import { formatNumber, type Locale } from '../i18n/index.ts';

export interface BarDatum {
  label: string;
  value: number;
  /** A second series drawn beside the first (e.g. the previous year). */
  compare?: number;
}

interface BarChartProps {
  id: string;
  title: string;
  description: string;
  data: readonly BarDatum[];
  locale: Locale;
  /** The unit of every value ("kWh"): shown on the axis, in each bar's tooltip and in the table's headings. */
  unit?: string;
  /**
   * Names of the two series when `compare` is given: `value`'s first, `compare`'s second. The
   * compare bar is drawn first (left, e.g. the previous year), so the legend and the table list
   * the series in that order too.
   */
  series?: [string, string];
  /** Label of the table alternative's first column. */
  labelHeading: string;
  digits?: number;
}

const WIDTH = 720;
const HEIGHT = 260;
const PAD = { top: 28, right: 12, bottom: 48, left: 64 };

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

/**
 * A bar chart as plain SVG: drawn on the server, so it needs no JavaScript, and followed by the
 * same figures as a table for screen readers and for people who would rather read numbers.
 */
export function BarChart({ id, title, description, data, locale, unit = '', series, labelHeading, digits = 0 }: BarChartProps) {
  const max = niceMax(Math.max(0, ...data.flatMap((d) => [d.value, d.compare ?? 0])));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const slot = data.length ? innerW / data.length : innerW;
  const twin = data.some((d) => d.compare !== undefined);
  const barW = Math.max(1, (slot * 0.7) / (twin ? 2 : 1));
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  // Label every n-th bar so labels never overlap.
  const every = Math.max(1, Math.ceil(data.length / 16));
  const fmt = (v: number) => formatNumber(v, locale, digits);
  const withUnit = (v: number) => (unit ? `${fmt(v)} ${unit}` : fmt(v));
  const heading = (name: string) => (unit ? `${name} (${unit})` : name);
  // Drawing order, left to right within a month: the compare series, then the main one.
  const drawn = series ? ([series[1], series[0]] as const) : undefined;
  return (
    <figure class="chart-figure" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} class="chart-title">
        {title}
      </figcaption>
      {/* biome-ignore lint/a11y/noSvgWithoutTitle: named by the figure caption and the description through aria-labelledby */}
      <svg
        class="chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        width={WIDTH}
        height={HEIGHT}
      >
        <desc id={`${id}-desc`}>{description}</desc>
        {unit ? (
          <text class="chart__unit" x={PAD.left - 6} y={PAD.top - 12} text-anchor="end">
            {unit}
          </text>
        ) : null}
        {ticks.map((v) => (
          <g key={v}>
            <line
              class="chart__axis"
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={y(v)}
              y2={y(v)}
              stroke-dasharray={v === 0 ? undefined : '2 4'}
            />
            <text x={PAD.left - 6} y={y(v) + 4} text-anchor="end">
              {fmt(v)}
            </text>
          </g>
        ))}
        {data.map((d, i) => {
          const x = PAD.left + i * slot + (slot - barW * (twin ? 2 : 1)) / 2;
          return (
            <g key={d.label}>
              {twin ? (
                <rect
                  class="chart__bar chart__bar--alt"
                  x={x}
                  y={y(d.compare ?? 0)}
                  width={barW}
                  height={Math.max(0, PAD.top + innerH - y(d.compare ?? 0))}
                >
                  <title>{`${d.label}${series ? ` ${series[1]}` : ''}: ${d.compare === undefined ? '–' : withUnit(d.compare)}`}</title>
                </rect>
              ) : null}
              <rect
                class="chart__bar"
                x={twin ? x + barW : x}
                y={y(d.value)}
                width={barW}
                height={Math.max(0, PAD.top + innerH - y(d.value))}
              >
                <title>{`${d.label}${twin && series ? ` ${series[0]}` : ''}: ${withUnit(d.value)}`}</title>
              </rect>
              {i % every === 0 ? (
                <text x={PAD.left + i * slot + slot / 2} y={HEIGHT - PAD.bottom + 16} text-anchor="middle">
                  {d.label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      {twin && drawn ? (
        <ul class="chart-legend">
          <li>
            <span class="chart-key chart-key--alt" aria-hidden="true" /> {drawn[0]}
          </li>
          <li>
            <span class="chart-key chart-key--main" aria-hidden="true" /> {drawn[1]}
          </li>
        </ul>
      ) : null}
      <details class="table-alternative">
        <summary>{locale === 'de' ? `${title} als Tabelle` : `${title} as a table`}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{labelHeading}</th>
              {twin && drawn ? (
                <>
                  <th scope="col">{heading(drawn[0])}</th>
                  <th scope="col">{heading(drawn[1])}</th>
                </>
              ) : (
                <th scope="col">{series ? heading(series[0]) : unit || (locale === 'de' ? 'Wert' : 'Value')}</th>
              )}
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.label}>
                <th scope="row">{d.label}</th>
                {twin ? <td>{d.compare === undefined ? '–' : fmt(d.compare)}</td> : null}
                <td>{fmt(d.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
