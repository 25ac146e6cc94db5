import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  type AuthTables,
  clearSessionCookie,
  endAllSessions,
  hashPassword,
  hashToken,
  newTotpSecret,
  SecretBox,
  secretKey,
  totpQrSvg,
  totpUri,
  verifyPassword,
  verifyTotp,
} from '../../core/auth/index.ts';
import { HttpError, validateForm } from '../../core/http/index.ts';
import { LOCALES, translator } from '../../core/i18n/index.ts';
import { enqueueMail } from '../../core/mail/index.ts';
import type { AppContext } from '../../core/module.ts';
import { sendPage, viewContextFor } from '../../core/views/index.ts';
import { accountMessages } from './portal.account.messages.ts';
import {
  AccountPage,
  accountLabels,
  ConfirmEmailPage,
  DeleteAccessPage,
  DeletedPage,
  RecoveryCodesPage,
  TotpPage,
} from './portal.account.views.tsx';
import { accountByEmail, accountById, issueKey, liveLinkKey, spendKey } from './portal.accounts.ts';
import type { PortalCustomer } from './portal.guard.ts';
import { newRecoveryCodes } from './portal.keys.ts';
import { recordPortalAction } from './portal.log.ts';
import { portalMessages } from './portal.messages.ts';
import { alternatesOf, PORTAL_PATHS } from './portal.paths.ts';
import { ACCESS_ACTIVITY } from './portal.privacy.ts';
import { changeEmailSchema, changePasswordSchema, deleteAccessSchema, passwordOnlySchema, totpEnrolSchema } from './portal.schema.ts';
import { deleteOnlineAccess } from './portal.subjects.ts';
import type { PortalTables } from './portal.tables.ts';
import { createTask } from './portal.tasks.ts';
import { newPasswordError, validation } from './portal.validation.ts';

const SIGNED_IN = { customer: 'signed-in' } as const;

