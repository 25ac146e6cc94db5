import type { FieldErrors, FormValues } from '../../core/http/index.ts';
import { translator } from '../../core/i18n/index.ts';
import { statementPaths } from '../../core/privacy/index.ts';
import { Form, RadioGroup, SubmitButton, TextField, type ViewContext } from '../../core/views/index.ts';
import { PortalLayout } from './portal.layout.tsx';
import { portalMessages } from './portal.messages.ts';
import { PORTAL_PATHS } from './portal.paths.ts';

interface FormPage {
  view: ViewContext;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  notice?: string | undefined;
}

function Notice({ text }: { text?: string | undefined }) {
  return text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;
}

export function registerLabels(view: ViewContext) {
  const t = translator(portalMessages, view.locale);
  return {
    customerNumber: t('register.customerNumber'),
    name: t('register.name'),
    postcode: t('register.postcode'),
    email: t('register.email'),
    password: t('register.password'),
    repeat: t('register.repeat'),
    channel: t('register.channel'),
  };
}

export function RegisterPage({ view, values, errors, expiry }: FormPage & { expiry: { days: number; hours: number } }) {
  const t = translator(portalMessages, view.locale);
  const labels = registerLabels(view);
  const L = view.locale;
  return (
    <PortalLayout view={view} title={t('register.title')}>
      <h1>{t('register.title')}</h1>
      <p class="prose">{t('register.intro')}</p>
      <Form view={view} action={PORTAL_PATHS.register[L]} errors={errors} labels={labels}>
        <TextField
          view={view}
          name="customerNumber"
          label={labels.customerNumber}
          hint={t('register.customerNumberHint')}
          required
          values={values}
          errors={errors}
          size="medium"
          maxLength={30}
        />
        <TextField
          view={view}
          name="name"
          label={labels.name}
          hint={t('register.nameHint')}
          required
          autocomplete="family-name"
          values={values}
          errors={errors}
          size="medium"
          maxLength={100}
        />
        <TextField
          view={view}
          name="postcode"
          label={labels.postcode}
          required
          autocomplete="postal-code"
          inputMode="numeric"
          values={values}
          errors={errors}
          size="short"
          maxLength={5}
        />
        <TextField
          view={view}
          name="email"
          type="email"
          label={labels.email}
          hint={t('register.emailHint')}
          required
          autocomplete="email"
          values={values}
          errors={errors}
          size="medium"
        />
        <TextField
          view={view}
          name="password"
          type="password"
          label={labels.password}
          hint={t('register.passwordHint')}
          required
          autocomplete="new-password"
          errors={errors}
          size="medium"
        />
        <TextField
          view={view}
          name="repeat"
          type="password"
          label={labels.repeat}
          required
          autocomplete="new-password"
          errors={errors}
          size="medium"
        />
        <RadioGroup
          view={view}
          name="channel"
          label={labels.channel}
          required
          options={[
            { value: 'post', label: t('register.channel.post', { days: expiry.days }) },
            { value: 'email', label: t('register.channel.email', { hours: expiry.hours }) },
          ]}
          values={values ?? { channel: 'post' }}
          errors={errors}
        />
        <p>
          <a href={statementPaths[L].statement}>{t('register.privacy')}</a>
        </p>
        <SubmitButton>{t('register.submit')}</SubmitButton>
      </Form>
      <ul class="portal-links">
        <li>
          <a href={PORTAL_PATHS.activate[L]}>{t('register.haveKey')}</a>
        </li>
        <li>
          <a href={PORTAL_PATHS.signIn[L]}>{t('register.haveAccess')}</a>
        </li>
      </ul>
    </PortalLayout>
  );
}

export function RegisteredPage({
  view,
  channel,
  expiry,
  phone,
}: {
  view: ViewContext;
  channel: 'post' | 'email';
  expiry: { days: number; hours: number };
  phone: string;
}) {
  const t = translator(portalMessages, view.locale);
  return (
    <PortalLayout view={view} title={t('register.done.title')}>
      <h1>{t('register.done.title')}</h1>
      <p role="status">
        {channel === 'post'
          ? t('register.done.post', { days: expiry.days })
          : t('register.done.email', { hours: expiry.hours, days: expiry.days })}
      </p>
      <p>{t('register.done.hint', { phone })}</p>
      <p>
        <a class="button" href={PORTAL_PATHS.activate[view.locale]}>
          {t('activate.title')}
        </a>
      </p>
    </PortalLayout>
  );
}

export function ActivatePage({ view, values, errors }: FormPage) {
  const t = translator(portalMessages, view.locale);
  const labels = { email: t('activate.email'), key: t('activate.key'), password: t('activate.password') };
  return (
    <PortalLayout view={view} title={t('activate.title')}>
      <h1>{t('activate.title')}</h1>
      <p class="prose">{t('activate.intro')}</p>
      <Form view={view} action={PORTAL_PATHS.activate[view.locale]} errors={errors} labels={labels}>
        <TextField
          view={view}
          name="email"
          type="email"
          label={labels.email}
          required
          autocomplete="email"
          values={values}
          errors={errors}
          size="medium"
        />
        <TextField
          view={view}
          name="key"
          label={labels.key}
          hint={t('activate.keyHint')}
          required
          autocomplete="off"
          values={values}
          errors={errors}
          size="medium"
          maxLength={40}
        />
        <TextField
          view={view}
          name="password"
          type="password"
          label={labels.password}
          required
          autocomplete="current-password"
          errors={errors}
          size="medium"
        />
        <SubmitButton>{t('activate.submit')}</SubmitButton>
      </Form>
    </PortalLayout>
  );
}

