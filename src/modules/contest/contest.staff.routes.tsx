import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isUuid, secretKey } from '../../core/auth/index.ts';
import { formValues, HttpError, singleLine, validateForm } from '../../core/http/index.ts';
import { berlinToUtc, formatDateTime, translator } from '../../core/i18n/index.ts';
import { enqueueMail } from '../../core/mail/index.ts';
import type { AppContext, StaffAccess } from '../../core/module.ts';
import { runRetention } from '../../core/privacy/index.ts';
import { validateUploadForm } from '../../core/uploads/index.ts';
import { type StaffFrame, sendPage, staffFrame, viewContextFor } from '../../core/views/index.ts';
import { consentSignature } from './contest.links.ts';
import { contestMessages } from './contest.messages.ts';
import { consentPath, PATHS, SLUG } from './contest.paths.ts';
import { importPhotos, photoPolicy } from './contest.photos.ts';
import { ENTRIES_ACTIVITY, PHOTOS_ACTIVITY } from './contest.privacy.ts';
import {
  createDraw,
  createEvent,
  drawOfEvent,
  drawWinners,
  entriesOf,
  eventById,
  freezeDraw,
  listEvents,
  publishTerms,
  settleDraw,
  termsOf,
  winnersOf,
} from './contest.queries.ts';
import { renderCodeSheet } from './contest.sheet.ts';
import { contestStaffMessages } from './contest.staff.messages.ts';
import { BASES, drawLabels, EntriesPage, EventPage, EventsPage, eventLabels, type Failed, STAFF_BASE } from './contest.staff.views.tsx';
import type { ConsentBasis, ContestTables } from './contest.tables.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const text = (min: number, max: number) => z.string().min(min).max(max);

const eventSchema = z.object({
  slug: z.string().trim().toLowerCase().regex(SLUG, 'field.slugFormat'),
  title: singleLine(1, 200),
  heldOn: z.string().regex(DAY),
  consentBasis: z.enum(BASES as [ConsentBasis, ...ConsentBasis[]]),
  consentNote: text(3, 2000),
});

const drawSchema = z.object({
  title: singleLine(1, 200),
  prizes: singleLine(1, 500),
  winnersCount: z.coerce.number().int().min(1).max(100),
  closesDay: z.string().regex(DAY),
  closesTime: z.string().regex(TIME),
  randomSource: singleLine(5, 300),
  sourceDay: z.string().regex(DAY),
  sourceTime: z.string().regex(TIME),
  termsDe: text(10, 20000),
  termsEn: text(10, 20000),
});

const termsSchema = z.object({ termsDe: text(10, 20000), termsEn: text(10, 20000) });
const seedSchema = z.object({ seed: singleLine(1, 500) });

const communications = { staff: { roles: ['communications'], personalData: false } satisfies StaffAccess };
const photos = (action: 'read' | 'change') => ({ staff: { activity: PHOTOS_ACTIVITY, action } satisfies StaffAccess });
const entries = (action: 'read' | 'change' | 'delete') => ({ staff: { activity: ENTRIES_ACTIVITY, action } satisfies StaffAccess });

/**
 * The back office of corporate communications: events with their consent basis, photo import
 * with the code sheet, the draw's setup, freezing, drawing; the entries (C59, only this role),
 * winners' notification, hand-over and the closing that deletes the entries (C61).
 */
