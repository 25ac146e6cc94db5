import type { FieldErrors, FormValues } from '../../core/http/index.ts';
import { type Locale, translator } from '../../core/i18n/index.ts';
import { statementPaths } from '../../core/privacy/index.ts';
import {
  CheckboxField,
  CheckboxGroup,
  Form,
  Honeypot,
  Layout,
  type Option,
  RadioGroup,
  SubmitButton,
  TextField,
  type ViewContext,
} from '../../core/views/index.ts';
import { newsletterMessages } from './newsletter.messages.ts';
import { SALUTATIONS } from './newsletter.schema.ts';

export function labelsOf(locale: Locale): Record<string, string> {
  const t = translator(newsletterMessages, locale);
  return {
    email: t('field.email'),
    salutation: t('field.salutation'),
    name: t('field.name'),
    topics: t('field.topics'),
    noMeasure: t('field.noMeasure'),
  };
}

interface FieldsProps {
  view: ViewContext;
  topics: Option[];
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  emailHint?: string;
}

function SubscriberFields({ view, topics, values, errors, emailHint }: FieldsProps) {
  const t = translator(newsletterMessages, view.locale);
  const labels = labelsOf(view.locale);
  return (
    <>
      <TextField
        view={view}
        name="email"
        type="email"
        label={labels.email as string}
        {...(emailHint ? { hint: emailHint } : {})}
        required
        autocomplete="email"
        values={values}
        errors={errors}
      />
      <RadioGroup
        view={view}
        name="salutation"
        label={labels.salutation as string}
        inline
        options={SALUTATIONS.map((s) => ({ value: s, label: t(`salutation.${s}`) }))}
        values={values}
        errors={errors}
      />
      <TextField view={view} name="name" label={labels.name as string} autocomplete="name" values={values} errors={errors} />
      {topics.length ? (
        <CheckboxGroup
          view={view}
          name="topics"
          label={labels.topics as string}
          hint={t('field.topics.hint')}
          options={topics}
          values={values}
          errors={errors}
        />
      ) : null}
      <CheckboxField
        view={view}
        name="noMeasure"
        label={labels.noMeasure as string}
        hint={t('field.noMeasure.hint')}
        values={values}
        errors={errors}
      />
    </>
  );
}

export function SubscribePage(props: FieldsProps) {
  const { view, values, errors } = props;
  const t = translator(newsletterMessages, view.locale);
  const statement = `${statementPaths[view.locale].statement}#newsletter-subscriptions`;
  return (
    <Layout view={view} title={t('page.title')}>
      <h1>{t('page.title')}</h1>
      <p>{t('page.intro')}</p>
      <Form view={view} action={view.path} errors={errors} labels={labelsOf(view.locale)}>
        <SubscriberFields {...props} values={values} errors={errors} />
        <Honeypot />
        <p class="form__privacy">
          {t('privacy.note', { link: '' })}
          <a href={statement}>{statementPaths[view.locale].statement}</a>
        </p>
        <SubmitButton>{t('form.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

export function MessagePage({ view, title, lines }: { view: ViewContext; title: string; lines: string[] }) {
  const t = translator(newsletterMessages, view.locale);
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <div role="status">
        {lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      <p>
        <a href={view.locale === 'de' ? '/' : '/en'}>{t('back.home')}</a>
      </p>
    </Layout>
  );
}

/** A page with one button that posts `body` back to the same address (confirm, unsubscribe). */
export function ButtonPage({
  view,
  title,
  text,
  button,
  name,
  value,
}: {
  view: ViewContext;
  title: string;
  text: string;
  button: string;
  name: string;
  value: string;
}) {
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p>{text}</p>
      <form method="post" action={view.path}>
        <input type="hidden" name={name} value={value} />
        <button type="submit" class="button">
          {button}
        </button>
      </form>
    </Layout>
  );
}

export function PreferencesPage(
  props: FieldsProps & { notice?: string | undefined; unsubscribePath: string; pendingEmail: string | null },
) {
  const { view, values, errors, notice, unsubscribePath } = props;
  const t = translator(newsletterMessages, view.locale);
  return (
    <Layout view={view} title={t('prefs.title')}>
      <h1>{t('prefs.title')}</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <Form view={view} action={view.path} errors={errors} labels={labelsOf(view.locale)}>
        <SubscriberFields {...props} values={values} errors={errors} emailHint={t('prefs.email.hint')} />
        <SubmitButton>{t('prefs.save')}</SubmitButton>
      </Form>
      <h2>{t('unsub.title')}</h2>
      <p>{t('unsub.text')}</p>
      <form method="post" action={unsubscribePath}>
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <button type="submit" class="button">
          {t('unsub.button')}
        </button>
      </form>
    </Layout>
  );
}
