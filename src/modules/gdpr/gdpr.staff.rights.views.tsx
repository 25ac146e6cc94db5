import type { FieldErrors, FormValues } from '../../core/forms/index.ts';
import { formatDateTime, translator } from '../../core/i18n/index.ts';
import type { DsrKind, SubjectRecord } from '../../core/privacy/index.ts';
import { CheckboxGroup, Form, RadioGroup, SubmitButton, TextField, type ViewContext } from '../../core/views/index.ts';
import { dayInWords, deadlineInWords } from './gdpr.deadlines.ts';
import { fieldMessages, rightsMessages } from './gdpr.rights.messages.ts';
import { recordKey } from './gdpr.rights.ts';

interface RequestFacts {
  id: string;
  kind: DsrKind;
  status: string;
  deadline_at: Date | null;
  extended_at: Date | null;
  extension_reason: string | null;
}

/** The deadline in words and as a date (Europe/Berlin), with how it was extended. */
export function DeadlineText({ view, request, now }: { view: ViewContext; request: RequestFacts; now: Date }) {
  const t = translator(rightsMessages, view.locale);
  if (!request.deadline_at) return <>–</>;
  const words =
    request.status === 'open' ? deadlineInWords(request.deadline_at, now, view.locale) : dayInWords(request.deadline_at, view.locale);
  const overdue = request.status === 'open' && request.deadline_at <= now;
  return (
    <>
      {overdue ? <strong class="status--overdue">{words}</strong> : words}
      {request.extended_at ? (
        <>
          <br />
          {t('deadline.extended', {
            date: formatDateTime(request.extended_at, view.locale).split(',')[0] as string,
            reason: request.extension_reason ?? '',
          })}
        </>
      ) : null}
    </>
  );
}

/** The messages of one form only: every form of the page shares the route's errors. */
const only = (errors: FieldErrors | undefined, keep: (name: string) => boolean): FieldErrors | undefined => {
  if (!errors) return undefined;
  const mine = Object.fromEntries(Object.entries(errors).filter(([k]) => keep(k)));
  return Object.keys(mine).length ? mine : undefined;
};

export const fieldLabel = (key: string, locale: 'de' | 'en') =>
  Object.hasOwn(fieldMessages, key) ? translator(fieldMessages, locale)(key as keyof typeof fieldMessages) : key;

/** Extending the deadline once, with a reason that goes to the person. */
export function ExtendForm({
  view,
  base,
  csrfToken,
  request,
  now,
  errors,
  values,
}: {
  view: ViewContext;
  base: string;
  csrfToken: string;
  request: RequestFacts;
  now: Date;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}) {
  const t = translator(rightsMessages, view.locale);
  if (request.status !== 'open' || request.extended_at || !request.deadline_at || request.deadline_at <= now) return null;
  const extendErrors = only(errors, (k) => k === 'extendReason');
  return (
    <section aria-labelledby="extend">
      <h2 id="extend">{t('extend.title')}</h2>
      <p>{t('extend.intro')}</p>
      <Form
        view={view}
        action={`${base}/verlaengern`}
        errors={extendErrors}
        labels={{ extendReason: t('extend.reason') }}
        csrfToken={csrfToken}
        showRequiredNote={false}
      >
        <TextField view={view} name="extendReason" label={t('extend.reason')} required values={values} errors={extendErrors} />
        <SubmitButton>{t('extend.submit')}</SubmitButton>
      </Form>
    </section>
  );
}

/**
 * What the found records allow for the request's kind: corrections (rectification), restriction
 * (rectification, restriction, objection: Art. 18(1) a, d), the portability export. Only records
 * the member may read reach this view.
 */
