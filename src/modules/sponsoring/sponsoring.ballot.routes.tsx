import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { type FieldErrors, formValues, validateForm } from '../../core/http/index.ts';
import { type Locale, translator } from '../../core/i18n/index.ts';
import { enqueueMail } from '../../core/mail/index.ts';
import type { AppContext } from '../../core/module.ts';
import { sendPage, type ViewContext } from '../../core/views/index.ts';
import { type Cycle, cycleName, type Phase } from './sponsoring.cycles.ts';
import { sponsoringMessages } from './sponsoring.messages.ts';
import { paths } from './sponsoring.paths.ts';
import { VOTERS_ACTIVITY } from './sponsoring.privacy.ts';
import { publishedProjects } from './sponsoring.projects.ts';
import { customerSchema } from './sponsoring.schema.ts';
import type { SponsoringTables } from './sponsoring.tables.ts';
import { isToken, receiptCode } from './sponsoring.tokens.ts';
import { BallotPage, type BallotPageProps, ClosedPage, ConfirmPage, MessagePage, voteField } from './sponsoring.views.tsx';
import {
  type BallotView,
  ballotByToken,
  claimCustomerVotes,
  confirmationExists,
  confirmVoter,
  saveAllocation,
} from './sponsoring.voting.ts';

interface Deps {
  locale: Locale;
  db: Kysely<SponsoringTables>;
  secret: string;
  state: () => Promise<{ now: Date; cycle: Cycle | undefined; phase: Phase | undefined }>;
  view: (f: (l: Locale) => string) => ViewContext;
}

/**
 * Confirmation and the ballot (C41–C43). The ballot is reached by a bearer link of 256 random
 * bits (only its hash is kept, on the voter's row, which is deleted when voting ends); no cookie.
 */
