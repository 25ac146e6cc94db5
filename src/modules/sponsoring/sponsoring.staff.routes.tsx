import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { isUuid } from '../../core/auth/index.ts';
import { type FieldErrors, formValues, HttpError } from '../../core/http/index.ts';
import { type Locale, translator } from '../../core/i18n/index.ts';
import { enqueueMail } from '../../core/mail/index.ts';
import type { AppContext, StaffAccess } from '../../core/module.ts';
import { filesOf, sendStaffFile } from '../../core/uploads/index.ts';
import { type StaffFrame, sendPage, staffFrame, viewContextFor } from '../../core/views/index.ts';
import { currentCycle, cycleName, phaseOf } from './sponsoring.cycles.ts';
import { formatDay, lastDay } from './sponsoring.format.ts';
import { sponsoringMessages } from './sponsoring.messages.ts';
import { APPLICATIONS_ACTIVITY, VOTERS_ACTIVITY } from './sponsoring.privacy.ts';
import { application, applicationsOf, criteriaOf, decide, publishedProjects } from './sponsoring.projects.ts';
import { sponsoringStaffMessages } from './sponsoring.staff.messages.ts';
import { ApplicationPage, ApplicationsPage, PaperBallotPage, STAFF_PATH } from './sponsoring.staff.views.tsx';
import type { SponsoringTables } from './sponsoring.tables.ts';
import { randomReceiptCode, receiptHash } from './sponsoring.tokens.ts';
import { saveAllocation } from './sponsoring.voting.ts';

const access = (activity: string, action: 'read' | 'change'): { staff: StaffAccess } => ({ staff: { activity, action } });

/**
 * The back office of the vote: applications with sponsor address and contact person for the
 * register's recipients only (sponsoring and advisory board, C47), the board's decision with the
 * criteria checklist and a mail to the project, and paper ballots entered by the sponsoring team.
 * The guard writes every read and change to the audit log.
 */
