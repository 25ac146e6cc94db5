import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { validateForm } from '../forms/index.ts';
import { translator } from '../i18n/index.ts';
import { enqueueMail } from '../mail/index.ts';
import type { AppContext } from '../module.ts';
import { sendPage, staffFrame, viewContextFor } from '../views/index.ts';
import type { AuthTables } from './auth.tables.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { SecretBox, secretKey } from './secret-box.ts';
import { endSession, startSession } from './sessions.ts';
import { staffMessages } from './staff.messages.ts';
import { findStaffByEmail, findStaffById, invitationAccount, replaceRecoveryCodes, useRecoveryCode } from './staff.queries.ts';
import { CodePage, EnrolPage, InvalidInvitationPage, InvitationPage, LoginPage, RecoveryCodesPage } from './staff.signin.views.tsx';
import { type Attempt, attemptSucceeded, issueUnlockToken, takeAttempt } from './throttle.ts';
import { newTotpSecret, totpQrSvg, totpUri, verifyTotp } from './totp.ts';

/** Only our own back-office paths are followed after sign-in (no open redirect). */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || value.includes('//') || /(^|\/)\.\.?(\/|$|\?)|%2e/i.test(value)) return '/staff';
  return /^\/staff(\/[\w\-/.~%]*)?(\?[\w\-=&%.~]*)?$/.test(value) ? value : '/staff';
}

const loginSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });
const codeSchema = z.object({ code: z.string().trim().min(1).max(40) });
const inviteSchema = z.object({ password: z.string().min(1).max(4096), repeat: z.string().min(1).max(4096) });
const enrolSchema = z.object({ code: z.string().trim().min(1).max(20), sealed: z.string().min(1).max(2000) });

const SIGN_IN = { staff: 'sign-in' } as const;

