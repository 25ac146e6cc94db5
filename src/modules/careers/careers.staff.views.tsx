import type { CareersConfig } from '../../core/config/index.ts';
import type { FieldErrors, FormValues } from '../../core/http/index.ts';
import { formatDateTime, type Locale, translator } from '../../core/i18n/index.ts';
import type { StoredFile } from '../../core/uploads/index.ts';
import {
  DataTable,
  Form,
  SelectField,
  type StaffFrame,
  StaffLayout,
  SubmitButton,
  TextArea,
  TextField,
  type ViewContext,
} from '../../core/views/index.ts';
import { STAFF_PATH } from './careers.forms.ts';
import { careersStaffMessages } from './careers.staff.messages.ts';
import { STAGES, STATUSES, type Status } from './careers.tables.ts';
import { formatDay, titleOf } from './careers.views.tsx';

type Category = CareersConfig['categories'][number];
type T = ReturnType<typeof translator<typeof careersStaffMessages>>;

interface Page {
  view: ViewContext;
  frame: StaffFrame;
}

const tr = (view: ViewContext): T => translator(careersStaffMessages, view.locale);

function Notice({ text }: { text?: string | undefined }) {
  return text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;
}

export interface PostingListRow {
  id: string;
  slug: string;
  category: string;
  department: string;
  title_de: string;
  title_en: string;
  closes_at: Date;
  selection_ended_at: Date | null;
  applications: number | null;
}

export function postingLabels(t: T) {
  return {
    titleDe: t('field.titleDe'),
    titleEn: t('field.titleEn'),
    category: t('field.category'),
    department: t('field.department'),
    location: t('field.location'),
    closes: t('field.closes'),
    descriptionDe: t('field.descriptionDe'),
    descriptionEn: t('field.descriptionEn'),
  };
}

export function PostingsPage({
  view,
  frame,
  rows,
  categories,
  departments,
  values,
  errors,
  notice,
}: Page & {
  rows: PostingListRow[];
  categories: readonly Category[];
  departments: { id: string; name: string }[];
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  notice?: string | undefined;
}) {
  const t = tr(view);
  const L = view.locale;
  const labels = postingLabels(t);
  const dept = (id: string) => departments.find((d) => d.id === id)?.name ?? id;
  return (
    <StaffLayout view={view} title={t('postings.title')} staff={frame}>
      <h1>{t('postings.title')}</h1>
      <Notice text={notice} />
      {rows.length === 0 ? (
        <p>{t('postings.none')}</p>
      ) : (
        <DataTable
          rows={rows}
          rowKey={(r) => r.id}
          caption={t('postings.title')}
          columns={[
            { header: t('col.title'), cell: (r) => <a href={`${STAFF_PATH.applications}?stelle=${r.id}`}>{titleOf(r, L)}</a> },
            { header: t('col.category'), cell: (r) => categories.find((c) => c.id === r.category)?.name[L] ?? r.category },
            { header: t('col.department'), cell: (r) => dept(r.department) },
            { header: t('col.closes'), cell: (r) => formatDay(r.closes_at, L) },
            { header: t('col.applications'), cell: (r) => String(r.applications ?? 0) },
            {
              header: t('col.state'),
              cell: (r) =>
                r.selection_ended_at ? t('posting.endedOn', { date: formatDay(r.selection_ended_at, L) }) : t('posting.running'),
            },
            {
              header: t('col.action'),
              cell: (r) =>
                r.selection_ended_at ? null : (
                  <form method="post" action={`${STAFF_PATH.postings}/${r.id}/auswahl-beenden`}>
                    <input type="hidden" name="_csrf" value={frame.csrfToken} />
                    <button
                      type="submit"
                      class="button button--small button--secondary"
                      aria-label={`${t('postings.endSelection')}: ${titleOf(r, L)}`}
                    >
                      {t('postings.endSelection')}
                    </button>
                  </form>
                ),
            },
          ]}
        />
      )}
      <h2>{t('postings.new')}</h2>
      <Form view={view} action={STAFF_PATH.postings} errors={errors} labels={labels} csrfToken={frame.csrfToken}>
        <TextField view={view} name="titleDe" label={labels.titleDe} required values={values} errors={errors} maxLength={200} />
        <TextField view={view} name="titleEn" label={labels.titleEn} required values={values} errors={errors} maxLength={200} />
        <SelectField
          view={view}
          name="category"
          label={labels.category}
          required
          placeholder={t('field.choose')}
          options={categories.map((c) => ({ value: c.id, label: c.name[L] }))}
          values={values}
          errors={errors}
        />
        <SelectField
          view={view}
          name="department"
          label={labels.department}
          required
          placeholder={t('field.choose')}
          options={departments.map((d) => ({ value: d.id, label: d.name }))}
          values={values}
          errors={errors}
        />
        <TextField
          view={view}
          name="location"
          label={labels.location}
          required
          values={values}
          errors={errors}
          size="medium"
          maxLength={100}
        />
        <TextField view={view} name="closes" label={labels.closes} required values={values} errors={errors} size="short" maxLength={10} />
        <TextArea
          view={view}
          name="descriptionDe"
          label={labels.descriptionDe}
          required
          values={values}
          errors={errors}
          maxLength={20000}
        />
        <TextArea
          view={view}
          name="descriptionEn"
          label={labels.descriptionEn}
          required
          values={values}
          errors={errors}
          maxLength={20000}
        />
        <SubmitButton>{t('postings.create')}</SubmitButton>
      </Form>
    </StaffLayout>
  );
}

