import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isUuid } from '../../core/auth/index.ts';
import { formValues, HttpError, validateForm } from '../../core/http/index.ts';
import { formatDateTime, translator } from '../../core/i18n/index.ts';
import { queueLetter, releaseLettersOf, renderLetter } from '../../core/letters/index.ts';
import { enqueueMail, senderAddress } from '../../core/mail/index.ts';
import type { AppContext } from '../../core/module.ts';
import {
  findActivity,
  HOLD_REASONS,
  type HoldReason,
  isHeld,
  isRestricted,
  type PrivacyTables,
  type ProcessingActivity,
  restrictedAmong,
  rolesSeeingRow,
  rowAccess,
  setHold,
} from '../../core/privacy/index.ts';
import { sendPage, staffPage, viewContextFor } from '../../core/views/index.ts';
import { refuseRestricted } from '../gdpr/index.ts';
import { answererFor, answerLetter, answerMail } from './contact.answer.ts';
import { ACTIVITY, INBOX_PATH, REQUEST_KINDS } from './contact.forms.ts';
import {
  addEvent,
  type ContactDb,
  colleagues,
  eventsOf,
  getRequest,
  listRequests,
  markHandled,
  type RequestRow,
} from './contact.queries.ts';
import { text } from './contact.schema.ts';
import { assignStep, noteStep } from './contact.staff.actions.ts';
import { AnswerPreviewPage, type MailShown, type SentMail } from './contact.staff.answer.views.tsx';
import { actionLabels, RequestDetailPage, RequestListPage } from './contact.staff.inbox.views.tsx';
import { contactStaffMessages } from './contact.staff.messages.ts';
import { choice, DATE, enforceNow, member, REFERENCE, staffAccess } from './contact.staff.shared.ts';
import type { Failed } from './contact.staff.views.tsx';
import type { RequestKind } from './contact.tables.ts';

const ADDRESS_LINES = 5;

const schemas = {
  mail: z.object({ mailSubject: text(1, 200).refine((v) => !/[\r\n]/.test(v)), mailText: text(1, 20000) }),
  letter: z.object({ letterAddress: text(1, 500), letterText: text(1, 20000) }),
  handle: z.object({ keep: z.enum(['no', 'yes']) }),
  hold: z.object({ reason: z.enum(HOLD_REASONS as [HoldReason, ...HoldReason[]]), until: z.string().regex(DATE), holdNote: text(3, 500) }),
};

/**
 * The inboxes of the general form and of the two officers. Each is bound to its activity: the
 * guard opens it to the activity's recipients, and every query reads the rows through the same
 * activity's row access, so a department sees only its topics and nobody but the officer sees
 * the officer's mail, whatever id they type.
 */
export function registerRequestInboxes(app: FastifyInstance, ctx: AppContext): void {
  for (const kind of REQUEST_KINDS) registerInbox(app, ctx, kind);
}

