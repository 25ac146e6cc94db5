import type { FieldErrors, FormValues } from '../../core/http/index.ts';
import { translator } from '../../core/i18n/index.ts';
import { Form, SubmitButton, TextField, type ViewContext } from '../../core/views/index.ts';
import { type PortalCustomer, PortalLayout } from '../portal/index.ts';
import { smsMessages } from './sms.messages.ts';
import { ABUSE_RECORD_DAYS } from './sms.privacy.ts';
import { countSegments, MAX_SEGMENTS } from './sms.segments.ts';

export const SMS_PATH = { de: '/portal/sms', en: '/en/portal/sms' } as const;

export function smsLabels(view: ViewContext) {
  const t = translator(smsMessages, view.locale);
  return { recipient: t('recipient'), text: t('text') };
}

interface SmsPageProps {
  view: ViewContext;
  customer: PortalCustomer;
  limit: number;
  used: number;
  available: boolean;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  notice?: string | undefined;
}

/** The text area with its hint, its error and the segment counter all named by aria-describedby. */
function TextWithCounter({
  view,
  values,
  errors,
}: {
  view: ViewContext;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
}) {
  const t = translator(smsMessages, view.locale);
  const value = typeof values?.text === 'string' ? values.text : '';
  const c = countSegments(value);
  const error = errors?.text;
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for="f-text" class="field__label">
        {t('text')}
        <span class="field__required">
          {' '}
          *<span class="visually-hidden"> ({view.t('form.required')})</span>
        </span>
      </label>
      <p class="field__hint" id="f-text-hint">
        {t('textHint', { max: MAX_SEGMENTS })}
      </p>
      {error ? (
        <p class="field__error" id="f-text-error">
          {error}
        </p>
      ) : null}
      <textarea
        id="f-text"
        name="text"
        rows={5}
        required
        aria-required="true"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={`f-text-hint${error ? ' f-text-error' : ''} sms-counter`}
      >
        {value}
      </textarea>
      <p
        class="sms-counter"
        id="sms-counter"
        data-template={t('counter', { units: '{units}', segments: '{segments}', encoding: '{encoding}' })}
        data-max={String(MAX_SEGMENTS)}
      >
        {t('counter', { units: c.units, segments: c.segments, encoding: c.encoding })}
      </p>
    </div>
  );
}

export function SmsPage({ view, customer, limit, used, available, values, errors, notice }: SmsPageProps) {
  const t = translator(smsMessages, view.locale);
  const labels = smsLabels(view);
  const left = Math.max(0, limit - used);
  return (
    <PortalLayout view={view} title={t('title')} customer={customer} scripts={['/assets/sms-counter.mjs']}>
      <h1>{t('title')}</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <p class="prose">{t('intro', { limit, days: ABUSE_RECORD_DAYS })}</p>
      {!available ? (
        <p>{t('unavailable')}</p>
      ) : left === 0 ? (
        <p>{t('none', { limit })}</p>
      ) : (
        <>
          <p>{t('left', { left, limit })}</p>
          <Form view={view} action={SMS_PATH[view.locale]} errors={errors} labels={labels} csrfToken={customer.session.csrfToken}>
            <TextField
              view={view}
              name="recipient"
              type="tel"
              label={labels.recipient}
              hint={t('recipientHint')}
              required
              autocomplete="off"
              values={values}
              errors={errors}
              size="medium"
              maxLength={40}
            />
            <TextWithCounter view={view} values={values} errors={errors} />
            <SubmitButton>{t('submit')}</SubmitButton>
          </Form>
        </>
      )}
    </PortalLayout>
  );
}
