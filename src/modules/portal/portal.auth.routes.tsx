import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  type Attempt,
  type AuthTables,
  attemptSucceeded,
  endSession,
  hashPassword,
  issueUnlockToken,
  SecretBox,
  secretKey,
  startSession,
  takeAttempt,
  verifyPassword,
  verifyTotp,
} from '../../core/auth/index.ts';
import { validateForm } from '../../core/http/index.ts';
import { LOCALES, type Locale, translator } from '../../core/i18n/index.ts';
import { enqueueMail } from '../../core/mail/index.ts';
import type { AppContext } from '../../core/module.ts';
import { sendPage, viewContextFor } from '../../core/views/index.ts';
import { accountByEmail, activateAccount, liveLinkKey, spendKey, useRecoveryCode } from './portal.accounts.ts';
import {
  ActivatePage,
  CodePage,
  ForgotPage,
  NewPasswordPage,
  RegisteredPage,
  RegisterPage,
  registerLabels,
  SignInPage,
} from './portal.auth.views.tsx';
import { recordPortalAction } from './portal.log.ts';
import { portalMessages } from './portal.messages.ts';
import { alternatesOf, PORTAL_PATHS, safePortalNext } from './portal.paths.ts';
import { ACCESS_ACTIVITY } from './portal.privacy.ts';
import { register } from './portal.registration.ts';
import { requestPasswordReset } from './portal.reset.ts';
import { activateSchema, codeSchema, forgotSchema, newPasswordSchema, registerSchema, signInSchema } from './portal.schema.ts';
import type { PortalTables } from './portal.tables.ts';
import { newPasswordError, validation } from './portal.validation.ts';

const PUBLIC = { customer: 'public' } as const;

/** Notices the sign-in page shows after another step sent the customer there. */
const NOTICES = { activated: 'activate.done', 'signed-out': 'signIn.signedOut', password: 'newPassword.done' } as const;

/**
 * Registration (C35), activation (C36), sign-in with an optional second factor, sign-out and
 * password reset. None of these pages sets a cookie; only a successful sign-in does (C11).
 */