export interface ApplicationListRow {
  id: string;
  reference: string;
  name: string | null;
  status: Status;
  created_at: Date;
  title_de: string;
  title_en: string;
}

export function ApplicationsPage({ view, frame, rows, seesAll }: Page & { rows: ApplicationListRow[]; seesAll: boolean }) {
  const t = tr(view);
  const L = view.locale;
  return (
    <StaffLayout view={view} title={t('applications.title')} staff={frame}>
      <h1>{t('applications.title')}</h1>
      <p>{t(seesAll ? 'applications.intro.all' : 'applications.intro.some')}</p>
      {rows.length === 0 ? (
        <p>{t('applications.none')}</p>
      ) : (
        <DataTable
          rows={rows}
          rowKey={(r) => r.id}
          caption={t('applications.title')}
          columns={[
            { header: t('col.reference'), cell: (r) => <a href={`${STAFF_PATH.applications}/${r.id}`}>{r.reference}</a> },
            { header: t('col.name'), cell: (r) => r.name },
            { header: t('col.title'), cell: (r) => titleOf(r, L) },
            { header: t('col.received'), cell: (r) => formatDateTime(r.created_at, L) },
            { header: t('col.status'), cell: (r) => t(`stage.${r.status}`) },
          ]}
        />
      )}
    </StaffLayout>
  );
}

export interface DetailData {
  id: string;
  reference: string;
  status: Status;
  name: string | null;
  email: string | null;
  phone: string | null;
  message: string | null;
  answers: Record<string, string> | null;
  created_at: Date;
  title_de: string;
  title_en: string;
  forwarded_to: string | null;
  selection_ended_at: Date | null;
}

export interface EventView {
  id: string;
  kind: string;
  body: string | null;
  occurred_at: Date;
  staff_name: string | null;
}

export interface Failed {
  form: 'status' | 'note' | 'mail' | 'export' | 'hold';
  values: FormValues;
  errors: FieldErrors;
}

export function actionLabels(t: T) {
  return {
    status: { status: t('status.field') },
    note: { note: t('note.field') },
    mail: { mailSubject: t('mail.subject'), mailText: t('mail.text') },
    export: { reason: t('export.reason') },
    hold: { until: t('hold.until'), holdNote: t('hold.note') },
  };
}

