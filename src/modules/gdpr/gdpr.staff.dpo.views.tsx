import type { Selectable } from 'kysely';
import type { FieldErrors, FormValues } from '../../core/forms/index.ts';
import { formatDateTime, translator } from '../../core/i18n/index.ts';
import {
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
            {report.rules.map((r) => (
              <li key={`${r.activity}/${r.rule}`}>
                {r.activity}/{r.rule}: {r.affected}
              </li>
            ))}
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
      <HoldTable view={view} holds={holds} />
    </StaffLayout>
  );
}

function HoldTable({ view, holds, csrfToken }: { view: ViewContext; holds: Selectable<LegalHoldsTable>[]; csrfToken?: string }) {
  const t = translator(dpoMessages, view.locale);
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
            <td>{h.activity}</td>
            <td>
              {h.table_name} {h.record_id}
            </td>
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
      <HoldTable view={view} holds={holds} csrfToken={frame.csrfToken} />
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
            .map((tbl) => ({ value: tbl, label: tbl }))}
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

export function AuditPage({
  view,
  frame,
  rows,
  values,
  activities,
}: Page & { rows: Selectable<AuditLogTable>[] | null; values: FormValues; activities: readonly ProcessingActivity[] }) {
  const t = translator(dpoMessages, view.locale);
  const actions = ['read', 'export', 'change', 'delete', 'hold', 'release', 'erase'];
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
          options={actions.map((a) => ({ value: a, label: a }))}
          values={values}
        />
        <TextField view={view} name="record" label={t('col.record')} values={values} size="medium" />
        <TextField view={view} name="from" type="date" label={t('audit.from')} values={values} size="short" />
        <TextField view={view} name="to" type="date" label={t('audit.to')} values={values} size="short" />
        <SubmitButton>{t('audit.search')}</SubmitButton>
      </form>
      {rows ? (
        <>
          <h2>{t('audit.results', { count: rows.length })}</h2>
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
                  <td>{r.activity}</td>
                  <td>{r.action}</td>
                  <td>
                    {r.record_ids.length > 5
                      ? `${r.record_ids.slice(0, 5).join(', ')} … (${r.record_ids.length})`
                      : r.record_ids.join(', ')}
                  </td>
                  <td>{r.reason ?? ''}</td>
                  <td>{r.ip ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </StaffLayout>
  );
}
