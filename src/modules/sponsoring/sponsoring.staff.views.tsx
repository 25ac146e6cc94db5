import type { Config } from '../../core/config/index.ts';
import type { FieldErrors, FormValues } from '../../core/http/index.ts';
import { formatDateTime, translator } from '../../core/i18n/index.ts';
import type { StoredFile } from '../../core/uploads/index.ts';
import {
  CheckboxGroup,
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
import { formatEuro } from './sponsoring.format.ts';
import { sponsoringMessages } from './sponsoring.messages.ts';
import type { Criterion, PublicProject } from './sponsoring.projects.ts';
import { sponsoringStaffMessages } from './sponsoring.staff.messages.ts';
import type { SponsoringProjectsTable } from './sponsoring.tables.ts';

export const STAFF_PATH = { list: '/staff/sponsoring/bewerbungen', paper: '/staff/sponsoring/papierstimmzettel' } as const;

export function ApplicationsPage({
  view,
  frame,
  cycleName,
  rows,
}: {
  view: ViewContext;
  frame: StaffFrame;
  cycleName: string;
  rows: SponsoringProjectsTable[];
}) {
  const t = translator(sponsoringStaffMessages, view.locale);
  const L = view.locale;
  const title = t('listTitle', { cycle: cycleName });
  return (
    <StaffLayout view={view} title={title} staff={frame}>
      <h1>{title}</h1>
      {rows.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <DataTable
          rows={rows}
          rowKey={(r) => r.id}
          caption={title}
          columns={[
            { header: t('title'), cell: (r) => <a href={`${STAFF_PATH.list}/${r.id}`}>{r.title || '–'}</a> },
            { header: t('sponsor'), cell: (r) => r.sponsor_name ?? '–' },
            { header: t('budget'), cell: (r) => formatEuro(r.budget_cents, L) },
            { header: t('status'), cell: (r) => t(`status.${r.status}`) },
            { header: t('received'), cell: (r) => formatDateTime(r.created_at, L) },
          ]}
        />
      )}
    </StaffLayout>
  );
}

export function ApplicationPage({
  view,
  frame,
  row,
  files,
  criteria,
  open,
  errors,
  values,
}: {
  view: ViewContext;
  frame: StaffFrame;
  row: SponsoringProjectsTable;
  files: StoredFile[];
  criteria: Criterion[];
  open: boolean;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}) {
  const t = translator(sponsoringStaffMessages, view.locale);
  const L = view.locale;
  const labels = { criteria: t('criteria'), decision: t('decision'), reason: t('reason') };
  const met = new Set(row.criteria_met.split(',').filter(Boolean));
  return (
    <StaffLayout view={view} title={row.title} staff={frame}>
      <h1>{row.title}</h1>
      <p>
        <a href={STAFF_PATH.list}>{t('nav')}</a>
      </p>
      <dl>
        <dt>{t('status')}</dt>
        <dd>{t(`status.${row.status}`)}</dd>
        <dt>{t('budget')}</dt>
        <dd>{formatEuro(row.budget_cents, L)}</dd>
        <dt>{t('sponsor')}</dt>
        <dd>{row.sponsor_name}</dd>
        <dt>{t('address')}</dt>
        <dd>{`${row.sponsor_street}, ${row.sponsor_postcode} ${row.sponsor_city}`}</dd>
        <dt>{t('contact')}</dt>
        <dd>{`${row.contact_name}, ${row.contact_email}, ${row.contact_phone}`}</dd>
        <dt>{t('received')}</dt>
        <dd>{formatDateTime(row.created_at, L)}</dd>
      </dl>
      <h2>{t('description')}</h2>
      <div class="prose">
        {(row.description ?? '').split(/\n{2,}/).map((p) => (
          <p key={p}>{p}</p>
        ))}
      </div>
      {files.length ? (
        <>
          <h2>{t('files')}</h2>
          <ul>
            {files.map((f) => (
              <li key={f.id}>
                <a href={`${STAFF_PATH.list}/${row.id}/dateien/${f.id}/original`}>{f.originalName}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t('decision')}</h2>
      {row.status !== 'submitted' ? (
        <p>{t('decided', { status: t(`status.${row.status}`), reason: row.decision_reason ?? '' })}</p>
      ) : open ? (
        <Form view={view} action={`${STAFF_PATH.list}/${row.id}`} errors={errors} labels={labels} csrfToken={frame.csrfToken}>
          <CheckboxGroup
            view={view}
            name="criteria"
            label={labels.criteria}
            options={criteria.map((c) => ({ value: c.id, label: c[L] }))}
            values={values ?? { criteria: [...met] }}
            errors={errors}
          />
          <RadioGroup
            view={view}
            name="decision"
            label={labels.decision}
            required
            options={[
              { value: 'approve', label: t('approve') },
              { value: 'reject', label: t('reject') },
            ]}
            values={values}
            errors={errors}
          />
          <TextArea view={view} name="reason" label={labels.reason} values={values} errors={errors} rows={4} maxLength={2000} />
          <SubmitButton>{t('submit')}</SubmitButton>
        </Form>
      ) : (
        <p>{t('error.phase')}</p>
      )}
    </StaffLayout>
  );
}

export function PaperBallotPage({
  view,
  frame,
  projects,
  open,
  config,
  errors,
  values,
  notice,
}: {
  view: ViewContext;
  frame: StaffFrame;
  projects: PublicProject[];
  open: boolean;
  config: Config;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
  notice?: string | undefined;
}) {
  const t = translator(sponsoringStaffMessages, view.locale);
  const tp = translator(sponsoringMessages, view.locale);
  const labels = Object.fromEntries(
    projects.map((p) => [`p${p.number}`, tp('ballot.votesFor', { title: `${tp('project.number', { n: p.number })} ${p.title}` })]),
  );
  return (
    <StaffLayout view={view} title={t('paperTitle')} staff={frame}>
      <h1>{t('paperTitle')}</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {!open ? (
        <p>{t('paperClosed')}</p>
      ) : (
        <>
          <p class="prose">{t('paperIntro', { votes: config.SPONSORING_VOTES, max: config.SPONSORING_MAX_PROJECTS_PER_BALLOT })}</p>
          <Form view={view} action={STAFF_PATH.paper} errors={errors} labels={labels} csrfToken={frame.csrfToken} showRequiredNote={false}>
            {projects.map((p) => (
              <TextField
                key={p.id}
                view={view}
                name={`p${p.number}`}
                type="number"
                label={labels[`p${p.number}`] as string}
                values={values}
                errors={errors}
                size="short"
                inputMode="numeric"
              />
            ))}
            <SubmitButton>{t('paperSubmit')}</SubmitButton>
          </Form>
        </>
      )}
    </StaffLayout>
  );
}