function registerInbox(app: FastifyInstance, ctx: AppContext, kind: RequestKind): void {
  const db = ctx.db.withTables<ContactDb>();
  const holdsDb = ctx.db.withTables<PrivacyTables>();
  const org = ctx.config.organisation;
  const base = INBOX_PATH[kind];
  const activity = findActivity(ctx.modules, ctx.config, ACTIVITY[kind]) as ProcessingActivity;
  const access = (request: FastifyRequest) => rowAccess(activity, member(request).roles);
  const read = { config: staffAccess(activity.id, 'read') };
  const change = { config: staffAccess(activity.id, 'change') };

  const load = async (request: FastifyRequest): Promise<RequestRow> => {
    const { id } = request.params as { id: string };
    const row = isUuid(id) ? await getRequest(db, kind, access(request), id) : undefined;
    if (!row) throw new HttpError(404);
    return row;
  };

  /** The answer mail framed as it goes out, with the sender and recipient its headers name. */
  const shown = (row: RequestRow, subject: string, body: string, staffName: string): MailShown => {
    const mail = answerMail(row, subject, body, answererFor(row, staffName, org), org);
    return { from: `${org.name} <${senderAddress(ctx.config)}>`, to: `${row.name} <${row.email}>`, subject: mail.subject, text: mail.text };
  };

  /** The answer mail an event records (its body is the subject, a blank line, the text typed). */
  const sentMail = (row: RequestRow, events: Awaited<ReturnType<typeof eventsOf>>, eventId: string): SentMail | undefined => {
    const event = events.find((e) => String(e.id) === eventId && e.kind === 'answer-mail');
    if (!event?.body) return undefined;
    const cut = event.body.indexOf('\n\n');
    const [subject, body] = cut < 0 ? [event.body, ''] : [event.body.slice(0, cut), event.body.slice(cut + 2)];
    const by = event.staff_name ?? '';
    return { ...shown(row, subject, body, by), at: event.occurred_at, by: event.staff_name, reference: row.reference };
  };

  const detail = async (request: FastifyRequest, reply: FastifyReply, row: RequestRow, failed?: Failed, status?: number) => {
    const { view, frame } = staffPage(ctx, request);
    const events = await eventsOf(db, { request: row.id });
    const sentId = formValues(request.query).gesendet;
    return sendPage(
      reply,
      <RequestDetailPage
        view={view}
        frame={frame}
        request={row}
        topicName={org.departments.find((d) => d.id === row.topic)?.name[view.locale] ?? null}
        events={events}
        colleagues={await colleagues(db, rolesSeeingRow(activity, row.topic))}
        hold={await isHeld(holdsDb, 'contact_requests', row.id, ctx.clock.now())}
        lettersQueued={kind === 'general'}
        failed={failed}
        sent={typeof sentId === 'string' && /^\d{1,19}$/.test(sentId) ? sentMail(row, events, sentId) : undefined}
      />,
      status ?? (failed ? 400 : 200),
    );
  };
  const backToDetail = (reply: FastifyReply, row: RequestRow) => reply.redirect(`${base}/${row.id}`, 303);
  const locale = (request: FastifyRequest) => viewContextFor(request).locale;
  const labels = (request: FastifyRequest) => actionLabels(locale(request));
  const t = (request: FastifyRequest) => translator(contactStaffMessages, locale(request));

  app.get(base, read, async (request, reply) => {
    const { view, frame } = staffPage(ctx, request);
    const acc = access(request);
    const topics = org.departments
      .filter((d) => acc.kind === 'all' || (acc.kind === 'some' && acc.values.includes(d.id)))
      .map((d) => ({ id: d.id, name: d.name[view.locale] }));
    const q = formValues(request.query);
    const filter = {
      status: choice(request.query, 'status', ['open', 'handled'] as const, 'open'),
      assigned: choice(request.query, 'assigned', ['all', 'me', 'none'] as const, 'all'),
      topic:
        kind === 'general'
          ? choice(
              request.query,
              'topic',
              topics.map((x) => x.id),
              '',
            ) || undefined
          : undefined,
      search: typeof q.q === 'string' && q.q !== '' ? q.q.slice(0, 100) : undefined,
    };
    const rows = await listRequests(db, kind, acc, filter, member(request).id);
    request.auditRecords = rows.map((r) => r.id);
    // After closing: the reference, and the end of a hold if one keeps it.
    const closed = typeof q.abgeschlossen === 'string' && REFERENCE.test(q.abgeschlossen) ? q.abgeschlossen : undefined;
    const until = typeof q.bis === 'string' && DATE.test(q.bis) ? q.bis : undefined;
    const shownUntil = until ? (formatDateTime(new Date(`${until}T12:00:00Z`), view.locale).split(',')[0] as string) : '';
    const notice = closed
      ? t(request)(until ? 'list.closedKept' : 'list.closedDeleted', { reference: closed, until: shownUntil })
      : undefined;
    return sendPage(
      reply,
      <RequestListPage
        view={view}
        frame={frame}
        kind={kind}
        rows={rows}
        filter={filter}
        topics={kind === 'general' ? topics : []}
        notice={notice}
        now={ctx.clock.now()}
        restricted={
          await restrictedAmong(
            db,
            'contact_requests',
            rows.map((r) => r.id),
          )
        }
      />,
    );
  });

  app.get(`${base}/:id`, read, async (request, reply) => detail(request, reply, await load(request)));

  /**
   * The answer mail before it is sent: the exact mail with "Senden" and "Ändern"; "Ändern" comes
   * back here and shows the request with the form filled in. Nothing changes, so it is a read.
   */
  app.post(`${base}/:id/antwort/pruefen`, read, async (request, reply) => {
    const row = await load(request);
    request.auditRecords = [row.id];
    if (await isRestricted(db, 'contact_requests', row.id)) return refuseRestricted(ctx, request, reply);
    if (row.status !== 'open') return backToDetail(reply, row);
    const form = validateForm(schemas.mail, request.body, { locale: locale(request), labels: labels(request).mail });
    if (formValues(request.body).step === 'edit')
      return detail(request, reply, row, { form: 'mail', values: form.values, errors: {} }, 200);
    if (!form.ok) return detail(request, reply, row, { form: 'mail', values: form.values, errors: form.errors });
    const { view, frame } = staffPage(ctx, request);
    return sendPage(
      reply,
      <AnswerPreviewPage
        view={view}
        frame={frame}
        request={row}
        mail={shown(row, form.data.mailSubject, form.data.mailText, member(request).name)}
        typed={form.data}
        sendAction={`${base}/${row.id}/antwort`}
        editAction={`${base}/${row.id}/antwort/pruefen#mail-title`}
      />,
    );
  });

  /** Every change to a request is one form posted to `…/:id/<action>`: one route, the same access check for all. */
  const actions: Record<string, (request: FastifyRequest, reply: FastifyReply, row: RequestRow) => Promise<FastifyReply>> = {
    zuweisen: async (request, reply, row) => {
      if (row.status !== 'open') return backToDetail(reply, row);
      const failed = await assignStep(
        db,
        request,
        { request: row.id },
        await colleagues(db, rolesSeeingRow(activity, row.topic)),
        ctx.clock.now(),
      );
      return failed ? detail(request, reply, row, failed) : backToDetail(reply, row);
    },
    notiz: async (request, reply, row) => {
      const failed = await noteStep(db, request, { request: row.id }, ctx.clock.now());
      return failed ? detail(request, reply, row, failed) : backToDetail(reply, row);
    },
    antwort: async (request, reply, row) => {
      if (row.status !== 'open') return backToDetail(reply, row);
      const form = validateForm(schemas.mail, request.body, { locale: locale(request), labels: labels(request).mail });
      if (!form.ok) return detail(request, reply, row, { form: 'mail', values: form.values, errors: form.errors });
      const me = member(request);
      const mail = answerMail(row, form.data.mailSubject, form.data.mailText, answererFor(row, me.name, org), org);
      const eventId = await db.transaction().execute(async (trx) => {
        const mailId = await enqueueMail(trx, ctx, mail);
        return addEvent(
          trx,
          { request: row.id },
          {
            kind: 'answer-mail',
            staffId: me.id,
            body: `${mail.subject}\n\n${form.data.mailText}`,
            documentId: mailId,
            at: ctx.clock.now(),
          },
        );
      });
      // The confirmation: the request again, with what went out, to whom and when above it.
      return reply.redirect(`${base}/${row.id}?gesendet=${eventId}#sent-title`, 303);
    },
    brief: async (request, reply, row) => {
      if (row.status !== 'open') return backToDetail(reply, row);
      const form = validateForm(schemas.letter, request.body, { locale: locale(request), labels: labels(request).letter });
      const address = form.ok
        ? form.data.letterAddress
            .split(/\r?\n/)
            .map((l) => l.trim())
            .filter(Boolean)
        : [];
      if (!form.ok || address.length > ADDRESS_LINES) {
        const errors = form.ok ? { letterAddress: t(request)('letter.tooManyLines') } : form.errors;
        return detail(request, reply, row, { form: 'letter', values: form.values, errors });
      }
      const me = member(request);
      const letter = answerLetter(row, address, form.data.letterText, answererFor(row, me.name, org));
      const now = ctx.clock.now();
      if (kind === 'general') {
        // Into the day's print run, in the same transaction as the note that it was sent.
        await db.transaction().execute(async (trx) => {
          const queued = await queueLetter(trx, ctx, letter);
          const day = formatDateTime(new Date(`${queued.day}T12:00:00Z`), locale(request)).split(',')[0] as string;
          const line = t(request)(queued.pages === 1 ? 'letter.queuedOne' : 'letter.queued', { pages: queued.pages, day });
          await addEvent(
            trx,
            { request: row.id },
            { kind: 'answer-letter', staffId: me.id, body: `${line}\n\n${form.data.letterText}`, documentId: queued.id, at: now },
          );
        });
        return backToDetail(reply, row);
      }
      // The officers' letters never join the shared print run: the officer prints this one.
      const rendered = await renderLetter(letter, org, now);
      await addEvent(db, { request: row.id }, { kind: 'answer-letter', staffId: me.id, body: form.data.letterText, at: now });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="antwort-${row.reference}.pdf"`)
        .send(Buffer.from(rendered.pdf));
    },
    erledigt: async (request, reply, row) => {
      if (row.status !== 'open') return backToDetail(reply, row);
      const l = labels(request).handle;
      const form = validateForm(schemas.handle, request.body, { locale: locale(request), labels: l });
      const keep = form.ok && form.data.keep === 'yes';
      const hold = keep ? validateForm(schemas.hold, request.body, { locale: locale(request), labels: l }) : null;
      const now = ctx.clock.now();
      const errors = { ...(form.ok ? {} : form.errors), ...(hold && !hold.ok ? hold.errors : {}) };
      if (hold?.ok && new Date(`${hold.data.until}T23:59:59Z`) <= now) errors.until = t(request)('handle.badDate');
      if (!form.ok || (hold && !hold.ok) || Object.keys(errors).length)
        return detail(request, reply, row, { form: 'handle', values: formValues(request.body), errors });
      const me = member(request);
      if (!(await markHandled(db, row.id, now))) return backToDetail(reply, row);
      await addEvent(db, { request: row.id }, { kind: 'handled', staffId: me.id, at: now });
      // The answer letters must not outlive the request in the print queue (C16): the request
      // keeps their text as long as it is kept itself.
      await releaseLettersOf(db, activity.id, row.reference);
      if (hold?.ok) {
        await setHold(holdsDb, {
          activity: activity.id,
          table: 'contact_requests',
          recordId: row.id,
          reason: hold.data.reason,
          note: `${row.reference}: ${hold.data.holdNote}`,
          until: new Date(`${hold.data.until}T23:59:59Z`),
          staff: { id: me.id, email: me.email },
          ip: request.ip,
          now,
        });
      }
      await enforceNow(ctx, activity.id, now);
      return reply.redirect(`${base}?abgeschlossen=${row.reference}${hold?.ok ? `&bis=${hold.data.until}` : ''}`, 303);
    },
  };

  app.post(`${base}/:id/:action`, change, async (request, reply) => {
    const { action } = request.params as { action: string };
    const handle = Object.hasOwn(actions, action) ? actions[action] : undefined;
    if (!handle) throw new HttpError(404);
    const row = await load(request);
    // A restricted request is kept, not processed (Art. 18 GDPR): no answer, note, assignment or closing.
    if (await isRestricted(db, 'contact_requests', row.id)) return refuseRestricted(ctx, request, reply);
    return handle(request, reply, row);
  });
}
