import type { Selectable } from 'kysely';
import type { FieldErrors, FormValues } from '../../core/forms/index.ts';
import { formatDateTime, formatNumber, translator } from '../../core/i18n/index.ts';
import type { BreachesTable, RestrictionsTable } from '../../core/privacy/index.ts';
import {
  DataTable,
  Form,
  RadioGroup,
  type StaffFrame,
  StaffLayout,
  SubmitButton,
  TextArea,
  TextField,
  type ViewContext,
} from '../../core/views/index.ts';
import { hoursLeft, notifyBy } from './gdpr.breaches.ts';
import type { RecordWords } from './gdpr.record-words.ts';
import { rightsMessages } from './gdpr.rights.messages.ts';
import { dpoRecordsMessages } from './gdpr.staff.records.messages.ts';

interface Page {
  view: ViewContext;
  frame: StaffFrame;
}
type Breach = Selectable<BreachesTable>;
const day = (d: Date, locale: 'de' | 'en') => formatDateTime(d, locale).split(',')[0] as string;

export function RopaPage({ view, frame }: Page) {
  const t = translator(dpoRecordsMessages, view.locale);
  return (
    <StaffLayout view={view} title={t('ropa.title')} staff={frame}>
      <h1>{t('ropa.title')}</h1>
      <p>{t('ropa.intro')}</p>
      <ul>
        <li>
          <a href="/staff/datenschutz/verzeichnis/pdf">{t('ropa.pdf')}</a>
        </li>
        <li>
          <a href="/staff/datenschutz/verzeichnis/json">{t('ropa.json')}</a>
        </li>
      </ul>
    </StaffLayout>
  );
}

export function RestrictionsPage({
  view,
  frame,
  rows,
  titleOf,
  recordText,
  errors,
  values,
}: Page & {
  rows: Selectable<RestrictionsTable>[];
  titleOf: (id: string) => string;
  recordText: RecordWords;
  errors?: FieldErrors;
  values?: FormValues;
}) {
  const t = translator(rightsMessages, view.locale);
  return (
    <StaffLayout view={view} title={t('lift.title')} staff={frame}>
      <h1>{t('lift.title')}</h1>
      <p>{t('lift.intro')}</p>
      {rows.length ? (
        <DataTable
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            { header: t('col.activity'), cell: (r) => titleOf(r.activity) },
            { header: t('col.record'), cell: (r) => recordText({ table: r.table_name, recordId: r.record_id }) },
            { header: t('col.since'), cell: (r) => formatDateTime(r.set_at, view.locale) },
            { header: t('col.note'), cell: (r) => r.note },
            {
              header: t('col.lift'),
              cell: (r) => {
                const name = `liftReason-${rows.indexOf(r)}`;
                const mine = values?.id === r.id;
                return (
                  <Form
                    view={view}
                    action={`/staff/datenschutz/einschraenkungen/${r.id}/aufheben`}
                    errors={mine ? errors : undefined}
                    labels={{ [name]: t('lift.reason') }}
                    csrfToken={frame.csrfToken}
                    showRequiredNote={false}
                  >
                    <input type="hidden" name="id" value={r.id} />
                    <input type="hidden" name="field" value={name} />
                    <TextField
                      view={view}
                      name={name}
                      label={t('lift.reason')}
                      required
                      values={mine ? values : undefined}
                      errors={mine ? errors : undefined}
                    />
                    <SubmitButton>{t('lift.submit')}</SubmitButton>
                  </Form>
                );
              },
            },
          ]}
        />
      ) : (
        <p>{t('lift.none')}</p>
      )}
    </StaffLayout>
  );
}

function Clock({ view, breach, now }: { view: ViewContext; breach: Breach; now: Date }) {
  const t = translator(dpoRecordsMessages, view.locale);
  const hours = hoursLeft(breach, now);
  if (hours === null) return t('clock.done');
  const date = formatDateTime(notifyBy(breach.discovered_at), view.locale);
  if (hours >= 0) return t('clock.left', { hours, date });
  return <strong class="status--overdue">{t('clock.over', { hours: -hours, date })}</strong>;
}

const decisionText = (b: Breach, t: ReturnType<typeof translator<typeof dpoRecordsMessages>>) =>
  b.decision ? t(`decision.${b.decision}`) : t('decision.open');