export function registerSponsoringStaffRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<SponsoringTables>() as Kysely<SponsoringTables>;
  const criteria = criteriaOf(ctx.config);
  const frame = (request: FastifyRequest) => ({ view: viewContextFor(request), frame: staffFrame(ctx, request) as StaffFrame });
  const cycleNow = () => currentCycle(db, ctx.config, ctx.clock.now());

  app.get(STAFF_PATH.list, { config: access(APPLICATIONS_ACTIVITY, 'read') }, async (request, reply) => {
    const { view, frame: f } = frame(request);
    const cycle = await cycleNow();
    const rows = cycle ? await applicationsOf(db, cycle.id) : [];
    request.auditRecords = rows.map((r) => r.id);
    return sendPage(
      reply,
      <ApplicationsPage view={view} frame={f} cycleName={cycle ? cycleName(cycle.id)[view.locale] : ''} rows={rows} />,
    );
  });

  const load = async (request: FastifyRequest) => {
    const { id } = request.params as { id: string };
    const row = isUuid(id) ? await application(db, id) : undefined;
    if (!row || row.anonymised_at) throw new HttpError(404);
    return row;
  };

  const detail = async (
    request: FastifyRequest,
    row: Awaited<ReturnType<typeof load>>,
    errors?: FieldErrors,
    status = 200,
    values?: Record<string, string | string[]>,
  ) => {
    const { view, frame: f } = frame(request);
    const files = await filesOf(ctx, { table: 'sponsoring_projects', id: row.id });
    request.auditRecords = [row.id];
    const cycle = await cycleNow();
    const open = Boolean(cycle && cycle.id === row.cycle_id && ['application', 'review'].includes(phaseOf(cycle, ctx.clock.now())));
    return {
      page: (
        <ApplicationPage view={view} frame={f} row={row} files={files} criteria={criteria} open={open} errors={errors} values={values} />
      ),
      status,
    };
  };

  app.get(`${STAFF_PATH.list}/:id`, { config: access(APPLICATIONS_ACTIVITY, 'read') }, async (request, reply) => {
    const d = await detail(request, await load(request));
    return sendPage(reply, d.page, d.status);
  });

  app.post(`${STAFF_PATH.list}/:id`, { config: access(APPLICATIONS_ACTIVITY, 'change') }, async (request, reply) => {
    const row = await load(request);
    const values = formValues(request.body);
    const t = translator(sponsoringStaffMessages, viewContextFor(request).locale);
    const checked = new Set(Array.isArray(values.criteria) ? values.criteria : values.criteria ? [values.criteria] : []);
    const met = criteria.filter((c) => checked.has(c.id)).map((c) => c.id);
    const decision = values.decision;
    const reason = typeof values.reason === 'string' ? values.reason.slice(0, 2000) : '';
    const errors: FieldErrors = {};
    const cycle = await cycleNow();
    const now = ctx.clock.now();
    if (!cycle || cycle.id !== row.cycle_id || !['application', 'review'].includes(phaseOf(cycle, now))) errors.decision = t('error.phase');
    else if (row.status !== 'submitted') errors.decision = t('error.decided');
    else if (decision !== 'approve' && decision !== 'reject') errors.decision = t('decision');
    else if (decision === 'approve' && met.length !== criteria.length) errors.criteria = t('error.criteria');
    else if (decision === 'reject' && reason.trim().length < 5) errors.reason = t('error.reason');
    if (Object.keys(errors).length) {
      const d = await detail(request, row, errors, 400, values);
      return sendPage(reply, d.page, d.status);
    }
    const approve = decision === 'approve';
    await db.transaction().execute(async (trx) => {
      const done = await decide(trx, {
        id: row.id,
        cycleId: row.cycle_id,
        approve,
        reason: approve ? null : reason.trim(),
        criteria: met,
        now,
      });
      if (!done || !row.contact_email || !cycle) return;
      const L = row.locale as Locale;
      const tm = translator(sponsoringMessages, L);
      const org = ctx.config.organisation.shortName;
      await enqueueMail(trx, ctx, {
        to: row.contact_email,
        subject: approve ? tm('mail.approved.subject') : tm('mail.rejected.subject'),
        text: approve
          ? tm('mail.approved.body', { title: row.title, from: formatDay(cycle.voting_from, L), until: lastDay(cycle.result_from, L), org })
          : tm('mail.rejected.body', { title: row.title, reason: reason.trim(), org }),
        activity: APPLICATIONS_ACTIVITY,
      });
    });
    return reply.redirect(`${STAFF_PATH.list}/${row.id}`, 303);
  });

  app.get(
    `${STAFF_PATH.list}/:id/dateien/:fileId/:rendition`,
    { config: access(APPLICATIONS_ACTIVITY, 'read') },
    async (request, reply) => {
      const row = await load(request);
      const { fileId, rendition } = request.params as { fileId: string; rendition: string };
      if (!isUuid(fileId) || !/^(original|w640)$/.test(rendition)) throw new HttpError(404);
      return sendStaffFile(request, reply, ctx, { owner: { table: 'sponsoring_projects', id: row.id }, fileId, rendition });
    },
  );

  // Paper ballots: entered by the sponsoring team during the vote, each entry audited.
  const paperPage = async (
    request: FastifyRequest,
    extra: { errors?: FieldErrors; values?: Record<string, string | string[]>; notice?: string } = {},
  ) => {
    const { view, frame: f } = frame(request);
    const cycle = await cycleNow();
    const open = Boolean(cycle && phaseOf(cycle, ctx.clock.now()) === 'voting');
    const projects = open && cycle ? (await publishedProjects(db, cycle.id)).filter((p) => p.title) : [];
    return {
      projects,
      cycle,
      open,
      page: <PaperBallotPage view={view} frame={f} projects={projects} open={open} config={ctx.config} {...extra} />,
    };
  };
  app.get(STAFF_PATH.paper, { config: access(VOTERS_ACTIVITY, 'read') }, async (request, reply) => {
    request.auditRecords = [];
    return sendPage(reply, (await paperPage(request)).page);
  });
  app.post(STAFF_PATH.paper, { config: access(VOTERS_ACTIVITY, 'change') }, async (request, reply) => {
    const { projects, cycle, open } = await paperPage(request);
    const t = translator(sponsoringMessages, viewContextFor(request).locale);
    if (!open || !cycle) return sendPage(reply, (await paperPage(request)).page, 409);
    const values = formValues(request.body);
    const allocation = new Map<string, number>();
    const errors: FieldErrors = {};
    for (const p of projects) {
      const raw = values[`p${p.number}`];
      const v = typeof raw === 'string' && raw !== '' ? raw : '0';
      if (!/^\d{1,3}$/.test(v)) errors[`p${p.number}`] = t('error.votes', { max: ctx.config.SPONSORING_VOTES });
      else allocation.set(p.id, Number(v));
    }
    const used = [...allocation.values()].reduce((s, n) => s + n, 0);
    const first = projects[0] ? `p${projects[0].number}` : '_form';
    if (!Object.keys(errors).length && used === 0) errors[first] = t('error.empty');
    if (Object.keys(errors).length) return sendPage(reply, (await paperPage(request, { errors, values })).page, 400);
    const code = randomReceiptCode();
    const ballotId = randomUUID();
    await db
      .insertInto('sponsoring_ballots')
      .values({
        id: ballotId,
        cycle_id: cycle.id,
        receipt_hash: receiptHash(code),
        votes_allowed: ctx.config.SPONSORING_VOTES,
        votes_used: 0,
        customer_bonus: false,
        paper: true,
        final: false,
      })
      .execute();
    const outcome = await saveAllocation(db, cycle, ballotId, allocation, ctx.config.SPONSORING_MAX_PROJECTS_PER_BALLOT, true);
    if (!outcome.ok) {
      await db.deleteFrom('sponsoring_ballots').where('id', '=', ballotId).execute();
      const message =
        outcome.problem === 'tooManyProjects'
          ? t('error.tooManyProjects', {
              max: ctx.config.SPONSORING_MAX_PROJECTS_PER_BALLOT,
              n: [...allocation.values()].filter((n) => n > 0).length,
            })
          : t('error.tooMany', { used: outcome.used, allowed: outcome.allowed });
      return sendPage(reply, (await paperPage(request, { errors: { [first]: message }, values })).page, 400);
    }
    request.auditRecords = [`sponsoring_ballots/${ballotId}`];
    const ts = translator(sponsoringStaffMessages, viewContextFor(request).locale);
    return sendPage(reply, (await paperPage(request, { notice: ts('paperSaved', { code }) })).page);
  });
}
