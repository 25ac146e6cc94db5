import type { Selectable } from 'kysely';
import type { FieldErrors, FormValues } from '../../core/forms/index.ts';
import { formatDateTime, type Translate, translator } from '../../core/i18n/index.ts';
import {
  type AuditAction,
  type AuditLogTable,
  HOLD_REASONS,
  type LegalHoldsTable,
  type ProcessingActivity,
  type RetentionReport,
  ruleSentence,
} from '../../core/privacy/index.ts';
import { roleLabel } from '../../core/roles.ts';
import {
  BarChart,
  Form,
  SelectField,
  type StaffFrame,
  StaffLayout,
  SubmitButton,
  TextField,
  type ViewContext,
} from '../../core/views/index.ts';
import { auditReasonText } from './gdpr.audit-reasons.ts';
import { tableLabel } from './gdpr.record-words.ts';
import { dpoMessages } from './gdpr.staff.dpo.messages.ts';
import type { RuleRun } from './gdpr.staff.dpo.queries.ts';

interface Page {
  view: ViewContext;
  frame: StaffFrame;
}

const when = (d: Date | null, locale: 'de' | 'en') => (d ? formatDateTime(d, locale) : '–');

export function RegisterOverviewPage({
  view,
  frame,
  activities,
  runs,
  totals,
  report,
}: Page & { activities: readonly ProcessingActivity[]; runs: RuleRun[]; totals: Map<string, number>; report?: RetentionReport }) {
  const t = translator(dpoMessages, view.locale);
  const L = view.locale;
  return (
    <StaffLayout view={view} title={t('overview.title')} staff={frame}>
      <h1>{t('overview.title')}</h1>
      <p>{t('overview.intro')}</p>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">{t('col.activity')}</th>
            <th scope="col">{t('col.recipients')}</th>
            <th scope="col">{t('col.rules')}</th>
            <th scope="col">{t('col.lastRun')}</th>
            <th scope="col">{t('col.total')}</th>
          </tr>
        </thead>
        <tbody>
          {activities.map((a) => {
            const mine = runs.filter((r) => r.activity === a.id);
            const last =
              mine
                .map((r) => r.finished_at)
                .filter((d): d is Date => d !== null)
                .sort((x, y) => y.getTime() - x.getTime())[0] ?? null;
            return (
              <tr key={a.id}>
                <td>
                  <a href={`/staff/datenschutz/taetigkeiten/${a.id}`}>{a.title[L]}</a>
                </td>
                <td>{a.recipients.roles.length ? a.recipients.roles.map((r) => roleLabel(view.org, r)[L]).join(', ') : t('none')}</td>
                <td>{a.retention.length ? a.retention.map((r) => ruleSentence(r, L)).join(' ') : t('none')}</td>
                <td>{last ? when(last, L) : t('never')}</td>
                <td>{totals.get(a.id) ?? 0}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2>{t('run.title')}</h2>
      {report ? (
        <div class="notice" role="status">
          <p>{t('run.done')}</p>
          <ul>
            {report.rules.map((r) => {
              const activity = activities.find((a) => a.id === r.activity);
              const rule = activity?.retention.find((x) => x.id === r.rule);
              return (
                <li key={`${r.activity}/${r.rule}`}>
                  {t(r.action === 'delete' ? 'run.deleted' : 'run.anonymised', {
                    activity: activity?.title[L] ?? t('audit.formerActivity'),
                    event: rule?.startEvent[L] ?? '–',
                    count: r.affected,
                  })}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      <form method="post" action="/staff/datenschutz/loeschlauf">
        <input type="hidden" name="_csrf" value={frame.csrfToken} />
        <button type="submit" class="button">
          {t('run.button')}
        </button>
      </form>
    </StaffLayout>
  );
}

export function ActivityPage({
  view,
  frame,
  activity,
  perDay,
  holds,
}: Page & { activity: ProcessingActivity; perDay: { day: string; affected: number }[]; holds: Selectable<LegalHoldsTable>[] }) {
  const t = translator(dpoMessages, view.locale);
  const L = view.locale;
  return (
    <StaffLayout view={view} title={activity.title[L]} staff={frame}>
      <h1>{activity.title[L]}</h1>
      <dl class="facts">
        <div>
          <dt>{t('col.purpose')}</dt>
          <dd>{activity.purpose[L]}</dd>
        </div>
        <div>
          <dt>{t('col.basis')}</dt>
          <dd>{activity.legalBasis.map((b) => `Art. 6 (1) ${b.slice(0, 1)}`).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('col.recipients')}</dt>
          <dd>
            {activity.recipients.roles.length ? activity.recipients.roles.map((r) => roleLabel(view.org, r)[L]).join(', ') : t('none')}
          </dd>
        </div>
        <div>
          <dt>{t('col.rules')}</dt>
          <dd>{activity.retention.length ? activity.retention.map((r) => ruleSentence(r, L)).join(' ') : t('none')}</dd>
        </div>
        <div>
          <dt>{t('col.claims')}</dt>
          <dd>{activity.claims.join(', ') || t('none')}</dd>
        </div>
      </dl>
      <BarChart
        id="deleted"
        title={t('activity.chart')}
        description={t('activity.chartDesc')}
        data={perDay.map((d) => ({ label: d.day.slice(5), value: d.affected }))}
        locale={L}
        labelHeading={t('activity.day')}
      />
      <h2>{t('activity.holds')}</h2>
      <HoldTable view={view} holds={holds} activities={[activity]} />
    </StaffLayout>
  );
}

function HoldTable({
  view,
  holds,
  activities,
  csrfToken,
}: {
  view: ViewContext;
  holds: Selectable<LegalHoldsTable>[];
  activities: readonly ProcessingActivity[];
  csrfToken?: string;
}) {
  const t = translator(dpoMessages, view.locale);
  const titles = new Map(activities.map((a) => [a.id, a.title[view.locale]]));
  if (holds.length === 0) return <p>{t('none')}</p>;
  return (
    <table class="data-table">
      <thead>
        <tr>
          <th scope="col">{t('col.activity')}</th>
          <th scope="col">{t('col.record')}</th>
          <th scope="col">{t('col.reason')}</th>
          <th scope="col">{t('col.until')}</th>
          <th scope="col">{t('col.note')}</th>
          {csrfToken ? <th scope="col">{t('holds.release')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {holds.map((h) => (
          <tr key={h.id}>
            <td>{titles.get(h.activity) ?? t('audit.formerActivity')}</td>
            <td>{tableLabel(activities, h.table_name, view.locale)}</td>
            <td>{t(`reason.${h.reason}`)}</td>
            <td>{when(h.until, view.locale)}</td>
            <td>{h.note}</td>
            {csrfToken ? (
              <td>
                <form method="post" action={`/staff/datenschutz/sperren/${h.id}/aufheben`}>
                  <input type="hidden" name="_csrf" value={csrfToken} />
                  <button type="submit" class="button button--small button--secondary">
                    {t('holds.release')}
                  </button>
                </form>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HoldsPage({
  view,
  frame,
  holds,
  activities,
  values,
  errors,
}: Page & { holds: Selectable<LegalHoldsTable>[]; activities: readonly ProcessingActivity[]; values?: FormValues; errors?: FieldErrors }) {
  const t = translator(dpoMessages, view.locale);
  const labels = {
    activity: t('holds.activity'),
    table: t('holds.table'),
    recordId: t('holds.record'),
    reason: t('holds.reason'),
    until: t('holds.until'),
    note: t('holds.note'),
  };
  return (
    <StaffLayout view={view} title={t('holds.title')} staff={frame}>
      <h1>{t('holds.title')}</h1>
      <p>{t('holds.intro')}</p>
      <HoldTable view={view} holds={holds} activities={activities} csrfToken={frame.csrfToken} />
      <h2>{t('holds.new')}</h2>
      <Form view={view} action="/staff/datenschutz/sperren" errors={errors} labels={labels} csrfToken={frame.csrfToken}>
        <SelectField
          view={view}
          name="activity"
          label={labels.activity}
          required
          placeholder=""
          options={activities.filter((a) => a.retention.length).map((a) => ({ value: a.id, label: a.title[view.locale] }))}
          values={values}
          errors={errors}
        />
        <SelectField
          view={view}
          name="table"
          label={labels.table}
          required
          placeholder=""
          options={[...new Set(activities.flatMap((a) => a.retention.map((r) => r.table)))]
            .sort()
            .map((tbl) => ({ value: tbl, label: tableLabel(activities, tbl, view.locale) }))}
          values={values}
          errors={errors}
        />
        <TextField view={view} name="recordId" label={labels.recordId} required values={values} errors={errors} size="medium" />
        <SelectField
          view={view}
          name="reason"
          label={labels.reason}
          required
          placeholder=""
          options={HOLD_REASONS.map((r) => ({ value: r, label: t(`reason.${r}`) }))}
          values={values}
          errors={errors}
        />
        <TextField view={view} name="until" type="date" label={labels.until} required values={values} errors={errors} size="short" />
        <TextField view={view} name="note" label={labels.note} required values={values} errors={errors} />
        <SubmitButton>{t('holds.new')}</SubmitButton>
      </Form>
    </StaffLayout>
  );
}

/** Entries per page of the access log. */
export const AUDIT_PAGE_SIZE = 50;
const AUDIT_ACTIONS = ['read', 'export', 'change', 'delete', 'hold', 'release', 'erase'] as const satisfies readonly AuditAction[];
/** How many references a row lists before it only counts. */
const REFERENCES_SHOWN = 5;

/** The records of an entry as people know them: their reference numbers, and a count of the rest. */
function recordsText(ids: readonly string[], references: ReadonlyMap<string, string>, t: Translate<typeof dpoMessages>): string {
  const refs = [...new Set(ids.flatMap((id) => references.get(id.split('/').pop() ?? id) ?? []))];
  const shown = refs.slice(0, REFERENCES_SHOWN);
  const rest = ids.length - shown.length;
  if (shown.length === 0) return ids.length === 0 ? '–' : t('audit.records', { count: ids.length });
  return rest > 0 ? t('audit.recordsAndMore', { references: shown.join(', '), count: rest }) : shown.join(', ');
}

export function AuditPage({
  view,
  frame,
  rows,
  references,
  searched,
  pageNumber,
  hasMore,
  values,
  activities,
}: Page & {
  rows: Selectable<AuditLogTable>[];
  references: ReadonlyMap<string, string>;
  searched: boolean;
  pageNumber: number;
  hasMore: boolean;
  values: FormValues;
  activities: readonly ProcessingActivity[];
}) {
  const t = translator(dpoMessages, view.locale);
  const titles = new Map(activities.map((a) => [a.id, a.title[view.locale]]));
  const pageLink = (n: number) => {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(values)) if (k !== 'seite' && typeof v === 'string' && v !== '') query.set(k, v);
    if (n > 1) query.set('seite', String(n));
    const qs = query.toString();
    return `/staff/datenschutz/protokoll${qs ? `?${qs}` : ''}`;
  };
  const first = (pageNumber - 1) * AUDIT_PAGE_SIZE + 1;
  return (
    <StaffLayout view={view} title={t('audit.title')} staff={frame}>
      <h1>{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      <form method="get" action="/staff/datenschutz/protokoll" class="form">
        <TextField view={view} name="staff" label={t('audit.staff')} values={values} size="medium" />
        <SelectField
          view={view}
          name="activity"
          label={t('col.activity')}
          placeholder={t('audit.any')}
          options={activities.map((a) => ({ value: a.id, label: a.title[view.locale] }))}
          values={values}
        />
        <SelectField
          view={view}
          name="action"
          label={t('col.action')}
          placeholder={t('audit.any')}
          options={AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`action.${a}`) }))}
          values={values}
        />
        <TextField view={view} name="record" label={t('col.record')} values={values} size="medium" />
        <TextField view={view} name="from" type="date" label={t('audit.from')} values={values} size="short" />
        <TextField view={view} name="to" type="date" label={t('audit.to')} values={values} size="short" />
        <SubmitButton>{t('audit.search')}</SubmitButton>
      </form>
      <h2>{searched ? t('audit.found') : t('audit.latest')}</h2>
      {rows.length === 0 ? (
        <p>{t('audit.none')}</p>
      ) : (
        <>
          <p>{t('audit.range', { from: first, to: first + rows.length - 1 })}</p>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('col.when')}</th>
                <th scope="col">{t('col.who')}</th>
                <th scope="col">{t('col.activity')}</th>
                <th scope="col">{t('col.action')}</th>
                <th scope="col">{t('col.records')}</th>
                <th scope="col">{t('col.reason')}</th>
                <th scope="col">{t('col.ip')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={String(r.id)}>
                  <td>{when(r.occurred_at, view.locale)}</td>
                  <td>{r.staff_email ?? '–'}</td>
                  <td>{titles.get(r.activity) ?? t('audit.formerActivity')}</td>
                  <td>{(AUDIT_ACTIONS as readonly string[]).includes(r.action) ? t(`action.${r.action}`) : '–'}</td>
                  <td>{recordsText(r.record_ids, references, t)}</td>
                  <td>{auditReasonText(r.reason, view.locale)}</td>
                  <td>{r.ip ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {pageNumber > 1 || hasMore ? (
        <nav aria-label={t('audit.pages')} class="pager">
          {pageNumber > 1 ? <a href={pageLink(pageNumber - 1)}>{t('audit.newer')}</a> : null}{' '}
          {hasMore ? <a href={pageLink(pageNumber + 1)}>{t('audit.older')}</a> : null}
        </nav>
      ) : null}
    </StaffLayout>
  );
}