export function BreachesPage({
  view,
  frame,
  rows,
  now,
  errors,
  values,
}: Page & { rows: Breach[]; now: Date; errors?: FieldErrors; values?: FormValues }) {
  const t = translator(dpoRecordsMessages, view.locale);
  const labels = {
    description: t('breach.description'),
    occurredOn: t('breach.occurredAt'),
    discoveredOn: t('breach.discoveredAt'),
    discoveredTime: t('breach.discoveredTime'),
    dataCategories: t('breach.dataCategories'),
    peopleAffected: t('breach.peopleAffected'),
    consequences: t('breach.consequences'),
    measures: t('breach.measures'),
  };
  return (
    <StaffLayout view={view} title={t('breach.title')} staff={frame}>
      <h1>{t('breach.title')}</h1>
      <p>{t('breach.intro')}</p>
      {rows.length ? (
        <DataTable
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            { header: t('col.reference'), cell: (r) => <a href={`/staff/datenschutz/vorfaelle/${r.id}`}>{r.reference}</a> },
            { header: t('col.discovered'), cell: (r) => formatDateTime(r.discovered_at, view.locale) },
            { header: t('col.people'), cell: (r) => formatNumber(r.people_affected, view.locale) },
            { header: t('col.clock'), cell: (r) => <Clock view={view} breach={r} now={now} /> },
            { header: t('col.decision'), cell: (r) => decisionText(r, t) },
          ]}
        />
      ) : (
        <p>{t('breach.none')}</p>
      )}
      <h2>{t('breach.new')}</h2>
      <Form view={view} action="/staff/datenschutz/vorfaelle" errors={errors} labels={labels} csrfToken={frame.csrfToken}>
        <TextArea view={view} name="description" label={labels.description} required values={values} errors={errors} rows={4} />
        <TextField
          view={view}
          name="occurredOn"
          label={labels.occurredOn}
          hint={t('breach.dateHint')}
          values={values}
          errors={errors}
          size="short"
        />
        <TextField
          view={view}
          name="discoveredOn"
          label={labels.discoveredOn}
          hint={t('breach.dateHint')}
          required
          values={values}
          errors={errors}
          size="short"
        />
        <TextField
          view={view}
          name="discoveredTime"
          label={labels.discoveredTime}
          hint={t('breach.timeHint')}
          required
          values={values}
          errors={errors}
          size="short"
        />
        <TextField view={view} name="dataCategories" label={labels.dataCategories} required values={values} errors={errors} />
        <TextField
          view={view}
          name="peopleAffected"
          label={labels.peopleAffected}
          required
          values={values}
          errors={errors}
          size="short"
          inputMode="numeric"
        />
        <TextArea view={view} name="consequences" label={labels.consequences} required values={values} errors={errors} rows={3} />
        <TextArea view={view} name="measures" label={labels.measures} required values={values} errors={errors} rows={3} />
        <SubmitButton>{t('breach.submit')}</SubmitButton>
      </Form>
    </StaffLayout>
  );
}

export function BreachDetailPage({
  view,
  frame,
  breach,
  now,
  errors,
  values,
}: Page & { breach: Breach; now: Date; errors?: FieldErrors; values?: FormValues }) {
  const t = translator(dpoRecordsMessages, view.locale);
  const labels = { decision: t('decide.decision'), reason: t('decide.reason'), notifiedOn: t('decide.notifiedOn') };
  const facts: [string, string][] = [
    [t('breach.description'), breach.description],
    [t('detail.occurred'), breach.occurred_at ? day(breach.occurred_at, view.locale) : t('unknown')],
    [t('col.discovered'), formatDateTime(breach.discovered_at, view.locale)],
    [t('breach.dataCategories'), breach.data_categories],
    [t('col.people'), formatNumber(breach.people_affected, view.locale)],
    [t('breach.consequences'), breach.consequences],
    [t('breach.measures'), breach.measures],
  ];
  return (
    <StaffLayout view={view} title={breach.reference} staff={frame}>
      <h1>{breach.reference}</h1>
      <dl class="facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
        <div>
          <dt>{t('col.clock')}</dt>
          <dd>
            <Clock view={view} breach={breach} now={now} />
          </dd>
        </div>
        <div>
          <dt>{t('col.decision')}</dt>
          <dd>
            {breach.decision && breach.decided_at
              ? t('decide.decidedOn', { date: day(breach.decided_at, view.locale), decision: decisionText(breach, t) })
              : t('decision.open')}
            {breach.decision_reason ? ` – ${breach.decision_reason}` : ''}
          </dd>
        </div>
        {breach.notified_at ? (
          <div>
            <dt>{t('detail.notified')}</dt>
            <dd>{day(breach.notified_at, view.locale)}</dd>
          </div>
        ) : null}
      </dl>
      {breach.decision ? null : (
        <>
          <h2>{t('decide.title')}</h2>
          <Form
            view={view}
            action={`/staff/datenschutz/vorfaelle/${breach.id}/entscheidung`}
            errors={errors}
            labels={labels}
            csrfToken={frame.csrfToken}
          >
            <RadioGroup
              view={view}
              name="decision"
              label={labels.decision}
              required
              options={[
                { value: 'notify', label: t('decision.notify') },
                { value: 'no-notification', label: t('decision.no-notification') },
              ]}
              values={values}
              errors={errors}
            />
            <TextArea view={view} name="reason" label={labels.reason} required values={values} errors={errors} rows={3} />
            <TextField
              view={view}
              name="notifiedOn"
              label={labels.notifiedOn}
              hint={t('decide.notifiedHint')}
              values={values}
              errors={errors}
              size="short"
            />
            <SubmitButton>{t('decide.submit')}</SubmitButton>
          </Form>
        </>
      )}
    </StaffLayout>
  );
}