export function registerPortalAuthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<PortalTables>();
  const authDb = ctx.db.withTables<AuthTables>();
  const box = new SecretBox(secretKey(ctx.config));
  const cfg = ctx.config;
  const expiry = { days: cfg.PORTAL_ACTIVATION_POST_DAYS, hours: cfg.PORTAL_ACTIVATION_EMAIL_HOURS };
  const formLimit = { rateLimit: { max: cfg.FORM_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } };
  const query = (request: FastifyRequest) => (request.query ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, 300) : '');

  for (const locale of LOCALES) {
    const P = (page: keyof typeof PORTAL_PATHS) => PORTAL_PATHS[page][locale];
    const t = translator(portalMessages, locale);
    const view = (request: FastifyRequest, page: keyof typeof PORTAL_PATHS) => viewContextFor(request, alternatesOf(page));
    /** Why an attempt was refused, in words; a wait also goes into Retry-After. */
    const refusal = (reply: FastifyReply, attempt: Exclude<Attempt, { ok: true }>) => {
      if (attempt.reason === 'locked') return t('signIn.locked');
      reply.header('retry-after', String(attempt.seconds));
      return attempt.seconds === 1 ? t('signIn.waitOne') : t('signIn.wait', { seconds: attempt.seconds });
    };
    /** The owner of a locked access gets a link past the lock, at the access's own address only. */
    const mailUnlockLink = async (email: string, accountKey: string, now: Date) => {
      const account = await accountByEmail(db, email);
      if (account?.status !== 'active') return;
      const token = await issueUnlockToken(authDb, accountKey, now);
      const locale = account.locale as Locale;
      const mt = translator(portalMessages, locale);
      const link = `${cfg.PUBLIC_URL}${PORTAL_PATHS.signIn[locale]}?entsperren=${encodeURIComponent(token)}`;
      await enqueueMail(db, ctx, {
        to: account.email,
        subject: mt('unlockMail.subject'),
        text: mt('unlockMail.body', { link, org: cfg.organisation.shortName }),
        activity: ACCESS_ACTIVITY,
        secrets: [link],
      });
    };

    // --- Registration (C35) ---------------------------------------------------------------
    app.get(P('register'), { config: PUBLIC }, async (request, reply) =>
      sendPage(reply, <RegisterPage view={view(request, 'register')} expiry={expiry} />),
    );

    app.post(P('register'), { config: { ...PUBLIC, ...formLimit } }, async (request, reply) => {
      const v = view(request, 'register');
      const form = validateForm(registerSchema, request.body, validation(locale, registerLabels(v)));
      const errors: Record<string, string> = form.ok ? {} : { ...form.errors };
      if (form.ok) Object.assign(errors, newPasswordError(locale, form.data.password, form.data.repeat, form.data.email) ?? {});
      if (!form.ok || Object.keys(errors).length)
        return sendPage(reply, <RegisterPage view={v} values={form.values} errors={errors} expiry={expiry} />, 400);
      const d = form.data;
      await register(db, ctx, { ...d, locale, ip: request.ip });
      return sendPage(reply, <RegisteredPage view={v} channel={d.channel} expiry={expiry} phone={cfg.organisation.phone} />);
    });

    // --- Activation (C36) -----------------------------------------------------------------
    app.get(P('activate'), { config: PUBLIC }, async (request, reply) => {
      const q = query(request);
      return sendPage(reply, <ActivatePage view={view(request, 'activate')} values={{ email: str(q.email), key: str(q.key) }} />);
    });

    app.post(P('activate'), { config: { ...PUBLIC, ...formLimit } }, async (request, reply) => {
      const v = view(request, 'activate');
      const labels = { email: t('activate.email'), key: t('activate.key'), password: t('activate.password') };
      const form = validateForm(activateSchema, request.body, validation(locale, labels));
      if (!form.ok) return sendPage(reply, <ActivatePage view={v} values={form.values} errors={form.errors} />, 400);
      const now = ctx.clock.now();
      const keys = { delayed: [`portal-activate-ip:${request.ip}`], account: null };
      const attempt = await takeAttempt(authDb, keys, now);
      if (!attempt.ok)
        return sendPage(
          reply,
          <ActivatePage view={v} values={{ email: form.data.email }} errors={{ key: refusal(reply, attempt) }} />,
          429,
        );
      const result = await activateAccount(db, { ...form.data, now, maxAttempts: cfg.PORTAL_ACTIVATION_MAX_ATTEMPTS }, verifyPassword);
      if (!result.ok) {
        return sendPage(
          reply,
          <ActivatePage
            view={v}
            values={{ email: form.data.email }}
            errors={{ key: t('activate.failed', { max: cfg.PORTAL_ACTIVATION_MAX_ATTEMPTS }) }}
          />,
          400,
        );
      }
      await attemptSucceeded(authDb, keys, [], now);
      await recordPortalAction(db, { accountId: result.accountId, action: 'activated', ip: request.ip, at: now });
      return reply.redirect(`${P('signIn')}?hinweis=activated`, 303);
    });

    // --- Sign-in --------------------------------------------------------------------------
    app.get(P('signIn'), { config: PUBLIC }, async (request, reply) => {
      const q = query(request);
      const next = safePortalNext(q.weiter, locale);
      if (request.customer) return reply.redirect(next, 303);
      const notice = NOTICES[str(q.hinweis) as keyof typeof NOTICES];
      const unlock = str(q.entsperren);
      return sendPage(
        reply,
        <SignInPage
          view={view(request, 'signIn')}
          next={next}
          unlock={unlock || undefined}
          notice={unlock ? t('signIn.unlock') : notice ? t(notice) : undefined}
        />,
      );
    });

    app.post(
      P('signIn'),
      { config: { ...PUBLIC, rateLimit: { max: cfg.FORM_RATE_LIMIT_PER_MINUTE * 3, timeWindow: '1 minute' } } },
      async (request, reply) => {
        const v = view(request, 'signIn');
        const next = safePortalNext(query(request).weiter, locale);
        const labels = { email: t('signIn.email'), password: t('signIn.password') };
        const form = validateForm(signInSchema, request.body, validation(locale, labels));
        if (!form.ok) return sendPage(reply, <SignInPage view={v} next={next} values={form.values} errors={form.errors} />, 400);
        const now = ctx.clock.now();
        const email = form.data.email.toLowerCase();
        const pair = `portal:${email}|${request.ip}`;
        const keys = { delayed: [`portal-ip:${request.ip}`, pair], account: `portal:${email}` };
        const unlock = str((request.body as Record<string, unknown>).unlock) || undefined;
        const attempt = await takeAttempt(authDb, keys, now, unlock);
        if (!attempt.ok) {
          if (attempt.reason === 'locked' && attempt.mail) await mailUnlockLink(email, keys.account, now);
          return sendPage(
            reply,
            <SignInPage
              view={v}
              next={next}
              unlock={unlock}
              values={{ email: form.data.email }}
              errors={{ password: refusal(reply, attempt) }}
            />,
            429,
          );
        }
        const account = await accountByEmail(db, form.data.email);
        const ok = await verifyPassword(account?.password_hash ?? null, form.data.password);
        if (!account || !ok) {
          if (account?.status === 'active')
            await recordPortalAction(db, { accountId: account.id, action: 'sign-in-failed', ip: request.ip, at: now });
          return sendPage(
            reply,
            <SignInPage
              view={v}
              next={next}
              unlock={unlock}
              values={{ email: form.data.email }}
              errors={{ password: t('signIn.failed') }}
            />,
            401,
          );
        }
        // Only who knows the password learns that the access still waits for its key.
        if (account.status !== 'active')
          return sendPage(
            reply,
            <SignInPage view={v} next={next} values={{ email: form.data.email }} errors={{ password: t('signIn.pending') }} />,
            403,
          );
        await attemptSucceeded(authDb, keys, [pair], now, unlock);
        const complete = account.totp_secret === null;
        await startSession(authDb, reply, {
          kind: 'customer',
          subjectId: account.id,
          now,
          ip: request.ip,
          secondFactor: complete,
          replaces: request.customer?.session.idHash,
        });
        if (!complete) return reply.redirect(`${P('signInCode')}?weiter=${encodeURIComponent(next)}`, 303);
        await db.updateTable('portal_accounts').set({ last_login_at: now }).where('id', '=', account.id).execute();
        await recordPortalAction(db, { accountId: account.id, action: 'signed-in', ip: request.ip, at: now });
        return reply.redirect(next, 303);
      },
    );

    app.get(P('signInCode'), { config: { customer: 'pending' } }, async (request, reply) => {
      const next = safePortalNext(query(request).weiter, locale);
      return sendPage(
        reply,
        <CodePage view={view(request, 'signInCode')} next={next} csrfToken={request.customer?.session.csrfToken ?? ''} />,
      );
    });

    app.post(P('signInCode'), { config: { customer: 'pending' } }, async (request, reply) => {
      const v = view(request, 'signInCode');
      const next = safePortalNext(query(request).weiter, locale);
      const pending = request.customer;
      if (!pending) return reply.redirect(P('signIn'), 303);
      const form = validateForm(codeSchema, request.body, validation(locale, { code: t('code.code') }));
      if (!form.ok)
        return sendPage(reply, <CodePage view={v} next={next} csrfToken={pending.session.csrfToken} errors={form.errors} />, 400);
      const now = ctx.clock.now();
      const keys = { delayed: [`portal-totp:${pending.accountId}`], account: null };
      const attempt = await takeAttempt(authDb, keys, now);
      if (!attempt.ok)
        return sendPage(
          reply,
          <CodePage view={v} next={next} csrfToken={pending.session.csrfToken} errors={{ code: refusal(reply, attempt) }} />,
          429,
        );
      const account = await db
        .selectFrom('portal_accounts')
        .select(['totp_secret', 'totp_last_step'])
        .where('id', '=', pending.accountId)
        .executeTakeFirst();
      const step = account?.totp_secret ? verifyTotp(box.open(account.totp_secret), form.data.code, now, account.totp_last_step) : null;
      const recovery = step === null ? await useRecoveryCode(db, pending.accountId, form.data.code) : false;
      if (step === null && !recovery) {
        await recordPortalAction(db, { accountId: pending.accountId, action: 'second-factor-failed', ip: request.ip, at: now });
        return sendPage(
          reply,
          <CodePage view={v} next={next} csrfToken={pending.session.csrfToken} errors={{ code: t('code.failed') }} />,
          401,
        );
      }
      await attemptSucceeded(authDb, keys, keys.delayed, now);
      await db
        .updateTable('portal_accounts')
        .set({ last_login_at: now, ...(step !== null ? { totp_last_step: step } : {}) })
        .where('id', '=', pending.accountId)
        .execute();
      await startSession(authDb, reply, {
        kind: 'customer',
        subjectId: pending.accountId,
        now,
        ip: request.ip,
        secondFactor: true,
        replaces: pending.session.idHash,
      });
      await recordPortalAction(db, {
        accountId: pending.accountId,
        action: 'signed-in',
        detail: recovery ? 'recovery code' : null,
        ip: request.ip,
        at: now,
      });
      return reply.redirect(next, 303);
    });

    app.post(P('signOut'), { config: { customer: 'signed-in' } }, async (request, reply) => {
      const c = request.customer;
      if (c) {
        await endSession(authDb, reply, c.session);
        await recordPortalAction(db, { accountId: c.accountId, action: 'signed-out', ip: request.ip, at: ctx.clock.now() });
      }
      return reply.redirect(`${P('signIn')}?hinweis=signed-out`, 303);
    });

    // --- Password reset by e-mail -----------------------------------------------------------
    app.get(P('forgotPassword'), { config: PUBLIC }, async (request, reply) =>
      sendPage(reply, <ForgotPage view={view(request, 'forgotPassword')} />),
    );

    app.post(P('forgotPassword'), { config: { ...PUBLIC, ...formLimit } }, async (request, reply) => {
      const v = view(request, 'forgotPassword');
      const form = validateForm(forgotSchema, request.body, validation(locale, { email: t('forgot.email') }));
      if (!form.ok) return sendPage(reply, <ForgotPage view={v} values={form.values} errors={form.errors} />, 400);
      await requestPasswordReset(db, ctx, { email: form.data.email, ip: request.ip });
      return sendPage(reply, <ForgotPage view={v} notice={t('forgot.done')} />);
    });

    app.get(P('newPassword'), { config: PUBLIC }, async (request, reply) => {
      const key = str(query(request).key);
      const live = key ? await liveLinkKey(db, key, 'password-reset', ctx.clock.now()) : undefined;
      // Without a key this is the page itself (it says to ask for a link); with a dead key, not found.
      return sendPage(
        reply,
        <NewPasswordPage view={view(request, 'newPassword')} keyValue={key} valid={Boolean(live)} />,
        live || !key ? 200 : 404,
      );
    });

    app.post(P('newPassword'), { config: { ...PUBLIC, ...formLimit } }, async (request, reply) => {
      const v = view(request, 'newPassword');
      const labels = { password: t('register.password'), repeat: t('register.repeat') };
      const form = validateForm(newPasswordSchema, request.body, validation(locale, labels));
      const key = form.ok ? form.data.key : str(form.values.key);
      const now = ctx.clock.now();
      const live = key ? await liveLinkKey(db, key, 'password-reset', now) : undefined;
      if (!live) return sendPage(reply, <NewPasswordPage view={v} keyValue="" valid={false} />, 404);
      const errors: Record<string, string> = form.ok
        ? { ...(newPasswordError(locale, form.data.password, form.data.repeat, live.email) ?? {}) }
        : { ...form.errors };
      if (!form.ok || Object.keys(errors).length)
        return sendPage(reply, <NewPasswordPage view={v} keyValue={key} valid errors={errors} />, 400);
      const passwordHash = await hashPassword(form.data.password);
      const done = await db.transaction().execute(async (trx) => {
        if (!(await spendKey(trx, live.id, now))) return false;
        // Setting a password also activates a prepared access (the demo customer's link).
        await trx.updateTable('portal_accounts').set({ password_hash: passwordHash }).where('id', '=', live.account_id).execute();
        await trx
          .withTables<AuthTables>()
          .deleteFrom('sessions')
          .where('kind', '=', 'customer')
          .where('subject_id', '=', live.account_id)
          .execute();
        await recordPortalAction(trx, { accountId: live.account_id, action: 'password-reset', ip: request.ip, at: now });
        return true;
      });
      if (!done) return sendPage(reply, <NewPasswordPage view={v} keyValue="" valid={false} />, 404);
      // Who just proved the mailed link and chose a password is signed in at once (an active
      // access without a second factor); with a second factor the code is still asked.
      const account = await db
        .selectFrom('portal_accounts')
        .select(['status', 'totp_secret'])
        .where('id', '=', live.account_id)
        .executeTakeFirst();
      if (account?.status !== 'active') return reply.redirect(`${P('signIn')}?hinweis=password`, 303);
      const complete = account.totp_secret === null;
      await startSession(authDb, reply, { kind: 'customer', subjectId: live.account_id, now, ip: request.ip, secondFactor: complete });
      if (!complete) return reply.redirect(`${P('signInCode')}?weiter=${encodeURIComponent(P('overview'))}`, 303);
      await db.updateTable('portal_accounts').set({ last_login_at: now }).where('id', '=', live.account_id).execute();
      await recordPortalAction(db, { accountId: live.account_id, action: 'signed-in', ip: request.ip, at: now });
      return reply.redirect(P('overview'), 303);
    });
  }
}
