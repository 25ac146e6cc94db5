import type { ComponentChildren } from 'preact';
import type { FieldErrors, FormValues } from '../../core/http/index.ts';
import { formatDateTime, type Locale, translator } from '../../core/i18n/index.ts';
import { HOLD_REASONS, type HoldReason } from '../../core/privacy/index.ts';
import {
  type Column,
  DataTable,
  Form,
  type Option,
  RadioGroup,
  SelectField,
  type StaffFrame,
  StaffLayout,
  SubmitButton,
  TextArea,
  TextField,
  type ViewContext,
} from '../../core/views/index.ts';
import { type FormKind, INBOX_PATH } from './contact.forms.ts';
import type { EventRow } from './contact.queries.ts';
import { contactStaffMessages } from './contact.staff.messages.ts';

export interface StaffPage {
  view: ViewContext;
  frame: StaffFrame;
}

/** The form on a detail page that was sent with mistakes: only it shows them. */
export interface Failed {
  form: string;
  errors: FieldErrors;
  values: FormValues;
}

export const when = (d: Date, locale: Locale) => formatDateTime(d, locale);

/** "Mo., 15.06.2026, 09:00–10:00" on the Berlin clock. */
export function slotText(start: Date, end: Date, locale: Locale): string {
  const day = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Europe/Berlin',
  }).format(start);
  const time = new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin' });
  return `${day}, ${time.format(start)}–${time.format(end)}`;
}

/**
 * The skeleton both inboxes share: title, intro, notice, the filter bar, how many rows match and
 * the table of them (or a line saying there are none).
 */
export function InboxList<R extends { id: string }>({
  view,
  frame,
  title,
  intro,
  notice,
  action,
  filters,
  rows,
  columns,
}: StaffPage & {
  title: string;
  intro: string;
  notice?: string | undefined;
  action: string;
  filters: ComponentChildren;
  rows: R[];
  columns: Column<R>[];
}) {
  const t = translator(contactStaffMessages, view.locale);
  return (
    <StaffLayout view={view} title={title} staff={frame}>
      <h1>{title}</h1>
      <p>{intro}</p>
      <Notice text={notice} />
      <FilterForm view={view} action={action}>
        {filters}
      </FilterForm>
      <p>{rows.length === 1 ? t('list.countOne') : t('list.count', { count: rows.length })}</p>
      {rows.length === 0 ? <p>{t('list.none')}</p> : <DataTable rows={rows} rowKey={(r) => r.id} columns={columns} />}
    </StaffLayout>
  );
}

/** A filter bar: plain GET form, so filters are links and work without JavaScript. */
export function FilterForm({ view, action, children }: { view: ViewContext; action: string; children: ComponentChildren }) {
  const t = translator(contactStaffMessages, view.locale);
  return (
    <form method="get" action={action} class="filters" aria-label={t('filter.title')}>
      {children}
      <button type="submit" class="button">
        {t('filter.apply')}
      </button>
    </form>
  );
}

export function Notice({ text }: { text?: string | undefined }) {
  return text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;
}

/** Text as typed, line breaks kept (escaped by Preact like any other text). */
export function Typed({ text }: { text: string }) {
  return <p class="typed">{text}</p>;
}

