import type { FieldErrors, FormValues } from '../../core/http/index.ts';
import { translator } from '../../core/i18n/index.ts';
import { DSR_KINDS } from '../../core/privacy/index.ts';
import { Form, RadioGroup, SubmitButton, TextArea, type ViewContext } from '../../core/views/index.ts';
import { dsrMessages } from '../gdpr/index.ts';
import { accountMessages } from './portal.account.messages.ts';
import type { PortalCustomer } from './portal.guard.ts';
import { PortalLayout } from './portal.layout.tsx';
import { PORTAL_PATHS } from './portal.paths.ts';

export { DSR_KINDS } from '../../core/privacy/index.ts';

export function privacyRequestLabels(locale: 'de' | 'en') {
  const t = translator(accountMessages, locale);
  return { kind: t('dsr.kind'), message: t('dsr.message') };
}

/** A data-subject request from the signed-in customer: the session proves who asks. */
export function PrivacyRequestPage({
  view,
  customer,
  values,
  errors,
  done,
}: {
  view: ViewContext;
  customer: PortalCustomer;
  values?: FormValues;
  errors?: FieldErrors;
  done?: string;
}) {
  const t = translator(accountMessages, view.locale);
  const kinds = translator(dsrMessages, view.locale);
  const labels = privacyRequestLabels(view.locale);
  return (
    <PortalLayout view={view} title={t('dsr.title')} customer={customer}>
      <h1>{t('dsr.title')}</h1>
      {done ? (
        <p role="status">{done}</p>
      ) : (
        <>
          <p>{t('dsr.intro', { customerNumber: customer.customerNumber })}</p>
          <Form
            view={view}
            action={PORTAL_PATHS.privacyRequest[view.locale]}
            errors={errors}
            labels={labels}
            csrfToken={customer.session.csrfToken}
          >
            <RadioGroup
              view={view}
              name="kind"
              label={labels.kind}
              required
              options={DSR_KINDS.map((k) => ({ value: k, label: kinds(`kind.${k}`) }))}
              values={values}
              errors={errors}
            />
            <TextArea
              view={view}
              name="message"
              label={labels.message}
              hint={t('dsr.messageHint')}
              values={values}
              errors={errors}
              maxLength={5000}
            />
            <SubmitButton>{t('dsr.submit')}</SubmitButton>
          </Form>
        </>
      )}
    </PortalLayout>
  );
}
