import type { Organisation } from '../../core/config/index.ts';
import type { FieldErrors, FormValues } from '../../core/http/index.ts';
import { translator } from '../../core/i18n/index.ts';
import { CheckboxField, Form, SubmitButton, TextField, type ViewContext } from '../../core/views/index.ts';
import { accountMessages } from './portal.account.messages.ts';
import type { PortalCustomer } from './portal.guard.ts';
import { PortalLayout } from './portal.layout.tsx';
import { PORTAL_PATHS } from './portal.paths.ts';

interface Page {
  view: ViewContext;
  customer: PortalCustomer;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  notice?: string | undefined;
}

export function accountLabels(view: ViewContext) {
  const t = translator(accountMessages, view.locale);
  return {
    email: t('account.newEmail'),
    password: t('account.confirmPassword'),
    current: t('account.currentPassword'),
    newPassword: t('account.newPassword'),
    repeat: t('account.repeat'),
  };
}

/** The account page has two forms; errors go to the one that was sent. */
export function AccountPage({
  view,
  customer,
  values,
  errors,
  notice,
  hasTotp,
  form,
}: Page & { hasTotp: boolean; form?: 'email' | 'password' | 'totp' | undefined }) {
  const t = translator(accountMessages, view.locale);
  const L = view.locale;
  const labels = accountLabels(view);
  const emailErrors = form === 'email' ? errors : undefined;
  const passwordErrors = form === 'password' ? errors : undefined;
  const totpErrors = form === 'totp' ? errors : undefined;
  return (
    <PortalLayout view={view} title={t('account.title')} customer={customer}>
      <h1>{t('account.title')}</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <p>{t('account.email', { email: customer.email })}</p>

      <h2 id="email-form">{t('account.changeEmail')}</h2>
      <Form
        view={view}
        action={PORTAL_PATHS.changeEmail[L]}
        errors={emailErrors}
        labels={{ email: labels.email, password: labels.password }}
        csrfToken={customer.session.csrfToken}
        showRequiredNote={false}
      >
        <TextField
          view={view}
          name="email"
          type="email"
          label={labels.email}
          required
          autocomplete="email"
          values={form === 'email' ? values : undefined}
          errors={emailErrors}
          size="medium"
        />
        <TextField
          view={view}
          name="password"
          type="password"
          label={labels.password}
          required
          autocomplete="current-password"
          errors={emailErrors}
          size="medium"
        />
        <SubmitButton>{t('account.changeEmail')}</SubmitButton>
      </Form>

      <h2 id="password-form">{t('account.changePassword')}</h2>
      <Form
        view={view}
        action={PORTAL_PATHS.changePassword[L]}
        errors={passwordErrors}
        labels={{ current: labels.current, password: labels.newPassword, repeat: labels.repeat }}
        csrfToken={customer.session.csrfToken}
        showRequiredNote={false}
      >
        <TextField
          view={view}
          name="current"
          type="password"
          label={labels.current}
          required
          autocomplete="current-password"
          errors={passwordErrors}
          size="medium"
        />
        <TextField
          view={view}
          name="password"
          type="password"
          label={labels.newPassword}
          required
          autocomplete="new-password"
          errors={passwordErrors}
          size="medium"
        />
        <TextField
          view={view}
          name="repeat"
          type="password"
          label={labels.repeat}
          required
          autocomplete="new-password"
          errors={passwordErrors}
          size="medium"
        />
        <SubmitButton>{t('account.save')}</SubmitButton>
      </Form>

      <h2>{t('account.totp')}</h2>
      <p class="prose">{t('account.totpIntro')}</p>
      <p>{hasTotp ? t('account.totpIsOn') : t('account.totpIsOff')}</p>
      {hasTotp ? (
        <Form
          view={view}
          action={PORTAL_PATHS.totpOff[L]}
          errors={totpErrors}
          labels={{ password: labels.password }}
          csrfToken={customer.session.csrfToken}
          showRequiredNote={false}
        >
          <TextField
            view={view}
            name="password"
            type="password"
            label={labels.password}
            required
            autocomplete="current-password"
            errors={totpErrors}
            size="medium"
          />
          <SubmitButton>{t('account.totpTurnOff')}</SubmitButton>
        </Form>
      ) : (
        <p>
          <a class="button button--secondary" href={PORTAL_PATHS.totp[L]}>
            {t('account.totpSetUp')}
          </a>
        </p>
      )}

      <h2>{t('account.privacyRequest')}</h2>
      <p>{t('account.privacyRequestIntro')}</p>
      <p>
        <a href={PORTAL_PATHS.privacyRequest[L]}>{t('account.privacyRequestLink')}</a>
      </p>

      <h2>{t('account.delete')}</h2>
      <p>{t('account.deleteIntro')}</p>
      <p>
        <a href={PORTAL_PATHS.deleteAccess[L]}>{t('account.deleteLink')}</a>
      </p>
    </PortalLayout>
  );
}