export function DetailPage({
  view,
  frame,
  a,
  category,
  files,
  events,
  canForward,
  department,
  isHr,
  held,
  failed,
  notice,
}: Page & {
  a: DetailData;
  category: Category | undefined;
  files: StoredFile[];
  events: EventView[];
  canForward: boolean;
  department: string;
  isHr: boolean;
  held: Date | null;
  failed?: Failed | undefined;
  notice?: string | undefined;
}) {
  const t = tr(view);
  const L = view.locale;
  const title = t('detail.title', { reference: a.reference });
  const base = `${STAFF_PATH.applications}/${a.id}`;
  const labels = actionLabels(t);
  const f = (form: Failed['form']) => (failed?.form === form ? failed : undefined);
  const fieldLabel = (id: string) => category?.fields.find((x) => x.id === id)?.label[L] ?? id;
  const fieldValue = (id: string, v: string) =>
    category?.fields.find((x) => x.id === id)?.options.find((o) => o.value === v)?.label[L] ?? v;
  return (
    <StaffLayout view={view} title={title} staff={frame}>
      <h1>{title}</h1>
      <Notice text={notice} />
      {held ? <p class="notice">{t('detail.held', { date: formatDay(held, L) })}</p> : null}
      <dl class="facts">
        <dt>{t('detail.position')}</dt>
        <dd>{titleOf(a, L)}</dd>
        <dt>{t('col.status')}</dt>
        <dd>{t(`stage.${a.status}`)}</dd>
        <dt>{t('col.name')}</dt>
        <dd>{a.name}</dd>
        <dt>{t('detail.email')}</dt>
        <dd>{a.email}</dd>
        {a.phone ? (
          <>
            <dt>{t('detail.phone')}</dt>
            <dd>{a.phone}</dd>
          </>
        ) : null}
        <dt>{t('col.received')}</dt>
        <dd>{formatDateTime(a.created_at, L)}</dd>
        {Object.entries(a.answers ?? {}).map(([k, v]) => (
          <>
            <dt key={`${k}-t`}>{fieldLabel(k)}</dt>
            <dd key={`${k}-d`}>{fieldValue(k, v)}</dd>
          </>
        ))}
      </dl>
      {a.message ? (
        <>
          <h2>{t('detail.message')}</h2>
          <p class="pre-line">{a.message}</p>
        </>
      ) : null}
      <h2>{t('detail.files')}</h2>
      <ul>
        {files.map((file) => (
          <li key={file.id}>
            <a href={`${base}/dateien/${file.id}`}>{t('detail.download', { name: file.originalName })}</a>
          </li>
        ))}
      </ul>
      {canForward ? (
        <section aria-labelledby="forward">
          <h2 id="forward">{t('forward.title')}</h2>
          <form method="post" action={`${base}/weiterleiten`}>
            <input type="hidden" name="_csrf" value={frame.csrfToken} />
            <button type="submit" class="button">
              {t('forward.button', { department })}
            </button>
          </form>
        </section>
      ) : null}
      <section aria-labelledby="status">
        <h2 id="status">{t('status.title')}</h2>
        <Form
          view={view}
          action={`${base}/status`}
          csrfToken={frame.csrfToken}
          errors={f('status')?.errors}
          labels={labels.status}
          showRequiredNote={false}
        >
          <SelectField
            view={view}
            name="status"
            label={labels.status.status}
            required
            options={STATUSES.filter((s) => s !== 'received' && s !== 'forwarded').map((s) => ({ value: s, label: t(`stage.${s}`) }))}
            values={f('status')?.values ?? { status: a.status }}
            errors={f('status')?.errors}
          />
          <SubmitButton>{t('status.button')}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="note">
        <h2 id="note">{t('note.title')}</h2>
        <Form
          view={view}
          action={`${base}/notiz`}
          csrfToken={frame.csrfToken}
          errors={f('note')?.errors}
          labels={labels.note}
          showRequiredNote={false}
        >
          <TextArea
            view={view}
            name="note"
            label={labels.note.note}
            required
            values={f('note')?.values}
            errors={f('note')?.errors}
            rows={3}
            maxLength={5000}
          />
          <SubmitButton>{t('note.button')}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="mail">
        <h2 id="mail">{t('mail.title')}</h2>
        <Form
          view={view}
          action={`${base}/mail`}
          csrfToken={frame.csrfToken}
          errors={f('mail')?.errors}
          labels={labels.mail}
          showRequiredNote={false}
        >
          <TextField
            view={view}
            name="mailSubject"
            label={labels.mail.mailSubject}
            required
            values={f('mail')?.values}
            errors={f('mail')?.errors}
            maxLength={200}
          />
          <TextArea
            view={view}
            name="mailText"
            label={labels.mail.mailText}
            required
            values={f('mail')?.values}
            errors={f('mail')?.errors}
            maxLength={20000}
          />
          <SubmitButton>{t('mail.button')}</SubmitButton>
        </Form>
      </section>
      {isHr && a.status === 'hired' ? (
        <section aria-labelledby="export">
          <h2 id="export">{t('export.title')}</h2>
          <p>{t('export.intro')}</p>
          <Form
            view={view}
            action={`${base}/uebergabe`}
            csrfToken={frame.csrfToken}
            errors={f('export')?.errors}
            labels={labels.export}
            showRequiredNote={false}
          >
            <TextField
              view={view}
              name="reason"
              label={labels.export.reason}
              required
              values={f('export')?.values}
              errors={f('export')?.errors}
              maxLength={300}
            />
            <SubmitButton>{t('export.button')}</SubmitButton>
          </Form>
        </section>
      ) : null}
      {isHr ? (
        <section aria-labelledby="hold">
          <h2 id="hold">{t('hold.title')}</h2>
          <Form
            view={view}
            action={`${base}/sperre`}
            csrfToken={frame.csrfToken}
            errors={f('hold')?.errors}
            labels={labels.hold}
            showRequiredNote={false}
          >
            <TextField
              view={view}
              name="until"
              label={labels.hold.until}
              required
              values={f('hold')?.values}
              errors={f('hold')?.errors}
              size="short"
              maxLength={10}
            />
            <TextField
              view={view}
              name="holdNote"
              label={labels.hold.holdNote}
              required
              values={f('hold')?.values}
              errors={f('hold')?.errors}
              maxLength={500}
            />
            <SubmitButton>{t('hold.button')}</SubmitButton>
          </Form>
        </section>
      ) : null}
      <h2>{t('detail.history')}</h2>
      <ul>
        {events.map((e) => (
          <li key={e.id}>
            {formatDateTime(e.occurred_at, L)} · {e.staff_name ?? ''} ·{' '}
            {e.kind === 'status' ? t('event.status', { status: t(`stage.${e.body as Status}`) }) : t(`event.${e.kind as 'note'}`)}
            {e.kind === 'note' || e.kind === 'mail' ? <span class="pre-line">: {e.body}</span> : null}
          </li>
        ))}
      </ul>
    </StaffLayout>
  );
}