export function SignInPage({ view, values, errors, notice, next, unlock }: FormPage & { next: string; unlock?: string | undefined }) {
  const t = translator(portalMessages, view.locale);
  const L = view.locale;
  const labels = { email: t('signIn.email'), password: t('signIn.password') };
  const action =
    next === PORTAL_PATHS.overview[L] ? PORTAL_PATHS.signIn[L] : `${PORTAL_PATHS.signIn[L]}?weiter=${encodeURIComponent(next)}`;
  return (
    <PortalLayout view={view} title={t('signIn.title')}>
      <h1>{t('signIn.title')}</h1>
      <Notice text={notice} />
      <Form view={view} action={action} errors={errors} labels={labels} showRequiredNote={false}>
        {unlock ? <input type="hidden" name="unlock" value={unlock} /> : null}
        <TextField
          view={view}
          name="email"
          type="email"
          label={labels.email}
          required
          autocomplete="username"
          values={values}
          errors={errors}
          size="medium"
        />
        <TextField
          view={view}
          name="password"
          type="password"
          label={labels.password}
          required
          autocomplete="current-password"
          errors={errors}
          size="medium"
        />
        <p class="form__note">{t('signIn.cookie')}</p>
        <SubmitButton>{t('signIn.submit')}</SubmitButton>
      </Form>
      <ul class="portal-links">
        <li>
          <a href={PORTAL_PATHS.forgotPassword[L]}>{t('signIn.forgot')}</a>
        </li>
        <li>
          <a href={PORTAL_PATHS.register[L]}>{t('signIn.register')}</a>
        </li>
        <li>
          <a href={PORTAL_PATHS.activate[L]}>{t('signIn.activate')}</a>
        </li>
      </ul>
    </PortalLayout>
  );
}

export function CodePage({ view, errors, next, csrfToken }: FormPage & { next: string; csrfToken: string }) {
  const t = translator(portalMessages, view.locale);
  const labels = { code: t('code.code') };
  const L = view.locale;
  return (
    <PortalLayout view={view} title={t('code.title')}>
      <h1>{t('code.title')}</h1>
      <p>{t('code.intro')}</p>
      <Form
        view={view}
        action={`${PORTAL_PATHS.signInCode[L]}?weiter=${encodeURIComponent(next)}`}
        errors={errors}
        labels={labels}
        csrfToken={csrfToken}
        showRequiredNote={false}
      >
        <TextField view={view} name="code" label={labels.code} required autocomplete="one-time-code" errors={errors} size="short" />
        <SubmitButton>{t('code.submit')}</SubmitButton>
      </Form>
    </PortalLayout>
  );
}

export function ForgotPage({ view, values, errors, notice }: FormPage) {
  const t = translator(portalMessages, view.locale);
  const labels = { email: t('forgot.email') };
  return (
    <PortalLayout view={view} title={t('forgot.title')}>
      <h1>{t('forgot.title')}</h1>
      <Notice text={notice} />
      <p class="prose">{t('forgot.intro')}</p>
      <Form view={view} action={PORTAL_PATHS.forgotPassword[view.locale]} errors={errors} labels={labels} showRequiredNote={false}>
        <TextField
          view={view}
          name="email"
          type="email"
          label={labels.email}
          required
          autocomplete="email"
          values={values}
          errors={errors}
          size="medium"
        />
        <SubmitButton>{t('forgot.submit')}</SubmitButton>
      </Form>
    </PortalLayout>
  );
}

export function NewPasswordPage({ view, errors, keyValue, valid }: FormPage & { keyValue: string; valid: boolean }) {
  const t = translator(portalMessages, view.locale);
  const labels = { password: t('register.password'), repeat: t('register.repeat') };
  const L = view.locale;
  return (
    <PortalLayout view={view} title={t('newPassword.title')}>
      <h1>{t('newPassword.title')}</h1>
      {valid ? (
        <Form view={view} action={PORTAL_PATHS.newPassword[L]} errors={errors} labels={labels}>
          <input type="hidden" name="key" value={keyValue} />
          <TextField
            view={view}
            name="password"
            type="password"
            label={labels.password}
            hint={t('register.passwordHint')}
            required
            autocomplete="new-password"
            errors={errors}
            size="medium"
          />
          <TextField
            view={view}
            name="repeat"
            type="password"
            label={labels.repeat}
            required
            autocomplete="new-password"
            errors={errors}
            size="medium"
          />
          <SubmitButton>{t('newPassword.submit')}</SubmitButton>
        </Form>
      ) : (
        <>
          <p role="status">{t('newPassword.invalid')}</p>
          <p>
            <a href={PORTAL_PATHS.forgotPassword[L]}>{t('forgot.title')}</a>
          </p>
        </>
      )}
    </PortalLayout>
  );
}