export function registerSignInRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<AuthTables>();
  const box = new SecretBox(secretKey(ctx.config));
  const tFor = (request: FastifyRequest) => translator(staffMessages, viewContextFor(request).locale);
  /** Why an attempt was refused, in words; a wait also goes into Retry-After. */
  const refusal = (request: FastifyRequest, reply: FastifyReply, attempt: Exclude<Attempt, { ok: true }>) => {
    const t = tFor(request);
    if (attempt.reason === 'locked') return t('login.locked');
    reply.header('retry-after', String(attempt.seconds));
    return attempt.seconds === 1 ? t('login.waitOne') : t('login.wait', { seconds: attempt.seconds });
  };
  /** The owner of a locked account gets a link past the lock, at the account's own address only. */
  const mailUnlockLink = async (request: FastifyRequest, email: string, accountKey: string, now: Date) => {
    const account = await findStaffByEmail(db, email);
    if (!account?.active) return;
    const t = tFor(request);
    const link = `${ctx.config.PUBLIC_URL}/staff/anmelden?entsperren=${encodeURIComponent(await issueUnlockToken(db, accountKey, now))}`;
    await enqueueMail(db, ctx, {
      to: account.email,
      subject: t('unlockMail.subject'),
      text: t('unlockMail.body', { link }),
      activity: 'auth.staff-accounts',
      secrets: [link],
    });
  };

  const passwordError = (request: FastifyRequest, password: string, email: string) => {
    const problem = passwordProblem(password, email);
    return problem ? tFor(request)(`password.${problem}`) : null;
  };

  app.get('/staff/anmelden', { config: SIGN_IN }, async (request, reply) => {
    const next = safeNext((request.query as Record<string, unknown>).weiter);
    if (request.staff?.session.secondFactorAt) return reply.redirect(next, 303);
    const unlock = (request.query as Record<string, unknown>).entsperren;
    const token = typeof unlock === 'string' && unlock.length <= 100 ? unlock : undefined;
    return sendPage(
      reply,
      <LoginPage view={viewContextFor(request)} next={next} unlock={token} notice={token ? tFor(request)('login.unlock') : undefined} />,
    );
  });

  app.post(
    '/staff/anmelden',
    { config: { ...SIGN_IN, rateLimit: { max: ctx.config.FORM_RATE_LIMIT_PER_MINUTE * 3, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const view = viewContextFor(request);
      const t = tFor(request);
      const next = safeNext((request.query as Record<string, unknown>).weiter);
      const labels = { email: t('login.email'), password: t('login.password') };
      const form = validateForm(loginSchema, request.body, { locale: view.locale, labels });
      if (!form.ok) return sendPage(reply, <LoginPage view={view} next={next} values={form.values} errors={form.errors} />, 400);
      const now = ctx.clock.now();
      const email = form.data.email.toLowerCase();
      const pair = `staff:${email}|${request.ip}`;
      const keys = { delayed: [`ip:${request.ip}`, pair], account: `staff:${email}` };
      const body = (request.body ?? {}) as Record<string, unknown>;
      const unlock = typeof body.unlock === 'string' && body.unlock ? body.unlock.slice(0, 100) : undefined;
      const attempt = await takeAttempt(db, keys, now, unlock);
      if (!attempt.ok) {
        if (attempt.reason === 'locked' && attempt.mail) await mailUnlockLink(request, email, keys.account, now);
        return sendPage(
          reply,
          <LoginPage
            view={view}
            next={next}
            unlock={unlock}
            values={{ email: form.data.email }}
            errors={{ password: refusal(request, reply, attempt) }}
          />,
          429,
        );
      }
      const account = await findStaffByEmail(db, form.data.email);
      const ok = await verifyPassword(account?.active ? account.password_hash : null, form.data.password);
      if (!account || !ok) {
        return sendPage(
          reply,
          <LoginPage
            view={view}
            next={next}
            unlock={unlock}
            values={{ email: form.data.email }}
            errors={{ password: t('login.failed') }}
          />,
          401,
        );
      }
      await attemptSucceeded(db, keys, [pair], now, unlock);
      await startSession(db, reply, {
        kind: 'staff',
        subjectId: account.id,
        now,
        ip: request.ip,
        secondFactor: false,
        replaces: request.staff?.session.idHash,
      });
      const target = account.totp_secret ? `/staff/anmelden/code?weiter=${encodeURIComponent(next)}` : '/staff/einrichten/zweiter-faktor';
      return reply.redirect(target, 303);
    },
  );

  /** The session between password and second factor; anything else goes back to the start. */
  const pendingAccount = async (request: FastifyRequest) => {
    if (!request.staff || request.staff.session.secondFactorAt) return null;
    return findStaffById(db, request.staff.id);
  };

  app.get('/staff/anmelden/code', { config: SIGN_IN }, async (request, reply) => {
    const next = safeNext((request.query as Record<string, unknown>).weiter);
    const account = await pendingAccount(request);
    if (!account?.totp_secret) return reply.redirect('/staff/anmelden', 303);
    return sendPage(reply, <CodePage view={viewContextFor(request)} next={next} />);
  });

  app.post('/staff/anmelden/code', { config: SIGN_IN }, async (request, reply) => {
    const view = viewContextFor(request);
    const t = tFor(request);
    const next = safeNext((request.query as Record<string, unknown>).weiter);
    const account = await pendingAccount(request);
    if (!account?.totp_secret || !request.staff) return reply.redirect('/staff/anmelden', 303);
    const form = validateForm(codeSchema, request.body, { locale: view.locale, labels: { code: t('code.code') } });
    if (!form.ok) return sendPage(reply, <CodePage view={view} next={next} errors={form.errors} />, 400);
    const now = ctx.clock.now();
    const keys = { delayed: [`totp:${account.id}`], account: null };
    const attempt = await takeAttempt(db, keys, now);
    if (!attempt.ok) return sendPage(reply, <CodePage view={view} next={next} errors={{ code: refusal(request, reply, attempt) }} />, 429);
    const step = verifyTotp(box.open(account.totp_secret), form.data.code, now, account.totp_last_step);
    const accepted = step !== null || (await useRecoveryCode(db, account.id, form.data.code, now));
    if (!accepted) {
      return sendPage(reply, <CodePage view={view} next={next} errors={{ code: t('code.failed') }} />, 401);
    }
    await attemptSucceeded(db, keys, keys.delayed, now);
    await db
      .updateTable('staff_accounts')
      .set({ last_login_at: now, ...(step !== null ? { totp_last_step: step } : {}) })
      .where('id', '=', account.id)
      .execute();
    await startSession(db, reply, {
      kind: 'staff',
      subjectId: account.id,
      now,
      ip: request.ip,
      secondFactor: true,
      replaces: request.staff.session.idHash,
    });
    return reply.redirect(next, 303);
  });

  app.get('/staff/einladung/:token', { config: { ...SIGN_IN, secretInPath: true } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const invited = token.length <= 100 ? await invitationAccount(db, token, ctx.clock.now()) : undefined;
    const view = viewContextFor(request);
    if (!invited) return sendPage(reply, <InvalidInvitationPage view={view} />, 404);
    return sendPage(reply, <InvitationPage view={view} name={invited.name} token={token} />);
  });

  app.post('/staff/einladung/:token', { config: { ...SIGN_IN, secretInPath: true } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const view = viewContextFor(request);
    const t = tFor(request);
    const now = ctx.clock.now();
    const invited = token.length <= 100 ? await invitationAccount(db, token, now) : undefined;
    if (!invited) return sendPage(reply, <InvalidInvitationPage view={view} />, 404);
    const labels = { password: t('invite.password'), repeat: t('invite.repeat') };
    const form = validateForm(inviteSchema, request.body, { locale: view.locale, labels });
    const errors = form.ok ? {} : { ...form.errors };
    if (form.ok) {
      const problem = passwordError(request, form.data.password, invited.email);
      if (problem) errors.password = problem;
      else if (form.data.password !== form.data.repeat) errors.repeat = t('password.mismatch');
    }
    if (!form.ok || Object.keys(errors).length > 0) {
      return sendPage(reply, <InvitationPage view={view} name={invited.name} token={token} errors={errors} />, 400);
    }
    const passwordHash = await hashPassword(form.data.password);
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('staff_accounts')
        .set({ password_hash: passwordHash, totp_secret: null, totp_last_step: null, activated_at: now })
        .where('id', '=', invited.id)
        .execute();
      await trx.updateTable('staff_invitations').set({ used_at: now }).where('token_hash', '=', invited.token_hash).execute();
      await trx.deleteFrom('sessions').where('kind', '=', 'staff').where('subject_id', '=', invited.id).execute();
    });
    await startSession(db, reply, {
      kind: 'staff',
      subjectId: invited.id,
      now,
      ip: request.ip,
      secondFactor: false,
      replaces: request.staff?.session.idHash,
    });
    return reply.redirect('/staff/einrichten/zweiter-faktor', 303);
  });

  const enrolPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    staffId: string,
    email: string,
    status = 200,
    errors?: Record<string, string>,
    sealedSecret?: string,
  ) => {
    const secret = sealedSecret ? (JSON.parse(box.open(sealedSecret)) as { secret: string }).secret : newTotpSecret();
    const sealed = sealedSecret ?? box.seal(JSON.stringify({ staffId, secret }));
    const qrSvg = await totpQrSvg(totpUri(secret, ctx.config.organisation.shortName, email));
    return sendPage(
      reply,
      <EnrolPage view={viewContextFor(request)} qrSvg={qrSvg} secret={secret} sealed={sealed} errors={errors} />,
      status,
    );
  };

  app.get('/staff/einrichten/zweiter-faktor', { config: SIGN_IN }, async (request, reply) => {
    const account = await pendingAccount(request);
    if (!account || account.totp_secret || !account.password_hash) return reply.redirect('/staff/anmelden', 303);
    return enrolPage(request, reply, account.id, account.email);
  });

  app.post('/staff/einrichten/zweiter-faktor', { config: SIGN_IN }, async (request, reply) => {
    const view = viewContextFor(request);
    const t = tFor(request);
    const account = await pendingAccount(request);
    if (!account || account.totp_secret || !account.password_hash || !request.staff) return reply.redirect('/staff/anmelden', 303);
    const form = validateForm(enrolSchema, request.body, { locale: view.locale, labels: { code: t('code.code') } });
    let pending: { staffId: string; secret: string } | null = null;
    try {
      pending = form.ok ? (JSON.parse(box.open(form.data.sealed)) as { staffId: string; secret: string }) : null;
    } catch {
      pending = null;
    }
    if (!form.ok || !pending || pending.staffId !== account.id)
      return enrolPage(request, reply, account.id, account.email, 400, form.ok ? { code: t('code.failed') } : form.errors);
    const now = ctx.clock.now();
    const step = verifyTotp(pending.secret, form.data.code, now, null);
    if (step === null) return enrolPage(request, reply, account.id, account.email, 400, { code: t('code.failed') }, form.data.sealed);
    const codes = await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('staff_accounts')
        .set({ totp_secret: box.seal(pending.secret), totp_last_step: step, last_login_at: now })
        .where('id', '=', account.id)
        .execute();
      return replaceRecoveryCodes(trx, account.id);
    });
    const session = await startSession(db, reply, {
      kind: 'staff',
      subjectId: account.id,
      now,
      ip: request.ip,
      secondFactor: true,
      replaces: request.staff.session.idHash,
    });
    return sendPage(reply, <RecoveryCodesPage view={view} codes={codes} next="/staff" csrfToken={session.csrfToken} name={account.name} />);
  });

  app.post('/staff/abmelden', { config: { staff: { roles: 'any', personalData: false } } }, async (request, reply) => {
    if (request.staff) await endSession(db, reply, request.staff.session);
    return reply.redirect('/staff/anmelden', 303);
  });

  app.post('/staff/konto/wiederherstellungscodes', { config: { staff: { roles: 'any', personalData: false } } }, async (request, reply) => {
    const staff = request.staff;
    if (!staff) return reply.redirect('/staff/anmelden', 303);
    const codes = await replaceRecoveryCodes(db, staff.id);
    const frame = staffFrame(ctx, request);
    return sendPage(
      reply,
      <RecoveryCodesPage
        view={viewContextFor(request)}
        codes={codes}
        next="/staff/konto"
        csrfToken={staff.session.csrfToken}
        name={frame?.name ?? staff.name}
      />,
    );
  });
}
