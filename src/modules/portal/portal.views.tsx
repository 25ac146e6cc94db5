import { formatDateTime, type Locale, translator } from '../../core/i18n/index.ts';
import { BarChart, type ViewContext } from '../../core/views/index.ts';
import { appMessages } from './portal.app.messages.ts';
import { compareYears, type MonthConsumption, yearlyConsumption } from './portal.consumption.ts';
import { formatDay, formatQuantity, monthLabel, unitLabel } from './portal.format.ts';
import type { PortalCustomer } from './portal.guard.ts';
import { PortalLayout } from './portal.layout.tsx';
import type { LogEntry } from './portal.log.ts';
import { PORTAL_LOG_DAYS } from './portal.log.ts';
import { formatEuro } from './portal.money.ts';
import { portalPath } from './portal.paths.ts';
import type { ContractSummary, InvoiceRow, MeterRow, ReadingRow } from './portal.queries.ts';
import type { Commodity, MeterUnit, TaskKind } from './portal.tables.ts';

interface Signed {
  view: ViewContext;
  customer: PortalCustomer;
}

export interface ContractView {
  contract: ContractSummary;
  unit: MeterUnit;
  meters: MeterRow[];
  months: MonthConsumption[];
  lastReading: ReadingRow | undefined;
  nextInstalment: { due_on: string; amount_cents: number } | undefined;
}

export function unitOf(commodity: Commodity, meters: readonly { unit: MeterUnit }[]): MeterUnit {
  return meters[0]?.unit ?? (commodity === 'gas' || commodity === 'water' ? 'm3' : 'kWh');
}

/** Monthly consumption of a year next to the year before (BarChart with `compare`), SVG with a table. */
export function MonthlyChart({
  id,
  view,
  months,
  unit,
  year,
}: {
  id: string;
  view: ViewContext;
  months: MonthConsumption[];
  unit: MeterUnit;
  year: number;
}) {
  const t = translator(appMessages, view.locale);
  const L: Locale = view.locale;
  const rows = compareYears(months, year);
  if (rows.length === 0) return <p>{t('consumption.none')}</p>;
  const u = unitLabel(unit, L);
  return (
    <BarChart
      id={id}
      title={t('consumption.monthly', { year, previous: year - 1 })}
      description={t('consumption.monthlyDesc', { year, previous: year - 1, unit: u })}
      data={rows.map((r) => ({
        label: monthLabel(r.month, L),
        value: r.value,
        ...(r.previous !== undefined ? { compare: r.previous } : {}),
      }))}
      locale={L}
      unit={u}
      series={[String(year), String(year - 1)]}
      labelHeading={t('consumption.month')}
      digits={unit === 'kWh' ? 0 : 1}
    />
  );
}

function YearlyChart({ id, view, months, unit }: { id: string; view: ViewContext; months: MonthConsumption[]; unit: MeterUnit }) {
  const t = translator(appMessages, view.locale);
  const years = yearlyConsumption(months);
  if (years.length === 0) return null;
  const u = unitLabel(unit, view.locale);
  return (
    <BarChart
      id={id}
      title={t('consumption.yearly')}
      description={t('consumption.yearlyDesc', { unit: u })}
      data={years.map((y) => ({ label: String(y.year), value: y.value }))}
      locale={view.locale}
      unit={u}
      labelHeading={t('consumption.year')}
      digits={unit === 'kWh' ? 0 : 1}
    />
  );
}

/** The latest year that has consumption (the chart's default). */
export function latestYear(months: readonly MonthConsumption[], fallback: number): number {
  const last = months.at(-1);
  return last ? Number(last.month.slice(0, 4)) : fallback;
}