export function History({ view, events }: { view: ViewContext; events: EventRow[] }) {
  const t = translator(contactStaffMessages, view.locale);
  return (
    <section aria-labelledby="history">
      <h2 id="history">{t('detail.history')}</h2>
      {events.length === 0 ? (
        <p>{t('detail.noHistory')}</p>
      ) : (
        <ol class="history">
          {events.map((e) => (
            <li key={e.id}>
              <p class="history__meta">
                <strong>{t(`event.${e.kind}`)}</strong> · {when(e.occurred_at, view.locale)}
                {e.staff_name ? ` · ${e.staff_name}` : ''}
              </p>
              {e.body ? <Typed text={e.body} /> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

interface ActionFormProps extends StaffPage {
  action: string;
  failed?: Failed | undefined;
  name: string;
  /** Shown collapsed behind this summary (a page with one main action keeps the others closed). */
  summary?: string | undefined;
}

const failedOf = (failed: Failed | undefined, name: string) => (failed?.form === name ? failed : undefined);

/**
 * One action's form: a section under its own heading, or, when it is not the page's main action,
 * a <details> closed behind a summary that names it. It opens by itself when its form came back
 * with mistakes. <details> needs no JavaScript and is reached and opened with the keyboard.
 */
function ActionBlock({
  name,
  title,
  summary,
  failed,
  children,
}: {
  name: string;
  title: string;
  summary?: string | undefined;
  failed?: Failed | undefined;
  children: ComponentChildren;
}) {
  if (summary)
    return (
      <details class="action" id={`${name}-action`} open={failed?.form === name}>
        <summary class="action__summary">{summary}</summary>
        <div class="action__body">{children}</div>
      </details>
    );
  return (
    <section aria-labelledby={`${name}-title`}>
      <h2 id={`${name}-title`}>{title}</h2>
      {children}
    </section>
  );
}

export function AssignForm({
  view,
  frame,
  action,
  failed,
  name,
  summary,
  colleagues,
  current,
  labels,
}: ActionFormProps & { colleagues: { id: string; name: string }[]; current: string | null; labels: { assignee: string } }) {
  const t = translator(contactStaffMessages, view.locale);
  const f = failedOf(failed, name);
  const options: Option[] = [{ value: '', label: t('nobody') }, ...colleagues.map((c) => ({ value: c.id, label: c.name }))];
  return (
    <ActionBlock name={name} title={t('assign.title')} summary={summary} failed={failed}>
      <Form view={view} action={action} csrfToken={frame.csrfToken} errors={f?.errors} labels={labels} showRequiredNote={false}>
        <SelectField
          view={view}
          name="assignee"
          label={labels.assignee}
          hint={t('assign.hint')}
          options={options}
          values={f?.values ?? { assignee: current ?? '' }}
          errors={f?.errors}
        />
        <SubmitButton>{t('assign.submit')}</SubmitButton>
      </Form>
    </ActionBlock>
  );
}

export function NoteForm({ view, frame, action, failed, name, summary, labels }: ActionFormProps & { labels: { note: string } }) {
  const t = translator(contactStaffMessages, view.locale);
  const f = failedOf(failed, name);
  return (
    <ActionBlock name={name} title={t('note.title')} summary={summary} failed={failed}>
      <Form view={view} action={action} csrfToken={frame.csrfToken} errors={f?.errors} labels={labels} showRequiredNote={false}>
        <TextArea view={view} name="note" label={labels.note} required rows={3} values={f?.values} errors={f?.errors} maxLength={5000} />
        <SubmitButton>{t('note.submit')}</SubmitButton>
      </Form>
    </ActionBlock>
  );
}

export function MailForm({
  view,
  frame,
  action,
  failed,
  name,
  summary,
  labels,
  defaultSubject,
}: ActionFormProps & { labels: { mailSubject: string; mailText: string }; defaultSubject: string }) {
  const t = translator(contactStaffMessages, view.locale);
  const f = failedOf(failed, name);
  return (
    <ActionBlock name={name} title={t('mail.title')} summary={summary} failed={failed}>
      <p>{t('mail.hint')}</p>
      <Form view={view} action={action} csrfToken={frame.csrfToken} errors={f?.errors} labels={labels} showRequiredNote={false}>
        <TextField
          view={view}
          name="mailSubject"
          label={labels.mailSubject}
          required
          values={f?.values ?? { mailSubject: defaultSubject }}
          errors={f?.errors}
          maxLength={200}
        />
        <TextArea
          view={view}
          name="mailText"
          label={labels.mailText}
          hint={t('mail.textHint')}
          required
          rows={8}
          values={f?.values}
          errors={f?.errors}
          maxLength={20000}
        />
        <SubmitButton>{t('mail.submit')}</SubmitButton>
      </Form>
    </ActionBlock>
  );
}

export function LetterForm({
  view,
  frame,
  action,
  failed,
  name,
  summary,
  labels,
  queued,
}: ActionFormProps & { labels: { letterAddress: string; letterText: string }; queued: boolean }) {
  const t = translator(contactStaffMessages, view.locale);
  const f = failedOf(failed, name);
  return (
    <ActionBlock name={name} title={t('letter.title')} summary={summary} failed={failed}>
      <p>{t(queued ? 'letter.queueHint' : 'letter.downloadHint')}</p>
      <Form view={view} action={action} csrfToken={frame.csrfToken} errors={f?.errors} labels={labels} showRequiredNote={false}>
        <TextArea
          view={view}
          name="letterAddress"
          label={labels.letterAddress}
          hint={t('letter.addressHint')}
          required
          rows={3}
          values={f?.values}
          errors={f?.errors}
          maxLength={500}
        />
        <TextArea
          view={view}
          name="letterText"
          label={labels.letterText}
          hint={t('mail.textHint')}
          required
          rows={8}
          values={f?.values}
          errors={f?.errors}
          maxLength={20000}
        />
        <SubmitButton>{t(queued ? 'letter.submitQueue' : 'letter.submitDownload')}</SubmitButton>
      </Form>
    </ActionBlock>
  );
}

export function HandleForm({
  view,
  frame,
  action,
  failed,
  name,
  summary,
  labels,
}: ActionFormProps & { labels: Record<'keep' | 'reason' | 'until' | 'holdNote', string> }) {
  const t = translator(contactStaffMessages, view.locale);
  const f = failedOf(failed, name);
  return (
    <ActionBlock name={name} title={t('handle.title')} summary={summary} failed={failed}>
      <p>{t('handle.hint')}</p>
      <Form view={view} action={action} csrfToken={frame.csrfToken} errors={f?.errors} labels={labels} showRequiredNote={false}>
        <RadioGroup
          view={view}
          name="keep"
          label={labels.keep}
          required
          options={(['no', 'yes'] as const).map((k) => ({ value: k, label: t(`handle.keep.${k}`) }))}
          values={f?.values ?? { keep: 'no' }}
          errors={f?.errors}
        />
        <fieldset class="fieldset hold-fields">
          <legend class="field__label">{t('handle.holdLegend')}</legend>
          <SelectField
            view={view}
            name="reason"
            label={labels.reason}
            placeholder=""
            options={HOLD_REASONS.map((r: HoldReason) => ({ value: r, label: t(`reason.${r}`) }))}
            values={f?.values}
            errors={f?.errors}
          />
          <TextField view={view} name="until" type="date" label={labels.until} values={f?.values} errors={f?.errors} size="short" />
          <TextField view={view} name="holdNote" label={labels.holdNote} values={f?.values} errors={f?.errors} maxLength={500} />
        </fieldset>
        <SubmitButton>{t('handle.submit')}</SubmitButton>
      </Form>
    </ActionBlock>
  );
}

export function DoneForm({ view, frame, action }: StaffPage & { action: string }) {
  const t = translator(contactStaffMessages, view.locale);
  return (
    <section aria-labelledby="done-title">
      <h2 id="done-title">{t('done.title')}</h2>
      <p>{t('done.hint')}</p>
      <form method="post" action={action}>
        <input type="hidden" name="_csrf" value={frame.csrfToken} />
        <button type="submit" class="button">
          {t('done.submit')}
        </button>
      </form>
    </section>
  );
}

export function InboxLayout({
  view,
  frame,
  kind,
  title,
  children,
}: StaffPage & { kind: FormKind; title: string; children: ComponentChildren }) {
  const t = translator(contactStaffMessages, view.locale);
  return (
    <StaffLayout view={view} title={title} staff={frame}>
      {children}
      <p>
        <a href={INBOX_PATH[kind]}>{t('detail.back')}</a>
      </p>
    </StaffLayout>
  );
}