export function RightsActions({
  view,
  base,
  csrfToken,
  request,
  records,
  errors,
  values,
  notice,
}: {
  view: ViewContext;
  base: string;
  csrfToken: string;
  request: RequestFacts;
  records: SubjectRecord[];
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
  notice?: string | undefined;
}) {
  const t = translator(rightsMessages, view.locale);
  const open = request.status === 'open';
  const correctable = records.filter((r) => r.correctable?.length && !r.restricted);
  // The engine's own proof of requests is not what a restriction is about.
  const restrictable = records.filter((r) => !r.restricted && !r.activity.startsWith('privacy.'));
  const restrictErrors = only(errors, (k) => k.startsWith('restrict'));
  const portErrors = only(errors, (k) => k.startsWith('port'));
  const fixErrors = only(errors, (k) => k.startsWith('fix-') || k === 'record');
  const restricted = records.filter((r) => r.restricted);
  return (
    <>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {restricted.length ? (
        <p>
          <strong>{t('restricted.badge')}:</strong> {restricted.map((r) => r.summary[view.locale]).join('; ')}
        </p>
      ) : null}
      {open && request.kind === 'rectification' && correctable.length ? (
        <section aria-labelledby="rectify">
          <h2 id="rectify">{t('rectify.title')}</h2>
          <p>{t('rectify.intro')}</p>
          {correctable.map((r, i) => {
            const fields = r.correctable ?? [];
            const name = (k: string) => `fix-${i}-${k}`;
            const mine = values?.record === recordKey(r);
            const current: FormValues = mine
              ? values
              : Object.fromEntries(fields.map((k) => [name(k), r.data[k] === null || r.data[k] === undefined ? '' : String(r.data[k])]));
            return (
              <Form
                key={recordKey(r)}
                view={view}
                action={`${base}/berichtigen`}
                errors={mine ? fixErrors : undefined}
                labels={Object.fromEntries(fields.map((k) => [name(k), fieldLabel(k, view.locale)]))}
                csrfToken={csrfToken}
                showRequiredNote={false}
              >
                <h3>{r.summary[view.locale]}</h3>
                <input type="hidden" name="record" value={recordKey(r)} />
                {fields.map((k) => (
                  <TextField
                    key={k}
                    view={view}
                    name={name(k)}
                    label={fieldLabel(k, view.locale)}
                    values={current}
                    errors={mine ? fixErrors : undefined}
                  />
                ))}
                <SubmitButton>{t('rectify.submit')}</SubmitButton>
              </Form>
            );
          })}
        </section>
      ) : null}
      {open && ['rectification', 'restriction', 'objection'].includes(request.kind) && restrictable.length ? (
        <section aria-labelledby="restrict">
          <h2 id="restrict">{t('restrict.title')}</h2>
          <p>{t('restrict.intro')}</p>
          <Form
            view={view}
            action={`${base}/einschraenken`}
            errors={restrictErrors}
            labels={{ restrictRecords: t('restrict.records'), restrictNote: t('restrict.note') }}
            csrfToken={csrfToken}
            showRequiredNote={false}
          >
            <CheckboxGroup
              view={view}
              name="restrictRecords"
              label={t('restrict.records')}
              required
              options={restrictable.map((r) => ({ value: recordKey(r), label: r.summary[view.locale] }))}
              values={values}
              errors={restrictErrors}
            />
            <TextField
              view={view}
              name="restrictNote"
              label={t('restrict.note')}
              hint={t('restrict.noteHint')}
              required
              values={values}
              errors={restrictErrors}
            />
            <SubmitButton>{t('restrict.submit')}</SubmitButton>
          </Form>
        </section>
      ) : null}
      {request.kind === 'portability' ? (
        <section aria-labelledby="portability">
          <h2 id="portability">{t('port.title')}</h2>
          <p>{t('port.intro')}</p>
          <Form
            view={view}
            action={`${base}/uebertragbarkeit`}
            errors={portErrors}
            labels={{ portReason: t('port.reason'), portFormat: t('port.format') }}
            csrfToken={csrfToken}
            showRequiredNote={false}
          >
            <TextField view={view} name="portReason" label={t('port.reason')} required values={values} errors={portErrors} />
            <RadioGroup
              view={view}
              name="portFormat"
              label={t('port.format')}
              required
              inline
              options={[
                { value: 'json', label: 'JSON' },
                { value: 'csv', label: 'CSV' },
              ]}
              values={values?.portFormat ? values : { portFormat: 'json' }}
              errors={portErrors}
            />
            <SubmitButton>{t('port.submit')}</SubmitButton>
          </Form>
        </section>
      ) : null}
    </>
  );
}