export function registerBallotRoutes(app: FastifyInstance, ctx: AppContext, { locale, db, secret, state, view }: Deps): void {
  const config = ctx.config;
  const t = translator(sponsoringMessages, locale);
  const rateLimit = { rateLimit: { max: config.FORM_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } };
  const confirmPath = (l: Locale) => paths.confirm(l, ':token');
  const ballotPath = (l: Locale) => paths.ballot(l, ':token');
  const closed = (reply: FastifyReply, s: Awaited<ReturnType<Deps['state']>>, status = 200) =>
    sendPage(reply, <ClosedPage view={view(paths.register)} cycle={s.cycle} phase="voting" what="vote" now={s.now} />, status);
  const invalid = (reply: FastifyReply, key: 'confirm.invalid' | 'ballot.gone') =>
    sendPage(reply, <MessagePage view={view(paths.register)} title={t('closed.title')} lines={[t(key)]} />, 404);

  app.get(confirmPath(locale), async (request, reply) => {
    const { token } = request.params as { token: string };
    const s = await state();
    if (s.phase !== 'voting' || !s.cycle) return closed(reply, s);
    // A look does not use the link (mail scanners open links); the button does.
    if (!isToken(token) || !(await confirmationExists(db, s.cycle, token))) return invalid(reply, 'confirm.invalid');
    return sendPage(reply, <ConfirmPage view={view(paths.register)} token={token} />);
  });

  app.post(confirmPath(locale), { config: rateLimit }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const s = await state();
    if (s.phase !== 'voting' || !s.cycle) return closed(reply, s, 409);
    const ballotToken = isToken(token)
      ? await confirmVoter(db, s.cycle, { token, secret, votes: config.SPONSORING_VOTES, now: s.now })
      : null;
    if (!ballotToken) return invalid(reply, 'confirm.invalid');
    return reply.redirect(paths.ballot(locale, ballotToken), 303);
  });

  const open = async (request: FastifyRequest, reply: FastifyReply) => {
    const { token } = request.params as { token: string };
    const s = await state();
    if (s.phase !== 'voting' || !s.cycle) return { done: closed(reply, s, request.method === 'GET' ? 200 : 409) } as const;
    const found = isToken(token) ? await ballotByToken(db, s.cycle, token) : undefined;
    if (!found) return { done: invalid(reply, 'ballot.gone') } as const;
    const projects = (await publishedProjects(db, s.cycle.id)).filter((p) => p.title);
    return { token, cycle: s.cycle, found, projects } as const;
  };

  const page = (
    token: string,
    found: BallotView,
    projects: BallotPageProps['projects'],
    extra: Partial<BallotPageProps> = {},
    status = 200,
    reply?: FastifyReply,
  ) => {
    const values = extra.values ?? Object.fromEntries(projects.map((p) => [voteField(p), String(found.allocations.get(p.id) ?? 0)]));
    const props: BallotPageProps = {
      view: view((l) => paths.ballot(l, token)),
      token,
      code: receiptCode(secret, token),
      projects,
      allowed: found.ballot.votes_allowed,
      used: found.ballot.votes_used,
      final: found.ballot.final,
      customerBonus: found.ballot.customer_bonus,
      extraVotes: config.SPONSORING_CUSTOMER_VOTES,
      maxProjects: config.SPONSORING_MAX_PROJECTS_PER_BALLOT,
      ...extra,
      values,
    };
    return sendPage(reply as FastifyReply, <BallotPage {...props} />, status);
  };

  app.get(ballotPath(locale), async (request, reply) => {
    const o = await open(request, reply);
    if ('done' in o) return o.done;
    // The bearer link must not travel to another site as a referrer (same-origin: a no-referrer page
    // would send its own forms with Origin: null, which the origin guard refuses), nor be cached.
    reply.header('referrer-policy', 'same-origin').header('cache-control', 'no-store');
    return page(o.token, o.found, o.projects, {}, 200, reply);
  });

  app.post(ballotPath(locale), { config: rateLimit }, async (request, reply) => {
    const o = await open(request, reply);
    if ('done' in o) return o.done;
    reply.header('referrer-policy', 'same-origin').header('cache-control', 'no-store');
    const values = formValues(request.body);
    const errors: FieldErrors = {};
    const allocation = new Map<string, number>();
    for (const p of o.projects) {
      const raw = values[voteField(p)];
      const v = typeof raw === 'string' && raw !== '' ? raw : '0';
      if (!/^\d{1,3}$/.test(v) || Number(v) > o.found.ballot.votes_allowed) {
        errors[voteField(p)] = t('error.votes', { max: o.found.ballot.votes_allowed });
        continue;
      }
      allocation.set(p.id, Number(v));
    }
    if (Object.keys(errors).length) return page(o.token, o.found, o.projects, { values, errors }, 400, reply);
    const outcome = await saveAllocation(db, o.cycle, o.found.ballot.id, allocation, config.SPONSORING_MAX_PROJECTS_PER_BALLOT);
    const fresh = (await ballotByToken(db, o.cycle, o.token)) as BallotView;
    if (!outcome.ok) {
      const first = o.projects[0] ? voteField(o.projects[0]) : '_form';
      const message =
        outcome.problem === 'tooMany'
          ? t('error.tooMany', { used: outcome.used, allowed: outcome.allowed })
          : outcome.problem === 'tooManyProjects'
            ? t('error.tooManyProjects', {
                max: config.SPONSORING_MAX_PROJECTS_PER_BALLOT,
                n: [...allocation.values()].filter((n) => n > 0).length,
              })
            : t('error.final');
      return page(o.token, fresh, o.projects, { values, errors: { [first]: message } }, outcome.problem === 'final' ? 409 : 400, reply);
    }
    return page(o.token, fresh, o.projects, { notice: t('ballot.saved') }, 200, reply);
  });

  app.post(paths.ballotCustomer(locale, ':token'), { config: rateLimit }, async (request, reply) => {
    const o = await open(request, reply);
    if ('done' in o) return o.done;
    reply.header('referrer-policy', 'same-origin').header('cache-control', 'no-store');
    const labels = { customerNumber: t('customerNumber'), customerName: t('customerName') };
    const form = validateForm(customerSchema, request.body, { locale, labels, messages: sponsoringMessages });
    if (!form.ok) return page(o.token, o.found, o.projects, { bonusValues: form.values, bonusErrors: form.errors }, 400, reply);
    const outcome = await claimCustomerVotes(db, {
      cycle: o.cycle,
      voterId: o.found.voter.id,
      ballotId: o.found.ballot.id,
      customerNumber: form.data.customerNumber,
      surname: form.data.customerName,
      ip: request.ip,
      secret,
      extra: config.SPONSORING_CUSTOMER_VOTES,
      now: ctx.clock.now(),
    });
    const fresh = (await ballotByToken(db, o.cycle, o.token)) as BallotView;
    if (outcome === 'granted')
      return page(o.token, fresh, o.projects, { notice: t('bonus.granted', { n: config.SPONSORING_CUSTOMER_VOTES }) }, 200, reply);
    if (outcome === 'already') return page(o.token, fresh, o.projects, {}, 200, reply);
    const message = outcome === 'throttled' ? t('bonus.throttled') : t('bonus.refused');
    return page(
      o.token,
      fresh,
      o.projects,
      { bonusValues: form.values, bonusErrors: { customerNumber: message } },
      outcome === 'throttled' ? 429 : 400,
      reply,
    );
  });

  app.post(paths.ballotFinish(locale, ':token'), { config: rateLimit }, async (request, reply) => {
    const o = await open(request, reply);
    if ('done' in o) return o.done;
    reply.header('referrer-policy', 'same-origin').header('cache-control', 'no-store');
    const code = receiptCode(secret, o.token);
    const finished = await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('sponsoring_ballots')
        .set({ final: true })
        .where('id', '=', o.found.ballot.id)
        .where('final', '=', false)
        .where('votes_used', '>', 0)
        .returning('id')
        .executeTakeFirst();
      if (!row) return false;
      const lines = o.projects
        .filter((p) => (o.found.allocations.get(p.id) ?? 0) > 0)
        .map((p) => `${t('project.number', { n: p.number })} (${p.title}): ${o.found.allocations.get(p.id)}`)
        .join('\n');
      const tv = translator(sponsoringMessages, o.found.voter.locale as Locale);
      await enqueueMail(trx, ctx, {
        to: o.found.voter.email,
        subject: tv('mail.receipt.subject'),
        text: tv('mail.receipt.body', {
          cycle: cycleName(o.cycle.id)[o.found.voter.locale as Locale],
          lines,
          code,
          org: config.organisation.shortName,
        }),
        activity: VOTERS_ACTIVITY,
        secrets: [code],
      });
      return true;
    });
    const fresh = (await ballotByToken(db, o.cycle, o.token)) as BallotView;
    if (!finished) {
      const key = fresh.ballot.final ? 'error.final' : 'error.empty';
      const first = o.projects[0] ? voteField(o.projects[0]) : '_form';
      return page(o.token, fresh, o.projects, { errors: { [first]: t(key) } }, 409, reply);
    }
    return page(o.token, fresh, o.projects, { notice: t('ballot.final') }, 200, reply);
  });
}
