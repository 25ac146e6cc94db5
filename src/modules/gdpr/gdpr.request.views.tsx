import type { FieldErrors, FormValues } from '../../core/forms/index.ts';
import { translator } from '../../core/i18n/index.ts';
import { DSR_KINDS } from '../../core/privacy/index.ts';
import { Form, Honeypot, Layout, RadioGroup, SubmitButton, TextArea, TextField, type ViewContext } from '../../core/views/index.ts';
import { dsrMessages } from './gdpr.request.messages.ts';

export function dsrLabels(locale: 'de' | 'en') {
  const t = translator(dsrMessages, locale);
  return {
    kind: t('form.kind'),
    name: t('form.name'),
    email: t('form.email'),
    phone: t('form.phone'),
    customerNumber: t('form.customerNumber'),
    message: t('form.message'),
  };
}

export function RequestFormPage({
  view,
  action,
  values,
  errors,
}: {
  view: ViewContext;
  action: string;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const t = translator(dsrMessages, view.locale);
  const labels = dsrLabels(view.locale);
  return (
    <Layout view={view} title={t('form.title')}>
      <h1>{t('form.title')}</h1>
      <p>{t('form.intro')}</p>
      <Form view={view} action={action} errors={errors} labels={labels}>
        <Honeypot />
        <RadioGroup
          view={view}
          name="kind"
          label={labels.kind}
          required
          options={DSR_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          values={values}
          errors={errors}
        />
        <TextField
          view={view}
          name="name"
          label={labels.name}
          required
          autocomplete="name"
          values={values}
          errors={errors}
          size="medium"
          maxLength={200}
        />
        <TextField
          view={view}
          name="email"
          type="email"
          label={labels.email}
          hint={t('form.emailHint')}
          required
          autocomplete="email"
          values={values}
          errors={errors}
          size="medium"
        />
        <TextField
          view={view}
          name="phone"
          type="tel"
          label={labels.phone}
          hint={t('form.phoneHint')}
          autocomplete="tel"
          values={values}
          errors={errors}
          size="medium"
        />
        <TextField
          view={view}
          name="customerNumber"
          label={labels.customerNumber}
          hint={t('form.customerNumberHint')}
          values={values}
          errors={errors}
          size="short"
          maxLength={30}
        />
        <TextArea
          view={view}
          name="message"
          label={labels.message}
          hint={t('form.messageHint')}
          values={values}
          errors={errors}
          maxLength={5000}
        />
        <SubmitButton>{t('form.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

export function MessagePage({
  view,
  title,
  text,
  children,
}: {
  view: ViewContext;
  title: string;
  text: string;
  children?: preact.ComponentChildren;
}) {
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p role="status">{text}</p>
      {children}
    </Layout>
  );
}

export function codeLabels(locale: 'de' | 'en') {
  const t = translator(dsrMessages, locale);
  return { reference: t('code.reference'), code: t('code.code') };
}

/** Where the code from the letter is typed, with the request's reference. */
export function CodePage({
  view,
  action,
  values,
  errors,
}: {
  view: ViewContext;
  action: string;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const t = translator(dsrMessages, view.locale);
  const labels = codeLabels(view.locale);
  return (
    <Layout view={view} title={t('code.title')}>
      <h1>{t('code.title')}</h1>
      <p>{t('code.intro')}</p>
      <Form view={view} action={action} errors={errors} labels={labels}>
        <TextField
          view={view}
          name="reference"
          label={labels.reference}
          hint={t('code.referenceHint')}
          required
          values={values}
          errors={errors}
          size="short"
          maxLength={40}
        />
        <TextField
          view={view}
          name="code"
          label={labels.code}
          required
          autocomplete="one-time-code"
          values={values}
          errors={errors}
          size="short"
          maxLength={40}
        />
        <SubmitButton>{t('code.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}
