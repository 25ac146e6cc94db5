import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isUuid, type Role } from '../../core/auth/index.ts';
import { formValues, HttpError, singleLine, validateForm } from '../../core/http/index.ts';
import { translator } from '../../core/i18n/index.ts';
import { enqueueMail } from '../../core/mail/index.ts';
import type { AppContext, StaffAccess } from '../../core/module.ts';
import {
  findActivity,
  isHeld,
  type PrivacyTables,
  type ProcessingActivity,
  rowAccess,
  runRetention,
  setHold,
} from '../../core/privacy/index.ts';
import { filesOf, sendStaffFile } from '../../core/uploads/index.ts';
import { type StaffFrame, sendPage, staffFrame, viewContextFor } from '../../core/views/index.ts';
import { endOfBerlinDay } from './careers.dates.ts';
import { ACTIVITY, HR_ACTIVITY, STAFF_PATH, TABLE } from './careers.forms.ts';
import {
  type ApplicationRow,
  addEvent,
  allPostings,
  type CareersDb,
  changeStatus,
  endSelection,
  eventsOf,
  forwardApplication,
  getApplication,
  insertPosting,
  listApplications,
  statisticsRows,
} from './careers.queries.ts';
import { careersStaffMessages } from './careers.staff.messages.ts';
import {
  ApplicationsPage,
  actionLabels,
  DetailPage,
  type Failed,
  PostingsPage,
  postingLabels,
  StatisticsPage,
} from './careers.staff.views.tsx';
import { countsBy, suppressSmallGroups } from './careers.statistics.ts';
import { type CareersTables, STATUSES, type Status } from './careers.tables.ts';

const text = (min: number, max: number) => z.string().trim().min(min).max(max);

const schemas = {
  posting: (categories: string[], departments: string[]) =>
    z.object({
      titleDe: singleLine(3, 200),
      titleEn: singleLine(3, 200),
      category: z.enum(categories as [string, ...string[]]),
      department: z.enum(departments as [string, ...string[]]),
      location: singleLine(2, 100),
      closes: z.string().trim().min(1),
      descriptionDe: text(10, 20000),
      descriptionEn: text(10, 20000),
    }),
  status: z.object({ status: z.enum(STATUSES.filter((s) => s !== 'received' && s !== 'forwarded') as [Status, ...Status[]]) }),
  note: z.object({ note: text(1, 5000) }),
  mail: z.object({ mailSubject: singleLine(1, 200), mailText: text(1, 20000) }),
  export: z.object({ reason: singleLine(3, 300) }),
  hold: z.object({ until: z.string().trim().min(1), holdNote: singleLine(3, 500) }),
};

function member(request: FastifyRequest) {
  return request.staff as NonNullable<FastifyRequest['staff']>;
}

const page = (ctx: AppContext, request: FastifyRequest) => ({
  view: viewContextFor(request),
  frame: staffFrame(ctx, request) as StaffFrame,
});

/**
 * The back office. Postings belong to HR (no personal data). Applications are bound to the one
 * activity: the guard opens them to HR and the departments, the row scope narrows a department
 * to what HR forwarded to it while the selection runs – every query, action and file download
 * goes through the same row access, so any other id is simply not found (404).
 */
