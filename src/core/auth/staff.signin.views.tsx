import type { FieldErrors, FormValues } from '../forms/index.ts';
import { translator } from '../i18n/index.ts';
import { Form, StaffLayout, SubmitButton, TextField, type ViewContext } from '../views/index.ts';
import { staffMessages } from './staff.messages.ts';

interface FormPage {
  view: ViewContext;
  values?: FormValues;
  errors?: FieldErrors;
  notice?: string;
}

export function LoginPage({ view, values, errors, notice, next, unlock }: FormPage & { next: string; unlock?: string | undefined }) {
  const t = translator(staffMessages, view.locale);
  const labels = { email: t('login.email'), password: t('login.password') };
  return (
    <StaffLayout view={view} title={t('login.title')}>
      <h1>{t('login.title')}</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <Form view={view} action={`/staff/anmelden?weiter=${encodeURIComponent(next)}`} errors={errors} labels={labels}>
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
          values={values}
          errors={errors}
          size="medium"
        />
        <SubmitButton>{t('login.submit')}</SubmitButton>
      </Form>
    </StaffLayout>
  );
}

export function CodePage({ view, errors, next }: FormPage & { next: string }) {
  const t = translator(staffMessages, view.locale);
  const labels = { code: t('code.code') };
  return (
    <StaffLayout view={view} title={t('code.title')}>
      <h1>{t('code.title')}</h1>
      <p>{t('code.intro')}</p>
      <Form
        view={view}
        action={`/staff/anmelden/code?weiter=${encodeURIComponent(next)}`}
        errors={errors}
        labels={labels}
        showRequiredNote={false}
      >
        <TextField
          view={view}
          name="code"
          label={labels.code}
          required
          autocomplete="one-time-code"
          inputMode="text"
          errors={errors}
          size="short"
        />
        <SubmitButton>{t('login.submit')}</SubmitButton>
      </Form>
    </StaffLayout>
  );
}

export function InvitationPage({ view, errors, name, token }: FormPage & { name: string; token: string }) {
  const t = translator(staffMessages, view.locale);
  const labels = { password: t('invite.password'), repeat: t('invite.repeat') };
  return (
    <StaffLayout view={view} title={t('invite.title')}>
      <h1>{t('invite.title')}</h1>
      <p>{t('invite.intro', { name })}</p>
      <Form view={view} action={`/staff/einladung/${token}`} errors={errors} labels={labels}>
        <TextField
          view={view}
          name="password"
          type="password"
          label={labels.password}
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
        <SubmitButton>{t('invite.submit')}</SubmitButton>
      </Form>
    </StaffLayout>
  );
}

export function InvalidInvitationPage({ view }: FormPage) {
  const t = translator(staffMessages, view.locale);
  return (
    <StaffLayout view={view} title={t('invite.title')}>
      <h1>{t('invite.title')}</h1>
      <p>{t('invite.invalid')}</p>
    </StaffLayout>
  );
}

export function EnrolPage({ view, errors, qrSvg, secret, sealed }: FormPage & { qrSvg: string; secret: string; sealed: string }) {
  const t = translator(staffMessages, view.locale);
  const labels = { code: t('code.code') };
  return (
    <StaffLayout view={view} title={t('enrol.title')}>
      <h1>{t('enrol.title')}</h1>
      <p>{t('enrol.intro')}</p>
      <figure class="qr">
        <div role="img" aria-label={t('enrol.qr')} dangerouslySetInnerHTML={{ __html: qrSvg }} />
        <figcaption>
          {t('enrol.secret')}: <code class="secret">{secret.replace(/(.{4})/g, '$1 ').trim()}</code>
        </figcaption>
      </figure>
      <Form view={view} action="/staff/einrichten/zweiter-faktor" errors={errors} labels={labels} showRequiredNote={false}>
        <input type="hidden" name="sealed" value={sealed} />
        <TextField
          view={view}
          name="code"
          label={labels.code}
          required
          autocomplete="one-time-code"
          inputMode="numeric"
          errors={errors}
          size="short"
        />
        <SubmitButton>{t('enrol.submit')}</SubmitButton>
      </Form>
    </StaffLayout>
  );
}

export function RecoveryCodesPage({
  view,
  codes,
  next,
  csrfToken,
  navigation,
  name,
}: FormPage & { codes: string[]; next: string; csrfToken: string; navigation?: never[]; name: string }) {
  const t = translator(staffMessages, view.locale);
  return (
    <StaffLayout view={view} title={t('recovery.title')} staff={{ name, csrfToken, navigation: navigation ?? [] }}>
      <h1>{t('recovery.title')}</h1>
      <p>{t('recovery.intro')}</p>
      <ul class="codes">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <p>
        <a class="button" href={next}>
          {t('recovery.continue')}
        </a>
      </p>
    </StaffLayout>
  );
}