/** The customer's own access: e-mail (re-verified), password, optional second factor, deletion (C39). */
export function registerAccountRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<PortalTables>();
  const authDb = ctx.db.withTables<AuthTables>();
  const box = new SecretBox(secretKey(ctx.config));
  const cfg = ctx.config;
  const me = (request: FastifyRequest): PortalCustomer => {
    if (!request.customer) throw new HttpError(403);
    return request.customer;
  };
  const account = async (c: PortalCustomer) => {
    const row = await accountById(db, c.accountId);
    if (!row) throw new HttpError(403);
    return row;
  };

  for (const locale of LOCALES) {
    const t = translator(accountMessages, locale);
    const pt = translator(portalMessages, locale);
    const page = async (
      request: FastifyRequest,
      reply: FastifyReply,
      extra: Omit<Parameters<typeof AccountPage>[0], 'view' | 'customer' | 'hasTotp'> = {},
      status = 200,
    ) => {
      const c = me(request);
      const row = await account(c);
      return sendPage(
        reply,
        <AccountPage view={viewContextFor(request, alternatesOf('account'))} customer={c} hasTotp={row.totp_secret !== null} {...extra} />,
        status,
      );
    };

    app.get(PORTAL_PATHS.account[locale], { config: SIGNED_IN }, async (request, reply) => page(request, reply));

    // --- E-mail address: the new one confirms itself, the old one hears of it ----------------
    app.post(PORTAL_PATHS.changeEmail[locale], { config: SIGNED_IN }, async (request, reply) => {
      const c = me(request);
      const labels = accountLabels(viewContextFor(request));
      const form = validateForm(changeEmailSchema, request.body, validation(locale, { email: labels.email, password: labels.password }));
      if (!form.ok) return page(request, reply, { form: 'email', values: form.values, errors: form.errors }, 400);
      const row = await account(c);
      if (!(await verifyPassword(row.password_hash, form.data.password)))
        return page(request, reply, { form: 'email', values: form.values, errors: { password: pt('password.wrong') } }, 400);
      const now = ctx.clock.now();
      const holder = await accountByEmail(db, form.data.email);
      // Whether the address is taken is not told: the link simply goes nowhere then.
      if (!holder) {
        await db.transaction().execute(async (trx) => {
          const key = await issueKey(trx, {
            accountId: c.accountId,
            purpose: 'email-change',
            channel: 'email',
            expiresAt: new Date(now.getTime() + cfg.PORTAL_ACTIVATION_EMAIL_HOURS * 3_600_000),
            now,
            newEmail: form.data.email,
          });
          const link = `${cfg.PUBLIC_URL}${PORTAL_PATHS.confirmEmail[locale]}?key=${encodeURIComponent(key)}`;
          await enqueueMail(trx, ctx, {
            to: form.data.email,
            subject: t('emailMail.subject'),
            text: t('emailMail.body', { hours: cfg.PORTAL_ACTIVATION_EMAIL_HOURS, link, org: cfg.organisation.shortName }),
            activity: ACCESS_ACTIVITY,
            secrets: [link],
          });
          await enqueueMail(trx, ctx, {
            to: row.email,
            subject: t('emailNotice.subject'),
            text: t('emailNotice.body', { phone: cfg.organisation.phone, org: cfg.organisation.shortName }),
            activity: ACCESS_ACTIVITY,
          });
          await recordPortalAction(trx, { accountId: c.accountId, action: 'email-change-requested', ip: request.ip, at: now });
        });
      }
      return page(request, reply, { notice: t('account.emailSent', { email: form.data.email }) });
    });

    app.get(PORTAL_PATHS.confirmEmail[locale], { config: { customer: 'public' } }, async (request, reply) => {
      const key = String((request.query as Record<string, unknown>).key ?? '').slice(0, 200);
      const live = key ? await liveLinkKey(db, key, 'email-change', ctx.clock.now()) : undefined;
      const v = viewContextFor(request, alternatesOf('confirmEmail'));
      if (!live?.new_email)
        return sendPage(
          reply,
          <ConfirmEmailPage view={v} customer={request.customer} message={t('confirmEmail.invalid')} />,
          key ? 404 : 200,
        );
      return sendPage(reply, <ConfirmEmailPage view={v} customer={request.customer} email={live.new_email} keyValue={key} />);
    });

    app.post(
      PORTAL_PATHS.confirmEmail[locale],
      { config: { customer: 'public', rateLimit: { max: cfg.FORM_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } } },
      async (request, reply) => {
        const body = (request.body ?? {}) as Record<string, unknown>;
        const key = typeof body.key === 'string' ? body.key : '';
        const v = viewContextFor(request, alternatesOf('confirmEmail'));
        const now = ctx.clock.now();
        const live = key ? await liveLinkKey(db, key, 'email-change', now) : undefined;
        if (!live?.new_email || live.status !== 'active')
          return sendPage(reply, <ConfirmEmailPage view={v} customer={request.customer} message={t('confirmEmail.invalid')} />, 404);
        const newEmail = live.new_email;
        const outcome = await db
          .transaction()
          .execute(async (trx) => {
            const holder = await accountByEmail(trx, newEmail);
            if (holder && holder.id !== live.account_id) return 'taken' as const;
            if (!(await spendKey(trx, live.id, now))) return 'invalid' as const;
            await trx.updateTable('portal_accounts').set({ email: newEmail }).where('id', '=', live.account_id).execute();
            // Customer service decides whether the contract's e-mail address changes too.
            await createTask(trx, {
              customerId: live.customer_id,
              contractId: null,
              kind: 'email-change',
              payload: { previous: live.email, email: newEmail },
              now,
            });
            await recordPortalAction(trx, { accountId: live.account_id, action: 'email-changed', ip: request.ip, at: now });
            return 'done' as const;
          })
          .catch((err: { code?: string }) => {
            if (err.code === '23505') return 'taken' as const;
            throw err;
          });
        if (outcome === 'taken')
          return sendPage(reply, <ConfirmEmailPage view={v} customer={request.customer} message={t('confirmEmail.taken')} />, 409);
        if (outcome === 'invalid')
          return sendPage(reply, <ConfirmEmailPage view={v} customer={request.customer} message={t('confirmEmail.invalid')} />, 404);
        const customer = request.customer?.accountId === live.account_id ? { ...request.customer, email: newEmail } : request.customer;
        return sendPage(reply, <ConfirmEmailPage view={v} customer={customer} message={t('confirmEmail.done', { email: newEmail })} />);
      },
    );

    // --- Password -----------------------------------------------------------------------------
    app.post(PORTAL_PATHS.changePassword[locale], { config: SIGNED_IN }, async (request, reply) => {
      const c = me(request);
      const labels = accountLabels(viewContextFor(request));
      const form = validateForm(
        changePasswordSchema,
        request.body,
        validation(locale, { current: labels.current, password: labels.newPassword, repeat: labels.repeat }),
      );
      if (!form.ok) return page(request, reply, { form: 'password', errors: form.errors }, 400);
      const row = await account(c);
      const errors: Record<string, string> = {};
      if (!(await verifyPassword(row.password_hash, form.data.current))) errors.current = pt('password.wrong');
      Object.assign(errors, newPasswordError(locale, form.data.password, form.data.repeat, row.email) ?? {});
      if (Object.keys(errors).length) return page(request, reply, { form: 'password', errors }, 400);
      const now = ctx.clock.now();
      await db
        .updateTable('portal_accounts')
        .set({ password_hash: await hashPassword(form.data.password) })
        .where('id', '=', c.accountId)
        .execute();
      await endAllSessions(authDb, 'customer', c.accountId, c.session.idHash);
      await recordPortalAction(db, { accountId: c.accountId, action: 'password-changed', ip: request.ip, at: now });
      return page(request, reply, { notice: t('account.passwordSaved') });
    });

    // --- Second factor (optional for customers) ---------------------------------------------
    const enrol = async (
      request: FastifyRequest,
      reply: FastifyReply,
      c: PortalCustomer,
      status = 200,
      errors?: Record<string, string>,
      sealedSecret?: string,
    ) => {
      let secret = newTotpSecret();
      if (sealedSecret) secret = (JSON.parse(box.open(sealedSecret)) as { secret: string }).secret;
      const sealed = sealedSecret ?? box.seal(JSON.stringify({ accountId: c.accountId, secret }));
      const qrSvg = await totpQrSvg(totpUri(secret, cfg.organisation.shortName, c.email));
      return sendPage(
        reply,
        <TotpPage
          view={viewContextFor(request, alternatesOf('totp'))}
          customer={c}
          qrSvg={qrSvg}
          secret={secret}
          sealed={sealed}
          errors={errors}
        />,
        status,
      );
    };

    app.get(PORTAL_PATHS.totp[locale], { config: SIGNED_IN }, async (request, reply) => {
      const c = me(request);
      if ((await account(c)).totp_secret) return reply.redirect(PORTAL_PATHS.account[locale], 303);
      return enrol(request, reply, c);
    });

    app.post(PORTAL_PATHS.totp[locale], { config: SIGNED_IN }, async (request, reply) => {
      const c = me(request);
      if ((await account(c)).totp_secret) return reply.redirect(PORTAL_PATHS.account[locale], 303);
      const form = validateForm(totpEnrolSchema, request.body, validation(locale, { code: t('totp.code') }));
      let pending: { accountId: string; secret: string } | null = null;
      try {
        pending = form.ok ? (JSON.parse(box.open(form.data.sealed)) as { accountId: string; secret: string }) : null;
      } catch {
        pending = null;
      }
      if (!form.ok || !pending || pending.accountId !== c.accountId)
        return enrol(request, reply, c, 400, form.ok ? { code: t('totp.failed') } : form.errors);
      const now = ctx.clock.now();
      const step = verifyTotp(pending.secret, form.data.code, now, null);
      if (step === null) return enrol(request, reply, c, 400, { code: t('totp.failed') }, form.data.sealed);
      const codes = newRecoveryCodes();
      await db
        .updateTable('portal_accounts')
        .set({ totp_secret: box.seal(pending.secret), totp_last_step: step, recovery_code_hashes: codes.map((code) => hashToken(code)) })
        .where('id', '=', c.accountId)
        .execute();
      // Other sessions never passed this factor: they end.
      await endAllSessions(authDb, 'customer', c.accountId, c.session.idHash);
      await recordPortalAction(db, { accountId: c.accountId, action: 'totp-on', ip: request.ip, at: now });
      return sendPage(
        reply,
        <RecoveryCodesPage view={viewContextFor(request, alternatesOf('totp'))} customer={{ ...c, hasTotp: true }} codes={codes} />,
      );
    });

    app.post(PORTAL_PATHS.totpOff[locale], { config: SIGNED_IN }, async (request, reply) => {
      const c = me(request);
      const labels = accountLabels(viewContextFor(request));
      const form = validateForm(passwordOnlySchema, request.body, validation(locale, { password: labels.password }));
      const row = await account(c);
      if (!form.ok) return page(request, reply, { form: 'totp', errors: form.errors }, 400);
      if (!(await verifyPassword(row.password_hash, form.data.password)))
        return page(request, reply, { form: 'totp', errors: { password: pt('password.wrong') } }, 400);
      await db
        .updateTable('portal_accounts')
        .set({ totp_secret: null, totp_last_step: null, recovery_code_hashes: [] })
        .where('id', '=', c.accountId)
        .execute();
      await recordPortalAction(db, { accountId: c.accountId, action: 'totp-off', ip: request.ip, at: ctx.clock.now() });
      return page(request, reply, { notice: t('account.totpOffDone') });
    });

    // --- Deleting the online access (C39) -------------------------------------------------------
    app.get(PORTAL_PATHS.deleteAccess[locale], { config: SIGNED_IN }, async (request, reply) => {
      return sendPage(
        reply,
        <DeleteAccessPage view={viewContextFor(request, alternatesOf('deleteAccess'))} customer={me(request)} org={cfg.organisation} />,
      );
    });

    app.post(PORTAL_PATHS.deleteAccess[locale], { config: SIGNED_IN }, async (request, reply) => {
      const c = me(request);
      const v = viewContextFor(request, alternatesOf('deleteAccess'));
      const labels = { password: t('account.confirmPassword'), confirm: t('delete.confirm') };
      const form = validateForm(deleteAccessSchema, request.body, validation(locale, labels));
      const errors: Record<string, string> = form.ok ? {} : { ...form.errors };
      if (form.ok && !(await verifyPassword((await account(c)).password_hash, form.data.password))) errors.password = pt('password.wrong');
      if (Object.keys(errors).length)
        return sendPage(reply, <DeleteAccessPage view={v} customer={c} org={cfg.organisation} errors={errors} />, 400);
      await deleteOnlineAccess(db, c.accountId);
      clearSessionCookie(reply, 'customer');
      return sendPage(reply, <DeletedPage view={v} org={cfg.organisation} />);
    });
  }
}