export interface StatsCell {
  label: string;
  total: number | null;
  byStage: Record<string, number | null>;
}

/** A suppressed count (null) reads "fewer than 5"; see `suppressSmallGroups`. */
export function shownCount(n: number | null, t: T): string {
  return n === null ? t('stats.small') : String(n);
}

export function StatisticsPage({ view, frame, byPosting, byCategory }: Page & { byPosting: StatsCell[]; byCategory: StatsCell[] }) {
  const t = tr(view);
  const stages = STAGES;
  const table = (rows: StatsCell[], caption: string) => (
    <DataTable
      rows={rows}
      rowKey={(r) => r.label}
      caption={caption}
      columns={[
        { header: t('col.title'), cell: (r) => r.label },
        { header: t('stats.total'), cell: (r) => shownCount(r.total, t) },
        ...stages.map((s) => ({ header: t(`stage.${s}`), cell: (r: StatsCell) => shownCount(r.byStage[s] ?? null, t) })),
      ]}
    />
  );
  return (
    <StaffLayout view={view} title={t('stats.title')} staff={frame}>
      <h1>{t('stats.title')}</h1>
      <p>{t('stats.intro')}</p>
      <h2>{t('stats.byPosting')}</h2>
      {table(byPosting, t('stats.byPosting'))}
      <h2>{t('stats.byCategory')}</h2>
      {table(byCategory, t('stats.byCategory'))}
    </StaffLayout>
  );
}

export const localeOf = (view: ViewContext): Locale => view.locale;