export function registerCareersStaffRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db: CareersDb = ctx.db.withTables<CareersTables>();
  const holdsDb = ctx.db.withTables<PrivacyTables>();
  const org = ctx.config.organisation;
  const categories = org.careers.categories;
  const activity = findActivity(ctx.modules, ctx.config, ACTIVITY) as ProcessingActivity;
  const access = (request: FastifyRequest) => rowAccess(activity, member(request).roles);
  const isHr = (request: FastifyRequest) => access(request).kind === 'all';
  const hrOnly = { staff: { roles: ['hr'] as Role[], personalData: false as const } };
  const read = { config: { staff: { activity: ACTIVITY, action: 'read' as const } } };
  const change = { config: { staff: { activity: ACTIVITY, action: 'change' as const } } };
  const hrChange = { config: { staff: { activity: HR_ACTIVITY, action: 'change' as const } } };
  const t = (request: FastifyRequest) => translator(careersStaffMessages, viewContextFor(request).locale);
  const departments = (request: FastifyRequest) => org.departments.map((d) => ({ id: d.id, name: d.name[viewContextFor(request).locale] }));

  // ---- Postings (HR) ----
  const postingsPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: Record<string, string | string[]>; errors?: Record<string, string>; notice?: string } = {},
    status = 200,
  ) => {
    const { view, frame } = page(ctx, request);
    return sendPage(
      reply,
      <PostingsPage
        view={view}
        frame={frame}
        rows={await allPostings(db)}
        categories={categories}
        departments={departments(request)}
        {...extra}
      />,
      status,
    );
  };
  app.get(STAFF_PATH.postings, { config: hrOnly }, async (request, reply) => {
    const q = formValues(request.query);
    const notice = q.neu === '1' ? t(request)('postings.created') : q.beendet === '1' ? t(request)('postings.ended') : undefined;
    return postingsPage(request, reply, notice ? { notice } : {});
  });
  app.post(STAFF_PATH.postings, { config: hrOnly }, async (request, reply) => {
    const tt = t(request);
    const locale = viewContextFor(request).locale;
    const form = validateForm(
      schemas.posting(
        categories.map((c) => c.id),
        org.departments.map((d) => d.id),
      ),
      request.body,
      { locale, labels: postingLabels(tt) },
    );
    const errors = form.ok ? {} : { ...form.errors };
    const closes = typeof form.values.closes === 'string' ? endOfBerlinDay(form.values.closes) : null;
    if (!errors.closes && (!closes || closes <= ctx.clock.now())) errors.closes = tt('closes.invalid');
    if (!form.ok || !closes || Object.keys(errors).length) return postingsPage(request, reply, { values: form.values, errors }, 400);
    const d = form.data;
    const base =
      d.titleDe
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/ß/g, 'ss')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 80) || 'stelle';
    let id = '';
    for (let i = 0; !id && i < 20; i++) {
      id = await insertPosting(
        db,
        {
          slug: i === 0 ? base : `${base}-${i + 1}`,
          category: d.category,
          department: d.department,
          titleDe: d.titleDe,
          titleEn: d.titleEn,
          descriptionDe: d.descriptionDe,
          descriptionEn: d.descriptionEn,
          location: d.location,
          closesAt: closes,
        },
        ctx.clock.now(),
      );
    }
    if (!id) throw new HttpError(400);
    return reply.redirect(`${STAFF_PATH.postings}?neu=1`, 303);
  });
  app.post(`${STAFF_PATH.postings}/:id/auswahl-beenden`, { config: hrOnly }, async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!isUuid(id) || !(await endSelection(db, id, ctx.clock.now()))) throw new HttpError(404);
    return reply.redirect(`${STAFF_PATH.postings}?beendet=1`, 303);
  });

  // ---- Statistics (the roles the configuration names; never a person, never a file) ----
  app.get(
    STAFF_PATH.statistics,
    { config: { staff: { roles: org.careers.statisticsRoles, personalData: false } } },
    async (request, reply) => {
      const { view, frame } = page(ctx, request);
      const L = view.locale;
      const rows = await statisticsRows(db);
      const byPosting = countsBy(
        rows,
        (r) => r.posting_id,
        (r) => (L === 'de' ? r.title_de : r.title_en),
      ).map(suppressSmallGroups);
      const byCategory = countsBy(
        rows,
        (r) => r.category,
        (r) => categories.find((c) => c.id === r.category)?.name[L] ?? r.category,
      ).map(suppressSmallGroups);
      return sendPage(reply, <StatisticsPage view={view} frame={frame} byPosting={byPosting} byCategory={byCategory} />);
    },
  );

  // ---- Applications ----
  app.get(STAFF_PATH.applications, read, async (request, reply) => {
    const { view, frame } = page(ctx, request);
    const q = formValues(request.query);
    const posting = typeof q.stelle === 'string' && isUuid(q.stelle) ? q.stelle : undefined;
    const rows = await listApplications(db, access(request), posting);
    request.auditRecords = rows.map((r) => r.id);
    return sendPage(reply, <ApplicationsPage view={view} frame={frame} rows={rows} seesAll={isHr(request)} />);
  });

  const load = async (request: FastifyRequest): Promise<ApplicationRow> => {
    const { id } = request.params as { id: string };
    const row = isUuid(id) ? await getApplication(db, access(request), id) : undefined;
    if (!row) throw new HttpError(404);
    return row;
  };
  const base = (row: { id: string }) => `${STAFF_PATH.applications}/${row.id}`;
  const detail = async (request: FastifyRequest, reply: FastifyReply, row: ApplicationRow, failed?: Failed, notice?: string) => {
    const { view, frame } = page(ctx, request);
    const hold = await isHeld(holdsDb, TABLE, row.id, ctx.clock.now());
    request.auditRecords = [row.id];
    return sendPage(
      reply,
      <DetailPage
        view={view}
        frame={frame}
        a={row}
        category={categories.find((c) => c.id === row.category)}
        files={await filesOf(ctx, { table: TABLE, id: row.id })}
        events={await eventsOf(db, row.id)}
        canForward={isHr(request) && row.forwarded_to === null && row.status === 'received' && row.selection_ended_at === null}
        department={org.departments.find((d) => d.id === row.department)?.name[view.locale] ?? row.department}
        isHr={isHr(request)}
        held={hold?.until ?? null}
        failed={failed}
        notice={notice}
      />,
      failed ? 400 : 200,
    );
  };

  app.get(`${STAFF_PATH.applications}/:id`, read, async (request, reply) => {
    const row = await load(request);
    const q = formValues(request.query);
    const notice =
      q.weitergeleitet === '1'
        ? t(request)('forward.done', {
            department: org.departments.find((d) => d.id === row.department)?.name[viewContextFor(request).locale] ?? row.department,
          })
        : undefined;
    return detail(request, reply, row, undefined, notice);
  });

  app.get(`${STAFF_PATH.applications}/:id/dateien/:fileId`, read, async (request, reply) => {
    const row = await load(request);
    const { fileId } = request.params as { fileId: string };
    if (!isUuid(fileId)) throw new HttpError(404);
    return sendStaffFile(request, reply, ctx, { owner: { table: TABLE, id: row.id }, fileId, disposition: 'attachment' });
  });

  // HR forwards to the posting's own department; nobody chooses another (C29).
  app.post(`${STAFF_PATH.applications}/:id/weiterleiten`, hrChange, async (request, reply) => {
    const row = await load(request);
    // Forwarded once: a second press (or a race) changes nothing and shows the page again.
    const done = await forwardApplication(db, row.id, row.department, member(request).id, ctx.clock.now());
    return reply.redirect(done ? `${base(row)}?weitergeleitet=1` : base(row), 303);
  });

  /** PostgreSQL's code for a reference to a row that is not there (any more). */
  const FOREIGN_KEY_VIOLATION = '23503';

  const action = <K extends 'status' | 'note' | 'mail' | 'export' | 'hold'>(
    name: K,
    path: string,
    config: { config: { staff: StaffAccess } },
    work: (
      request: FastifyRequest,
      reply: FastifyReply,
      row: ApplicationRow,
      data: z.output<(typeof schemas)[K]>,
    ) => Promise<FastifyReply | Failed>,
  ) =>
    app.post(`${STAFF_PATH.applications}/:id/${path}`, config, async (request, reply) => {
      const row = await load(request);
      const locale = viewContextFor(request).locale;
      const labels = actionLabels(t(request))[name];
      const form = validateForm(schemas[name] as z.ZodType, request.body, { locale, labels });
      if (!form.ok) return detail(request, reply, row, { form: name, values: form.values, errors: form.errors });
      let result: FastifyReply | Failed;
      try {
        result = await work(request, reply, row, form.data as z.output<(typeof schemas)[K]>);
      } catch (err) {
        // The applicant withdrew (the application deleted) between the lookup and this write,
        // whose event row then names nothing (23503): as if this request had come after it.
        if ((err as { code?: unknown } | null)?.code === FOREIGN_KEY_VIOLATION) throw new HttpError(404);
        throw err;
      }
      if ('form' in result) return detail(request, reply, row, result);
      return result;
    });

  action('status', 'status', change, async (request, reply, row, d) => {
    await changeStatus(db, row, d.status, member(request).id, ctx.clock.now());
    return reply.redirect(base(row), 303);
  });
  action('note', 'notiz', change, async (request, reply, row, d) => {
    await addEvent(db, row.id, 'note', member(request).id, d.note, ctx.clock.now());
    return reply.redirect(base(row), 303);
  });
  action('mail', 'mail', change, async (request, reply, row, d) => {
    await db.transaction().execute(async (trx) => {
      await enqueueMail(trx, ctx, {
        to: row.email as string,
        subject: d.mailSubject,
        text: d.mailText,
        activity: ACTIVITY,
        reference: row.reference,
      });
      await addEvent(trx, row.id, 'mail', member(request).id, `${d.mailSubject}\n\n${d.mailText}`, ctx.clock.now());
    });
    return reply.redirect(base(row), 303);
  });
  action('hold', 'sperre', hrChange, async (request, reply, row, d) => {
    const until = endOfBerlinDay(d.until);
    if (!until || until <= ctx.clock.now())
      return { form: 'hold', values: formValues(request.body), errors: { until: t(request)('closes.invalid') } };
    const staff = member(request);
    await setHold(holdsDb, {
      activity: ACTIVITY,
      table: TABLE,
      recordId: row.id,
      reason: 'proof',
      note: d.holdNote,
      until,
      staff: { id: staff.id, email: staff.email },
      ip: request.ip,
      now: ctx.clock.now(),
    });
    return reply.redirect(base(row), 303);
  });

  // Hand-over of a hired applicant (C30): the data leaves as a file, the export is audited with
  // its reason, and the register's rule anonymises the application here at once.
  action('export', 'uebergabe', { config: { staff: { activity: HR_ACTIVITY, action: 'export' } } }, async (request, reply, row, d) => {
    request.auditRecords = [row.id];
    request.auditReason = d.reason;
    if (row.status !== 'hired') return reply.redirect(base(row), 303);
    const files = await filesOf(ctx, { table: TABLE, id: row.id });
    const now = ctx.clock.now();
    const record = {
      reference: row.reference,
      position: row.title_de,
      department: row.department,
      name: row.name,
      email: row.email,
      phone: row.phone,
      answers: row.answers,
      message: row.message,
      received: row.created_at.toISOString(),
      documents: files.map((f) => ({ name: f.originalName, type: f.mediaType, sha256: f.sha256 })),
      handedOver: now.toISOString(),
    };
    const marked = await db.transaction().execute(async (trx) => {
      const done = await trx
        .updateTable('careers_applications')
        .set({ exported_at: now })
        .where('id', '=', row.id)
        .where('exported_at', 'is', null)
        .where('status', '=', 'hired')
        .returning('id')
        .executeTakeFirst();
      if (done) await addEvent(trx, row.id, 'exported', member(request).id, null, now);
      return Boolean(done);
    });
    if (!marked) return reply.redirect(base(row), 303);
    // The rule starts at the hand-over; run it now rather than at night (it is idempotent).
    const later = { now: () => new Date(Math.max(ctx.clock.now().getTime(), now.getTime() + 1)) };
    try {
      await runRetention({ ...ctx, clock: later }, { trigger: 'staff', activity: ACTIVITY, batchSize: ctx.config.RETENTION_BATCH_SIZE });
    } catch (err) {
      ctx.log.warn({ err }, 'anonymising after the hand-over failed; the nightly run will');
    }
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${row.reference}.json"`)
      .send(JSON.stringify(record, null, 2));
  });
}