export function TotpPage({ view, customer, errors, qrSvg, secret, sealed }: Page & { qrSvg: string; secret: string; sealed: string }) {
  const t = translator(accountMessages, view.locale);
  const labels = { code: t('totp.code') };
  return (
    <PortalLayout view={view} title={t('totp.title')} customer={customer}>
      <h1>{t('totp.title')}</h1>
      <p class="prose">{t('totp.intro')}</p>
      <figure class="qr">
        <div role="img" aria-label={t('totp.qr')} dangerouslySetInnerHTML={{ __html: qrSvg }} />
        <figcaption>
          {t('totp.secret')}: <code class="secret">{secret.replace(/(.{4})/g, '$1 ').trim()}</code>
        </figcaption>
      </figure>
      <Form
        view={view}
        action={PORTAL_PATHS.totp[view.locale]}
        errors={errors}
        labels={labels}
        csrfToken={customer.session.csrfToken}
        showRequiredNote={false}
      >
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
        <SubmitButton>{t('totp.submit')}</SubmitButton>
      </Form>
    </PortalLayout>
  );
}

export function RecoveryCodesPage({ view, customer, codes }: Page & { codes: string[] }) {
  const t = translator(accountMessages, view.locale);
  return (
    <PortalLayout view={view} title={t('totp.codesTitle')} customer={customer}>
      <h1>{t('totp.codesTitle')}</h1>
      <p class="prose">{t('totp.codesIntro')}</p>
      <ul class="codes">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <p>
        <a class="button" href={PORTAL_PATHS.account[view.locale]}>
          {t('totp.codesDone')}
        </a>
      </p>
    </PortalLayout>
  );
}

export function ConfirmEmailPage({
  view,
  customer,
  email,
  keyValue,
  message,
}: {
  view: ViewContext;
  customer?: PortalCustomer | undefined;
  email?: string;
  keyValue?: string;
  message?: string;
}) {
  const t = translator(accountMessages, view.locale);
  return (
    <PortalLayout view={view} title={t('confirmEmail.title')} customer={customer}>
      <h1>{t('confirmEmail.title')}</h1>
      {message ? (
        <p role="status">{message}</p>
      ) : (
        <>
          <p>{t('confirmEmail.text', { email: email ?? '' })}</p>
          <form method="post" action={PORTAL_PATHS.confirmEmail[view.locale]}>
            <input type="hidden" name="key" value={keyValue} />
            <button type="submit" class="button">
              {t('confirmEmail.button')}
            </button>
          </form>
        </>
      )}
    </PortalLayout>
  );
}

function Channels({ view, org }: { view: ViewContext; org: Organisation }) {
  const t = translator(accountMessages, view.locale);
  const address = `${org.name}, ${org.address.street}, ${org.address.postcode} ${org.address.city}`;
  return (
    <>
      <h2>{t('delete.channels')}</h2>
      <ul>
        <li>{t('delete.post', { address })}</li>
        <li>
          {t('delete.phone', { phone: '' })}
          <a href={`tel:${org.phone.replace(/[^+\d]/g, '')}`}>{org.phone}</a>
        </li>
        <li>
          {t('delete.email', { email: '' })}
          <a href={`mailto:${org.email}`}>{org.email}</a>
        </li>
        <li>{t('delete.visit', { address: `${org.address.street}, ${org.address.postcode} ${org.address.city}` })}</li>
      </ul>
    </>
  );
}

export function DeleteAccessPage({ view, customer, errors, org }: Page & { org: Organisation }) {
  const t = translator(accountMessages, view.locale);
  const labels = { password: t('account.confirmPassword'), confirm: t('delete.confirm') };
  return (
    <PortalLayout view={view} title={t('delete.title')} customer={customer}>
      <h1>{t('delete.title')}</h1>
      <p>{t('delete.intro')}</p>
      <ul>
        <li>{t('delete.goes.account')}</li>
        <li>{t('delete.goes.sessions')}</li>
        <li>{t('delete.goes.log')}</li>
      </ul>
      <p class="prose">{t('delete.stays')}</p>
      <Channels view={view} org={org} />
      <Form
        view={view}
        action={PORTAL_PATHS.deleteAccess[view.locale]}
        errors={errors}
        labels={labels}
        csrfToken={customer.session.csrfToken}
      >
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
        <CheckboxField view={view} name="confirm" label={labels.confirm} required errors={errors} />
        <SubmitButton>{t('delete.submit')}</SubmitButton>
      </Form>
    </PortalLayout>
  );
}

export function DeletedPage({ view, org }: { view: ViewContext; org: Organisation }) {
  const t = translator(accountMessages, view.locale);
  return (
    <PortalLayout view={view} title={t('delete.done.title')}>
      <h1>{t('delete.done.title')}</h1>
      <p role="status">{t('delete.done.text')}</p>
      <Channels view={view} org={org} />
    </PortalLayout>
  );
}
