import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isUuid } from '../../core/auth/index.ts';
import { validateForm } from '../../core/forms/index.ts';
import { HttpError } from '../../core/http/index.ts';
import { type Locale, type Localized, translator } from '../../core/i18n/index.ts';
import { renderLetter } from '../../core/letters/index.ts';
import type { AppContext, StaffAccess } from '../../core/module.ts';
import {
  activitiesOf,
  eraseSubject,
  findSubject,
  type PrivacyTables,
  type SubjectFields,
  type SubjectRecord,
  splitByAccess,
  statementPaths,
  type WithheldRecords,
} from '../../core/privacy/index.ts';
import { roleLabel } from '../../core/roles.ts';
import { type StaffFrame, sendPage, staffFrame, viewContextFor } from '../../core/views/index.ts';
import { fieldLines, fieldsOfActivity } from './gdpr.record-fields.ts';
import { recordWords } from './gdpr.record-words.ts';
import { addEvent, closeRequest, eventsOf, getRequest, listRequests } from './gdpr.request.queries.ts';
import { dsrStaffMessages } from './gdpr.staff.requests.messages.ts';
import { RequestDetailPage, RequestListPage } from './gdpr.staff.requests.views.tsx';
import { identifiersOf, provenSubject, recordVerification, verificationsOf } from './gdpr.verification.ts';

const ACTIVITY = 'privacy.subject-requests';
const access = (action: 'read' | 'export' | 'change' | 'delete'): { staff: StaffAccess } => ({ staff: { activity: ACTIVITY, action } });

/**
 * The records as one answer to the person: stable, readable keys, no internal details. Its words
 * (processing, summary, each field in words, roles) are in the language the person made the
 * request in, like the PDF letter and every mail about the request; `data` stays as the modules
 * hold it.
 */
export function exportDocument(
  request: { reference: string; kind: string; name: string; email: string },
  records: SubjectRecord[],
  locale: Locale,
  titleOf: (id: string) => string,
  now: Date,
  withheld: WithheldRecords[] = [],
  rolesOf: (w: WithheldRecords) => string = (w) => w.roles.join(', '),
  fieldsOf: (activity: string) => SubjectFields = () => ({}),
  activityWords: Readonly<Record<string, Localized>> = {},
) {
  return {
    reference: request.reference,
    kind: request.kind,
    subject: { name: request.name, email: request.email },
    generatedAt: now.toISOString(),
    records: records.map((r) => ({
      processing: titleOf(r.activity),
      activity: r.activity,
      record: `${r.table}/${r.recordId}`,
      summary: r.summary[locale],
      // The record in words, as the letter says it; `data` keeps the keys for machines.
      inWords: fieldLines(r, fieldsOf(r.activity), locale, activityWords),
      data: r.data,
    })),
    // Records only other roles may read: named, counted, answered separately by those roles.
    answeredSeparately: withheld.map((w) => ({ processing: titleOf(w.activity), activity: w.activity, records: w.count, by: rolesOf(w) })),
  };
}