export function registerContestStaffRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<ContestTables>();
  const secret = secretKey(ctx.config);
  const page = (request: FastifyRequest) => ({ view: viewContextFor(request), frame: staffFrame(ctx, request) as StaffFrame });
  const t = (request: FastifyRequest) => translator(contestStaffMessages, viewContextFor(request).locale);
  const messages = { ...contestStaffMessages, ...contestMessages };

  const loadEvent = async (request: FastifyRequest) => {
    const { id } = request.params as { id: string };
    const event = isUuid(id) ? await eventById(db, id) : undefined;
    if (!event) throw new HttpError(404);
    return event;
  };
  const loadDraw = async (request: FastifyRequest) => {
    const event = await loadEvent(request);
    const draw = await drawOfEvent(db, event.id);
    if (!draw) throw new HttpError(404);
    return { event, draw };
  };

  const eventPage = async (request: FastifyRequest, reply: FastifyReply, eventId: string, failed?: Failed, notice?: string) => {
    const event = (await eventById(db, eventId)) as NonNullable<Awaited<ReturnType<typeof eventById>>>;
    const draw = await drawOfEvent(db, event.id);
    const [terms] = draw ? await termsOf(db, draw.id) : [];
    const count = (await listEvents(db)).find((e) => e.id === event.id)?.photos ?? 0;
    return sendPage(
      reply,
      <EventPage
        {...page(request)}
        config={ctx.config}
        event={event}
        photos={count}
        draw={draw}
        termsVersion={terms?.version ?? 0}
        now={ctx.clock.now()}
        {...(failed ? { failed } : {})}
        {...(notice ? { notice } : {})}
      />,
      failed ? (failed.form === 'action' ? 409 : 400) : 200,
    );
  };

  app.get(STAFF_BASE, { config: communications }, async (request, reply) => {
    const q = formValues(request.query);
    return sendPage(
      reply,
      <EventsPage
        {...page(request)}
        events={await listEvents(db)}
        {...(q.angelegt === '1' ? { notice: t(request)('events.created') } : {})}
      />,
    );
  });

  app.post(STAFF_BASE, { config: communications }, async (request, reply) => {
    const { view } = page(request);
    const form = validateForm(eventSchema, request.body, { locale: view.locale, labels: eventLabels(view), messages });
    const back = async (errors: Record<string, string>, values: Record<string, string | string[]>) =>
      sendPage(reply, <EventsPage {...page(request)} events={await listEvents(db)} failed={{ form: 'event', errors, values }} />, 400);
    if (!form.ok) return back(form.errors, form.values);
    const id = await createEvent(db, form.data, ctx.clock.now());
    if (!id) return back({ slug: t(request)('field.slugTaken') }, form.values);
    return reply.redirect(`${STAFF_BASE}/${id}`, 303);
  });

  app.get(`${STAFF_BASE}/:id`, { config: communications }, async (request, reply) => {
    const event = await loadEvent(request);
    return eventPage(request, reply, event.id);
  });

  // The answer is the code sheet itself: the codes exist in plain text only in this response.
  app.post(`${STAFF_BASE}/:id/fotos`, { config: { ...photos('change'), upload: photoPolicy } }, async (request, reply) => {
    const event = await loadEvent(request);
    const { view } = page(request);
    const labels = { photos: t(request)('event.photosField') };
    const form = await validateUploadForm(request, ctx, z.object({}), { locale: view.locale, labels });
    if (!form.ok) return eventPage(request, reply, event.id, { form: 'photos', errors: form.errors, values: form.values });
    const imported = await importPhotos(ctx, event.id, form.files);
    request.auditRecords = imported.map((p) => p.photoId);
    const pdf = await renderCodeSheet(imported, {
      eventTitle: event.title,
      redeemUrl: `${ctx.config.PUBLIC_URL.replace(/\/$/, '')}${PATHS.code.de}`,
      heading: t(request)('sheet.heading'),
      date: ctx.clock.now(),
    });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="fotocodes-${event.slug}-${imported.length}.pdf"`)
      .send(Buffer.from(pdf));
  });

  app.post(`${STAFF_BASE}/:id/gewinnspiel`, { config: communications }, async (request, reply) => {
    const event = await loadEvent(request);
    const { view } = page(request);
    const form = validateForm(drawSchema, request.body, { locale: view.locale, labels: drawLabels(view), messages });
    const failed = (errors: Record<string, string>) => eventPage(request, reply, event.id, { form: 'draw', errors, values: form.values });
    if (!form.ok) return failed(form.errors);
    const d = form.data;
    const closes = berlinToUtc(d.closesDay, d.closesTime);
    const known = berlinToUtc(d.sourceDay, d.sourceTime);
    if (closes <= ctx.clock.now()) return failed({ closesDay: t(request)('draw.future') });
    if (known <= closes) return failed({ sourceDay: t(request)('draw.sourceOrder') });
    const id = await createDraw(
      db,
      event.id,
      {
        title: d.title,
        prizes: d.prizes,
        winnersCount: d.winnersCount,
        entriesCloseAt: closes,
        randomSource: d.randomSource,
        randomSourceAt: known,
        termsDe: d.termsDe,
        termsEn: d.termsEn,
      },
      ctx.clock.now(),
    );
    if (!id) throw new HttpError(404);
    return reply.redirect(`${STAFF_BASE}/${event.id}`, 303);
  });

  app.post(`${STAFF_BASE}/:id/bedingungen`, { config: communications }, async (request, reply) => {
    const { event, draw } = await loadDraw(request);
    const { view } = page(request);
    const form = validateForm(termsSchema, request.body, { locale: view.locale, labels: drawLabels(view), messages });
    if (!form.ok) return eventPage(request, reply, event.id, { form: 'terms', errors: form.errors, values: form.values });
    const version = await publishTerms(db, draw.id, form.data.termsDe, form.data.termsEn, ctx.clock.now());
    if (version === null)
      return eventPage(request, reply, event.id, { form: 'action', errors: { _: t(request)('draw.tooLate') }, values: {} });
    return reply.redirect(`${STAFF_BASE}/${event.id}`, 303);
  });

  app.post(`${STAFF_BASE}/:id/einfrieren`, { config: communications }, async (request, reply) => {
    const { event, draw } = await loadDraw(request);
    const outcome = await freezeDraw(db, draw.id, ctx.clock.now());
    if (outcome === 'too-late')
      return eventPage(request, reply, event.id, { form: 'action', errors: { _: t(request)('draw.tooLate') }, values: {} });
    return reply.redirect(`${STAFF_BASE}/${event.id}`, 303);
  });

  app.post(`${STAFF_BASE}/:id/auslosen`, { config: communications }, async (request, reply) => {
    const { event, draw } = await loadDraw(request);
    const { view } = page(request);
    const form = validateForm(seedSchema, request.body, { locale: view.locale, labels: { seed: t(request)('draw.seed') }, messages });
    if (!form.ok) return eventPage(request, reply, event.id, { form: 'seed', errors: form.errors, values: form.values });
    const outcome = await drawWinners(db, draw.id, form.data.seed, ctx.clock.now());
    if (outcome === 'not-yet')
      return eventPage(request, reply, event.id, {
        form: 'seed',
        errors: { seed: t(request)('draw.notYet', { at: formatDateTime(draw.random_source_at, view.locale) }) },
        values: form.values,
      });
    return reply.redirect(`${STAFF_BASE}/${event.id}`, 303);
  });

  const entriesPage = async (request: FastifyRequest, reply: FastifyReply, notice?: string, error?: string) => {
    const { event, draw } = await loadDraw(request);
    const rows = await entriesOf(db, draw.id);
    const winners = await winnersOf(db, draw.id);
    request.auditRecords = rows.map((r) => r.id);
    return sendPage(
      reply,
      <EntriesPage
        {...page(request)}
        eventId={event.id}
        draw={(await drawOfEvent(db, event.id)) ?? draw}
        entries={rows}
        winners={winners}
        {...(notice ? { notice } : {})}
        {...(error ? { error } : {})}
      />,
      error ? 409 : 200,
    );
  };

  app.get(`${STAFF_BASE}/:id/teilnahmen`, { config: entries('read') }, async (request, reply) => {
    const q = formValues(request.query);
    const notice = q.benachrichtigt
      ? t(request)('winners.notified', { n: String(q.benachrichtigt) })
      : q.abgeschlossen
        ? t(request)('settle.done')
        : undefined;
    return entriesPage(request, reply, notice);
  });

  app.post(`${STAFF_BASE}/:id/benachrichtigen`, { config: entries('change') }, async (request, reply) => {
    const { event, draw } = await loadDraw(request);
    const winners = (await winnersOf(db, draw.id)).filter((w) => !w.prize_handed_over_at);
    request.auditRecords = winners.map((w) => w.id);
    await ctx.db.transaction().execute(async (trx) => {
      for (const w of winners) {
        const locale = w.locale === 'en' ? 'en' : 'de';
        const m = translator(contestMessages, locale);
        const link = `${ctx.config.PUBLIC_URL.replace(/\/$/, '')}${consentPath(w.id, consentSignature(secret, w.id), locale)}`;
        await enqueueMail(trx, ctx, {
          to: w.email,
          subject: m('mail.winSubject', { draw: draw.title }),
          text: m('mail.winText', { draw: draw.title, link, org: ctx.config.organisation.name }),
          activity: ENTRIES_ACTIVITY,
          secrets: [link],
        });
      }
    });
    return reply.redirect(`${STAFF_BASE}/${event.id}/teilnahmen?benachrichtigt=${winners.length}`, 303);
  });

  app.post(`${STAFF_BASE}/:id/uebergabe/:entry`, { config: entries('change') }, async (request, reply) => {
    const { event, draw } = await loadDraw(request);
    const { entry } = request.params as { entry: string };
    const winner = isUuid(entry) ? (await winnersOf(db, draw.id)).find((w) => w.id === entry) : undefined;
    if (!winner) throw new HttpError(404);
    request.auditRecords = [winner.id];
    await db
      .updateTable('contest_entries')
      .set({ prize_handed_over_at: ctx.clock.now() })
      .where('id', '=', winner.id)
      .where('prize_handed_over_at', 'is', null)
      .execute();
    return reply.redirect(`${STAFF_BASE}/${event.id}/teilnahmen`, 303);
  });

  app.post(`${STAFF_BASE}/:id/abschliessen`, { config: entries('delete') }, async (request, reply) => {
    const { event, draw } = await loadDraw(request);
    const now = ctx.clock.now();
    const outcome = await settleDraw(db, draw.id, now);
    if (outcome !== 'settled') return entriesPage(request, reply, undefined, t(request)('settle.open'));
    // Deleted through the register's own rule, with a deletion record (C61); the nightly run
    // would do the same should this fail. The run must come after the settling instant.
    const clock = { now: () => new Date(Math.max(ctx.clock.now().getTime(), now.getTime() + 1)) };
    try {
      await runRetention({ ...ctx, clock }, { trigger: 'staff', activity: ENTRIES_ACTIVITY, batchSize: ctx.config.RETENTION_BATCH_SIZE });
    } catch (err) {
      ctx.log.warn({ err }, 'retention after settling a draw failed; the nightly run will delete');
    }
    return reply.redirect(`${STAFF_BASE}/${event.id}/teilnahmen?abgeschlossen=1`, 303);
  });
}