function ContractFacts({ view, c }: { view: ViewContext; c: ContractView }) {
  const t = translator(appMessages, view.locale);
  const L = view.locale;
  const k = c.contract;
  const points = [...new Set(c.meters.map((m) => m.location_id))];
  const current = c.meters.filter((m) => m.removed_on === null).map((m) => m.meter_number);
  return (
    <dl class="facts">
      <div>
        <dt>{t('contract.tariff')}</dt>
        <dd>{k.tariff}</dd>
      </div>
      <div>
        <dt>{t('contract.supply')}</dt>
        <dd>
          {k.supply_street}, {k.supply_postcode} {k.supply_city}
        </dd>
      </div>
      <div>
        <dt>{t('contract.term')}</dt>
        <dd>
          {k.end_date
            ? t('contract.fromTo', { from: formatDay(k.start_date, L), to: formatDay(k.end_date, L) })
            : t('contract.since', { date: formatDay(k.start_date, L) })}
        </dd>
      </div>
      {k.end_date ? null : (
        <div>
          <dt>{t('contract.instalment')}</dt>
          <dd>
            {formatEuro(k.instalment_cents, L)}
            {c.nextInstalment
              ? ` (${t('overview.nextInstalment', { amount: formatEuro(c.nextInstalment.amount_cents, L), date: formatDay(c.nextInstalment.due_on, L) })})`
              : ''}
          </dd>
        </div>
      )}
      {k.end_date ? null : (
        <div>
          <dt>{t('contract.estimate')}</dt>
          <dd>
            {formatQuantity(k.annual_estimate, c.unit, L)} {unitLabel(c.unit, L)}
          </dd>
        </div>
      )}
      <div>
        <dt>{t('contract.location')}</dt>
        <dd>{points.join(', ') || '–'}</dd>
      </div>
      <div>
        <dt>{t('contract.meter')}</dt>
        <dd>{current.join(', ') || '–'}</dd>
      </div>
      <div>
        <dt>{t('contract.lastReading')}</dt>
        <dd>
          {c.lastReading
            ? t('contract.readingOn', {
                value: formatQuantity(c.lastReading.value, c.unit, L),
                unit: unitLabel(c.unit, L),
                date: formatDay(c.lastReading.read_on, L),
              })
            : '–'}
        </dd>
      </div>
    </dl>
  );
}

/** What an invoice leaves to settle, in words: a credit is not a negative sum. */
function settlement(
  cents: number,
  locale: Locale,
  t: (key: 'invoices.due' | 'invoices.credit' | 'invoices.even', v?: Record<string, string>) => string,
): string {
  if (cents === 0) return t('invoices.even');
  return cents > 0
    ? t('invoices.due', { amount: formatEuro(cents, locale) })
    : t('invoices.credit', { amount: formatEuro(-cents, locale) });
}