export function registerDsrStaffRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<PrivacyTables>();
  const page = (request: FastifyRequest) => {
    const view = viewContextFor(request);
    return { view, frame: staffFrame(ctx, request) as StaffFrame, t: translator(dsrStaffMessages, view.locale) };
  };
  const titleOf = (locale: Locale) => (id: string) => activitiesOf(ctx.modules, ctx.config).find((a) => a.id === id)?.title[locale] ?? id;
  const load = async (request: FastifyRequest) => {
    const { id } = request.params as { id: string };
    const row = isUuid(id) ? await getRequest(db, id) : undefined;
    if (!row || row.status === 'unconfirmed') throw new HttpError(404);
    return row;
  };
  /**
   * What the search finds for the request's proven identifiers only, split into what this member
   * may read and what stays with other roles. An identifier nobody proved finds nothing.
   */
  const search = async (
    request: FastifyRequest,
    row: { id: string; email: string; phone: string | null; customer_number: string | null },
  ) =>
    splitByAccess(
      activitiesOf(ctx.modules, ctx.config),
      await findSubject(ctx, provenSubject(row, await verificationsOf(db, row.id))),
      request.staff?.roles ?? [],
    );
  /**
   * The answer to the person: what this member reads and what no role reads (sealed, never shown
   * on a page), so the letter and the export hold all that the search found; records another role
   * reads stay with that role, named in the answer.
   */
  const answer = async (request: FastifyRequest, row: Parameters<typeof search>[1]) => {
    const { readable, withheld, sealed } = await search(request, row);
    const unread = new Set(sealed.map((r) => r.activity));
    return {
      readable,
      sealed,
      records: [...readable, ...sealed],
      withheld: withheld.filter((w) => !unread.has(w.activity)),
      sealedCounts: [...unread].map((activity) => ({
        activity,
        count: sealed.filter((r) => r.activity === activity).length,
        roles: [],
      })),
    };
  };
  const fieldsOf = fieldsOfActivity(ctx);
  const activityWords = Object.fromEntries(activitiesOf(ctx.modules, ctx.config).map((a) => [a.id, a.title]));
  const rolesOf = (locale: Locale) => (w: WithheldRecords) =>
    w.roles.map((r) => roleLabel(ctx.config.organisation, r)[locale]).join(', ') || '–';
  const detail = async (request: FastifyRequest, extra: Partial<Parameters<typeof RequestDetailPage>[0]> = {}, status = 200) => {
    const { view, frame } = page(request);
    const row = await load(request);
    const listed = [...(extra.records ?? []), ...(extra.outcomes ?? [])];
    const recordText = await recordWords(db, activitiesOf(ctx.modules, ctx.config), listed, view.locale);
    return {
      view,
      frame,
      row,
      status,
      render: async () => (
        <RequestDetailPage
          view={view}
          frame={frame}
          request={row}
          identifiers={identifiersOf(row, await verificationsOf(db, row.id))}
          events={await eventsOf(db, row.id)}
          activityTitle={titleOf(view.locale)}
          recordText={recordText}
          rolesOf={rolesOf(view.locale)}
          now={ctx.clock.now()}
          {...extra}
        />
      ),
    };
  };

  app.get('/staff/anfragen', { config: access('read') }, async (request, reply) => {
    const { view, frame } = page(request);
    const open = await listRequests(db, ['open']);
    const closed = await listRequests(db, ['answered', 'rejected']);
    request.auditRecords = [...open, ...closed].map((r) => r.id);
    return sendPage(reply, <RequestListPage view={view} frame={frame} open={open} closed={closed} now={ctx.clock.now()} />);
  });

  app.get('/staff/anfragen/:id', { config: access('read') }, async (request, reply) => {
    const d = await detail(request);
    return sendPage(reply, await d.render());
  });

  app.post('/staff/anfragen/:id/suche', { config: access('read') }, async (request, reply) => {
    const row = await load(request);
    const { readable: records, withheld, sealedCounts } = await answer(request, row);
    const elsewhere = [...withheld, ...sealedCounts].reduce((n, w) => n + w.count, 0);
    await addEvent(
      db,
      row.id,
      request.staff?.id ?? null,
      'searched',
      { found: records.length, withOtherRoles: elsewhere },
      ctx.clock.now(),
    );
    request.auditRecords = [row.id, ...records.map((r) => `${r.table}/${r.recordId}`)];
    const d = await detail(request, { records, withheld, sealed: sealedCounts });
    return sendPage(reply, await d.render());
  });

  app.post('/staff/anfragen/:id/export', { config: access('export') }, async (request, reply) => {
    const { view, t } = page(request);
    const row = await load(request);
    const form = validateForm(z.object({ reason: z.string().trim().min(3).max(500), format: z.enum(['json', 'pdf']) }), request.body, {
      locale: view.locale,
      labels: { reason: t('detail.exportReason'), format: t('detail.export') },
    });
    if (!form.ok) {
      const d = await detail(request, { errors: form.errors }, 400);
      return sendPage(reply, await d.render(), 400);
    }
    const now = ctx.clock.now();
    const { records, withheld } = await answer(request, row);
    await addEvent(
      db,
      row.id,
      request.staff?.id ?? null,
      `exported-${form.data.format}`,
      { records: records.length, reason: form.data.reason },
      now,
    );
    request.auditRecords = [row.id, ...records.map((r) => `${r.table}/${r.recordId}`)];
    request.auditReason = form.data.reason;
    const locale = (row.locale === 'en' ? 'en' : 'de') as Locale;
    if (form.data.format === 'json') {
      const doc = exportDocument(row, records, locale, titleOf(locale), now, withheld, rolesOf(locale), fieldsOf, activityWords);
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="auskunft-${row.reference}.json"`)
        .send(JSON.stringify(doc, null, 2));
    }
    const lt = translator(dsrStaffMessages, locale);
    const more = [
      row.phone ? (locale === 'de' ? ', Telefonnummer' : ', phone number') : '',
      row.customer_number ? (locale === 'de' ? ', Kundennummer' : ', customer number') : '',
    ].join('');
    const title = titleOf(locale);
    const letter = await renderLetter(
      {
        recipient: { name: row.name, address: [row.email] },
        subject: lt('letter.subject', { reference: row.reference }),
        salutation: lt('letter.salutation', { name: row.name }),
        paragraphs: [
          lt('letter.intro', { more }),
          ...(records.length
            ? records.map((r) =>
                [`${title(r.activity)}: ${r.summary[locale]}`, ...fieldLines(r, fieldsOf(r.activity), locale, activityWords)].join('\n'),
              )
            : [lt('letter.none')]),
          ...withheld.map((w) => lt('letter.separately', { processing: title(w.activity) })),
          `${lt('letter.outro')} ${ctx.config.PUBLIC_URL}${statementPaths[locale].statement}`,
        ],
        closing: lt('letter.closing'),
        reference: row.reference,
        language: locale,
      },
      ctx.config.organisation,
      now,
    );
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="auskunft-${row.reference}.pdf"`)
      .send(Buffer.from(letter.pdf));
  });

  app.post('/staff/anfragen/:id/loeschen', { config: access('delete') }, async (request, reply) => {
    const { t } = page(request);
    const row = await load(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (row.status !== 'open' || body.confirm !== 'yes') {
      const d = await detail(request, { errors: { confirm: t('detail.eraseConfirm') } }, 400);
      return sendPage(reply, await d.render(), 400);
    }
    // Only what this member may read is erased here; the rest is left to the roles that hold it.
    const { readable, withheld } = await search(request, row);
    const outcomes = await eraseSubject(ctx, readable);
    const count = (o: string) => outcomes.filter((x) => x.outcome === o).length;
    const elsewhere = withheld.reduce((n, w) => n + w.count, 0);
    await addEvent(
      db,
      row.id,
      request.staff?.id ?? null,
      'erased',
      { deleted: count('deleted'), anonymised: count('anonymised'), kept: count('kept'), withOtherRoles: elsewhere },
      ctx.clock.now(),
    );
    request.auditRecords = [row.id, ...outcomes.filter((o) => o.outcome !== 'kept').map((o) => `${o.table}/${o.recordId}`)];
    const d = await detail(request, { outcomes, withheld });
    return sendPage(reply, await d.render());
  });

  // A staff check (an identity document at the counter, a call back to the number on file) proves
  // an identifier; what was checked is recorded with who checked it.
  app.post('/staff/anfragen/:id/pruefung', { config: access('change') }, async (request, reply) => {
    const { view, t } = page(request);
    const row = await load(request);
    const form = validateForm(
      z.object({ identifier: z.enum(['email', 'phone', 'customer-number']), note: z.string().trim().min(5).max(500) }),
      request.body,
      { locale: view.locale, labels: { identifier: t('verify.identifier'), note: t('verify.note') } },
    );
    const named = form.ok && identifiersOf(row, []).some((i) => i.identifier === form.data.identifier);
    if (!form.ok || !named || row.status !== 'open') {
      const errors = form.ok ? { identifier: t('verify.identifier') } : form.errors;
      const d = await detail(request, { errors }, 400);
      return sendPage(reply, await d.render(), 400);
    }
    const now = ctx.clock.now();
    await db.transaction().execute(async (trx) => {
      await recordVerification(trx, {
        requestId: row.id,
        identifier: form.data.identifier,
        method: 'staff-check',
        note: form.data.note,
        staffId: request.staff?.id ?? null,
        now,
      });
      await addEvent(trx, row.id, request.staff?.id ?? null, 'verified', { [form.data.identifier]: 'staff-check' }, now);
    });
    request.auditRecords = [row.id];
    return reply.redirect(`/staff/anfragen/${row.id}`, 303);
  });

  app.post('/staff/anfragen/:id/abschliessen', { config: access('change') }, async (request, reply) => {
    const row = await load(request);
    const status = (request.body as Record<string, unknown> | undefined)?.status;
    if (row.status === 'open' && (status === 'answered' || status === 'rejected')) {
      const now = ctx.clock.now();
      await closeRequest(db, row.id, status, now);
      await addEvent(db, row.id, request.staff?.id ?? null, 'closed', { status }, now);
    }
    return reply.redirect(`/staff/anfragen/${row.id}`, 303);
  });
}