export function OverviewPage({
  view,
  customer,
  contracts,
  tasks,
  answers = [],
  year,
}: Signed & {
  contracts: ContractView[];
  tasks: { reference: string; kind: TaskKind; created_at: Date }[];
  answers?: { reference: string; kind: TaskKind; done_at: Date | null; outcome: 'done' | 'declined' | null; answer: string | null }[];
  year: number;
}) {
  const t = translator(appMessages, view.locale);
  const L = view.locale;
  return (
    <PortalLayout view={view} title={t('overview.title')} customer={customer}>
      <h1>{t('overview.welcome', { name: customer.name })}</h1>
      <p>{t('overview.number', { number: customer.customerNumber })}</p>
      {tasks.length ? (
        <section aria-labelledby="tasks">
          <h2 id="tasks">{t('overview.tasks')}</h2>
          <ul>
            {tasks.map((task) => (
              <li key={task.reference}>
                {t('task.received', {
                  kind: t(`task.${task.kind}`),
                  date: formatDateTime(task.created_at, L).split(',')[0] as string,
                  reference: task.reference,
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {answers.length ? (
        <section aria-labelledby="answers">
          <h2 id="answers">{t('overview.answers')}</h2>
          <ul class="answers">
            {answers.map((a) => (
              <li key={a.reference}>
                <p>
                  {t(a.outcome === 'declined' ? 'overview.answer.declined' : 'overview.answer.done', {
                    kind: t(`task.${a.kind}`),
                    reference: a.reference,
                    date: a.done_at ? (formatDateTime(a.done_at, L).split(',')[0] as string) : '',
                  })}
                </p>
                {a.answer ? <p class="typed">{a.answer}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2>{t('overview.contracts')}</h2>
      {contracts.length === 0 ? <p>{t('overview.noContracts')}</p> : null}
      {contracts.map((c) => {
        const k = c.contract;
        const title = t('contract.title', { commodity: t(`commodity.${k.commodity}`), number: k.contract_number });
        return (
          <section class="portal-contract" aria-labelledby={`contract-${k.id}`} key={k.id}>
            <h3 id={`contract-${k.id}`}>
              {title}
              {k.end_date ? <span class="tag"> {t('contract.ended')}</span> : null}
            </h3>
            <ContractFacts view={view} c={c} />
            {k.end_date ? null : (
              <MonthlyChart id={`chart-${k.id}`} view={view} months={c.months} unit={c.unit} year={latestYear(c.months, year)} />
            )}
            <p>
              <a href={portalPath('contract', L, k.id)}>{t('contract.details', { number: k.contract_number })}</a>
            </p>
          </section>
        );
      })}
    </PortalLayout>
  );
}

export function ContractPage({
  view,
  customer,
  c,
  year,
  years,
  readings,
  instalments,
  invoices,
}: Signed & {
  c: ContractView;
  year: number;
  years: number[];
  readings: ReadingRow[];
  instalments: { due_on: string; amount_cents: number }[];
  invoices: InvoiceRow[];
}) {
  const t = translator(appMessages, view.locale);
  const L = view.locale;
  const k = c.contract;
  const title = t('contract.title', { commodity: t(`commodity.${k.commodity}`), number: k.contract_number });
  const meterNumber = new Map(c.meters.map((m) => [m.id, m.meter_number]));
  const u = unitLabel(c.unit, L);
  return (
    <PortalLayout view={view} title={title} customer={customer}>
      <h1>{title}</h1>
      <ContractFacts view={view} c={c} />
      <h2>{t('contract.meters')}</h2>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">{t('contract.location')}</th>
            <th scope="col">{t('contract.meter')}</th>
            <th scope="col">{t('contract.term')}</th>
          </tr>
        </thead>
        <tbody>
          {c.meters.map((m) => (
            <tr key={m.id}>
              <td>{m.location_id}</td>
              <td>{m.meter_number}</td>
              <td>
                {t('contract.installed', { date: formatDay(m.installed_on, L) })}
                {m.removed_on ? `, ${t('contract.removed', { date: formatDay(m.removed_on, L) })}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('consumption.title')}</h2>
      {years.length > 1 ? (
        <nav aria-label={t('consumption.years')} class="year-nav">
          <ul>
            {years.map((y) => (
              <li key={y}>
                <a href={`${portalPath('contract', L, k.id)}?jahr=${y}`} aria-current={y === year ? 'page' : undefined}>
                  {y}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <MonthlyChart id="chart-monthly" view={view} months={c.months} unit={c.unit} year={year} />
      <YearlyChart id="chart-yearly" view={view} months={c.months} unit={c.unit} />
      <p class="form__note">{t('consumption.note')}</p>
      <h2>{t('readings.title')}</h2>
      {readings.length ? (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('readings.date')}</th>
              <th scope="col">{t('readings.meter')}</th>
              <th scope="col">
                {t('readings.value')} ({u})
              </th>
              <th scope="col">{t('readings.source')}</th>
            </tr>
          </thead>
          <tbody>
            {readings.map((r) => (
              <tr key={`${r.meter_id}-${r.read_on}-${r.source}`}>
                <td>{formatDay(r.read_on, L)}</td>
                <td>{meterNumber.get(r.meter_id)}</td>
                <td>{formatQuantity(r.value, c.unit, L)}</td>
                <td>{t(`source.${r.source as 'billing' | 'estimate' | 'customer'}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('consumption.none')}</p>
      )}
      {k.end_date ? null : (
        <>
          <h2>{t('instalments.title')}</h2>
          {instalments.length ? (
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('instalments.due')}</th>
                  <th scope="col">{t('instalments.amount')}</th>
                </tr>
              </thead>
              <tbody>
                {instalments.map((i) => (
                  <tr key={i.due_on}>
                    <td>{formatDay(i.due_on, L)}</td>
                    <td>{formatEuro(i.amount_cents, L)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>{t('instalments.none')}</p>
          )}
        </>
      )}
      <h2>{t('invoices.title')}</h2>
      <InvoiceTable view={view} invoices={invoices} withContract={false} />
    </PortalLayout>
  );
}

function InvoiceTable({ view, invoices, withContract }: { view: ViewContext; invoices: InvoiceRow[]; withContract: boolean }) {
  const t = translator(appMessages, view.locale);
  const L = view.locale;
  if (invoices.length === 0) return <p>{t('invoices.none')}</p>;
  return (
    <table class="data-table">
      <thead>
        <tr>
          <th scope="col">{t('invoices.number')}</th>
          <th scope="col">{t('invoices.date')}</th>
          {withContract ? <th scope="col">{t('invoices.contract')}</th> : null}
          <th scope="col">{t('invoices.period')}</th>
          <th scope="col">{t('invoices.amount')}</th>
          <th scope="col">{t('invoices.balance')}</th>
          <th scope="col">{t('invoices.download')}</th>
        </tr>
      </thead>
      <tbody>
        {invoices.map((i) => (
          <tr key={i.id}>
            <td>{i.invoice_number}</td>
            <td>{formatDay(i.issued_on, L)}</td>
            {withContract ? (
              <td>
                {t(`commodity.${i.commodity}`)} {i.contract_number}
              </td>
            ) : null}
            <td>{t('contract.fromTo', { from: formatDay(i.period_from, L), to: formatDay(i.period_to, L) })}</td>
            <td>{formatEuro(i.gross_cents, L)}</td>
            <td>{settlement(i.gross_cents - i.instalments_paid_cents, L, t)}</td>
            <td>
              <a
                href={portalPath('invoice', L, i.id)}
                aria-label={t('invoices.downloadLabel', { number: i.invoice_number })}
                download={`${i.invoice_number}.pdf`}
              >
                PDF
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function InvoicesPage({ view, customer, invoices }: Signed & { invoices: InvoiceRow[] }) {
  const t = translator(appMessages, view.locale);
  return (
    <PortalLayout view={view} title={t('invoices.title')} customer={customer}>
      <h1>{t('invoices.title')}</h1>
      <InvoiceTable view={view} invoices={invoices} withContract />
    </PortalLayout>
  );
}

export function LogPage({ view, customer, entries }: Signed & { entries: LogEntry[] }) {
  const t = translator(appMessages, view.locale);
  const L = view.locale;
  return (
    <PortalLayout view={view} title={t('log.title')} customer={customer}>
      <h1>{t('log.title')}</h1>
      <p class="prose">{t('log.intro', { days: PORTAL_LOG_DAYS })}</p>
      {entries.length ? (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('log.when')}</th>
              <th scope="col">{t('log.what')}</th>
              <th scope="col">{t('log.detail')}</th>
              <th scope="col">{t('log.ip')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={`${e.occurred_at.getTime()}-${i}`}>
                <td>{formatDateTime(e.occurred_at, L)}</td>
                <td>{(appMessages as Record<string, { de: string; en: string } | undefined>)[`action.${e.action}`]?.[L] ?? e.action}</td>
                <td>{e.detail ?? ''}</td>
                <td>{e.ip ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('log.none')}</p>
      )}
    </PortalLayout>
  );
}
