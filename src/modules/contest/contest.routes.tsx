import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUuid, secretKey } from '../../core/auth/index.ts';
import { type FieldErrors, type FormValues, formValues, HttpError, isSpam, validateForm } from '../../core/http/index.ts';
import { LOCALES, type Locale, translator } from '../../core/i18n/index.ts';
import type { AppContext } from '../../core/module.ts';
import { filesOf, sendPublishedFile } from '../../core/uploads/index.ts';
import { sendPage, viewContextFor } from '../../core/views/index.ts';
import { codeHash, normaliseCode } from './contest.codes.ts';
import type { PublishedDraw } from './contest.draw.ts';
import { consentSignatureValid, photoLink, photoLinkValid } from './contest.links.ts';
import { contestMessages } from './contest.messages.ts';
import { consentPath, drawPath, galleryPath, PATHS, termsPath } from './contest.paths.ts';
import { PHOTOS_TABLE } from './contest.photos.ts';
import { renderProtocol } from './contest.protocol.ts';
import {
  type ContestDb,
  drawList,
  drawOfEvent,
  entryOfPhoto,
  eventById,
  eventBySlug,
  galleryPhotoIds,
  insertEntry,
  photoByHash,
  photoById,
  returnLookup,
  setGalleryChoice,
  takeLookup,
  termsOf,
  winnersOf,
} from './contest.queries.ts';
import { codeSchema, entrySchema, gallerySchema } from './contest.schema.ts';
import type { ContestTables } from './contest.tables.ts';
import {
  CodePage,
  ConsentPage,
  codeLabels,
  type DrawOffer,
  DrawPage,
  type DrawPageData,
  EntryDonePage,
  entryLabels,
  GalleryPage,
  PhotoPage,
  TermsPage,
} from './contest.views.tsx';

const other = (l: Locale): Locale => (l === 'de' ? 'en' : 'de');

type Photo = NonNullable<Awaited<ReturnType<typeof photoByHash>>>;
type Event = NonNullable<Awaited<ReturnType<typeof eventById>>>;

/** Builds the public data of a draw: the list and the seed, never a name unless consented. */
export async function publicDraw(db: ContestDb, slug: string) {
  const event = await eventBySlug(db, slug);
  const draw = event ? await drawOfEvent(db, event.id) : undefined;
  if (!event || !draw) return null;
  return { event, draw, terms: await termsOf(db, draw.id), list: await drawList(db, draw.id) };
}

export function publishedJson(d: NonNullable<Awaited<ReturnType<typeof publicDraw>>>): PublishedDraw {
  return {
    draw: d.draw.title,
    entryHashes: d.list.map((l) => l.entry_hash),
    commitment: d.draw.commitment ?? '',
    randomSource: d.draw.random_source,
    seed: d.draw.seed,
    winnersCount: d.draw.winners_count,
    winners: d.list
      .filter((l) => l.winner_rank !== null)
      .sort((a, b) => (a.winner_rank ?? 0) - (b.winner_rank ?? 0))
      .map((l) => l.entry_hash),
  };
}

/**
 * The public side: the code page (C57), the holder's choice about the gallery, the gallery
 * itself, the entry (C58), the draw's page with everything needed to check it, and the
 * winners' consent (C60). Cookie-free: each step carries the code in the form it posts.
 */
export function registerContestRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<ContestTables>();
  const secret = secretKey(ctx.config);
  const rateLimit = { rateLimit: { max: ctx.config.FORM_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } };

  type Redeemed = { ok: true; photo: Photo; event: Event } | { ok: false; status: 400 | 429; message: string };

  /** A code as typed, checked against the site-wide allowance of wrong codes, then looked up. */
  const redeem = async (typed: string, locale: Locale): Promise<Redeemed> => {
    const t = translator(contestMessages, locale);
    const code = normaliseCode(typed);
    if (!code) return { ok: false, status: 400, message: t('code.format') };
    const now = ctx.clock.now();
    if (!(await takeLookup(db, now, ctx.config.CONTEST_CODE_FAILURES_PER_HOUR)))
      return { ok: false, status: 429, message: t('code.throttled') };
    const photo = await photoByHash(db, codeHash(secret, code));
    if (!photo) return { ok: false, status: 400, message: t('code.unknown') };
    await returnLookup(db, now);
    const event = (await eventById(db, photo.event_id)) as Event;
    return { ok: true, photo, event };
  };

  const drawOffer = async (event: Event, photoId: string): Promise<DrawOffer | null> => {
    const draw = await drawOfEvent(db, event.id);
    if (!draw) return null;
    const [terms] = await termsOf(db, draw.id);
    const entered = await entryOfPhoto(db, photoId);
    const state = entered ? 'entered' : draw.frozen_at || draw.entries_close_at <= ctx.clock.now() ? 'closed' : 'open';
    return {
      slug: event.slug,
      title: draw.title,
      prizes: draw.prizes,
      closesAt: draw.entries_close_at,
      termsVersion: terms?.version ?? 1,
      state,
    };
  };

  const photoPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    locale: Locale,
    r: { photo: Photo; event: Event; code: string; saved?: boolean; entryValues?: FormValues; entryErrors?: FieldErrors },
  ) => {
    const view = viewContextFor(request, { [locale]: PATHS.code[locale], [other(locale)]: PATHS.code[other(locale)] });
    const photo = (await photoById(db, r.photo.id)) as Photo;
    return sendPage(
      reply,
      <PhotoPage
        view={view}
        event={{ title: r.event.title, slug: r.event.slug }}
        imageSrc={photoLink(secret, photo.id, ctx.clock.now())}
        code={r.code}
        inGallery={photo.in_gallery}
        draw={await drawOffer(r.event, photo.id)}
        {...(r.saved !== undefined ? { saved: r.saved } : {})}
        {...(r.entryErrors ? { entryErrors: r.entryErrors, entryValues: r.entryValues ?? {} } : {})}
      />,
      r.entryErrors ? 400 : 200,
    );
  };

  for (const locale of LOCALES) {
    const t = translator(contestMessages, locale);
    const codeView = (request: FastifyRequest) =>
      viewContextFor(request, { [locale]: PATHS.code[locale], [other(locale)]: PATHS.code[other(locale)] });
    const codeRefused = (request: FastifyRequest, reply: FastifyReply, values: FormValues, status: 400 | 429, message: string) =>
      sendPage(reply, <CodePage view={codeView(request)} values={{ code: values.code ?? '' }} errors={{ code: message }} />, status);

    app.get(PATHS.code[locale], async (request, reply) => sendPage(reply, <CodePage view={codeView(request)} />));

    app.post(PATHS.code[locale], { config: rateLimit }, async (request, reply) => {
      const form = validateForm(codeSchema, request.body, { locale, labels: codeLabels(locale), messages: contestMessages });
      if (!form.ok) return sendPage(reply, <CodePage view={codeView(request)} values={form.values} errors={form.errors} />, 400);
      const r = await redeem(form.data.code, locale);
      if (!r.ok) return codeRefused(request, reply, form.values, r.status, r.message);
      return photoPage(request, reply, locale, { ...r, code: form.data.code });
    });

    app.post(PATHS.gallery[locale], { config: rateLimit }, async (request, reply) => {
      const form = validateForm(gallerySchema, request.body, { locale, labels: codeLabels(locale), messages: contestMessages });
      const values = formValues(request.body);
      if (!form.ok) return codeRefused(request, reply, values, 400, form.errors.code ?? t('code.format'));
      const r = await redeem(form.data.code, locale);
      if (!r.ok) return codeRefused(request, reply, values, r.status, r.message);
      const inGallery = form.data.gallery === 'yes';
      await setGalleryChoice(db, r.photo.id, inGallery, ctx.clock.now());
      return photoPage(request, reply, locale, { ...r, code: form.data.code, saved: inGallery });
    });

    app.post(PATHS.entry[locale], { config: rateLimit }, async (request, reply) => {
      const values = formValues(request.body);
      const typed = typeof values.code === 'string' ? values.code : '';
      const r = await redeem(typed, locale);
      if (!r.ok) return codeRefused(request, reply, values, r.status, r.message);
      const draw = await drawOfEvent(db, r.event.id);
      const [terms] = draw ? await termsOf(db, draw.id) : [];
      if (!draw || !terms) throw new HttpError(404);
      const form = validateForm(entrySchema, request.body, {
        locale,
        labels: entryLabels(locale, terms.version),
        messages: contestMessages,
      });
      if (!form.ok) return photoPage(request, reply, locale, { ...r, code: typed, entryValues: form.values, entryErrors: form.errors });
      if (isSpam(request.body)) return photoPage(request, reply, locale, { ...r, code: typed });
      const d = form.data;
      const outcome = await insertEntry(
        db,
        {
          drawId: draw.id,
          photoId: r.photo.id,
          firstName: d.firstName,
          lastName: d.lastName,
          street: d.street,
          postcode: d.postcode,
          city: d.city,
          email: d.email,
          locale,
        },
        ctx.clock.now(),
      );
      if (outcome.kind !== 'entered') {
        const message = outcome.kind === 'taken' ? t('entry.already') : t('entry.closed');
        return photoPage(request, reply, locale, { ...r, code: typed, entryValues: form.values, entryErrors: { code: message } });
      }
      return sendPage(reply, <EntryDonePage view={codeView(request)} hash={outcome.entryHash} slug={r.event.slug} />);
    });

    app.get(`${galleryPath(':slug', locale)}`, async (request, reply) => {
      const { slug } = request.params as { slug: string };
      const event = await eventBySlug(db, slug);
      if (!event) throw new HttpError(404);
      const view = viewContextFor(request, { [locale]: galleryPath(slug, locale), [other(locale)]: galleryPath(slug, other(locale)) });
      return sendPage(reply, <GalleryPage view={view} event={event} photoIds={await galleryPhotoIds(db, event.id)} />);
    });

    app.get(drawPath(':slug', locale), async (request, reply) => {
      const { slug } = request.params as { slug: string };
      const d = await publicDraw(db, slug);
      if (!d) throw new HttpError(404);
      const winners = d.draw.settled_at ? [] : await winnersOf(db, d.draw.id);
      const data: DrawPageData = {
        slug,
        title: d.draw.title,
        prizes: d.draw.prizes,
        winnersCount: d.draw.winners_count,
        closesAt: d.draw.entries_close_at,
        randomSource: d.draw.random_source,
        randomSourceAt: d.draw.random_source_at,
        frozenAt: d.draw.frozen_at,
        commitment: d.draw.commitment,
        entryCount: d.draw.entry_count,
        seed: d.draw.seed,
        settled: d.draw.settled_at !== null,
        terms: d.terms.map((x) => ({ version: x.version, publishedAt: x.published_at, text: locale === 'de' ? x.text_de : x.text_en })),
        list: d.list.map((l) => ({ hash: l.entry_hash, rank: l.winner_rank })),
        // Only with the winner's separate consent (C60).
        published: winners
          .filter((w) => w.publish_consent_at !== null)
          .map((w) => ({ name: `${w.first_name} ${w.last_name}`, photoId: w.photo_id })),
      };
      const view = viewContextFor(request, { [locale]: drawPath(slug, locale), [other(locale)]: drawPath(slug, other(locale)) });
      return sendPage(reply, <DrawPage view={view} draw={data} now={ctx.clock.now()} />);
    });

    app.get(termsPath(':slug', 0, locale).replace(/\/0$/, '/:version'), async (request, reply) => {
      const { slug, version } = request.params as { slug: string; version: string };
      const d = await publicDraw(db, slug);
      const terms = d?.terms.find((x) => String(x.version) === version);
      if (!d || !terms) throw new HttpError(404);
      const view = viewContextFor(request);
      return sendPage(
        reply,
        <TermsPage
          view={view}
          draw={{ title: d.draw.title, slug }}
          terms={{ version: terms.version, publishedAt: terms.published_at, text: locale === 'de' ? terms.text_de : terms.text_en }}
        />,
      );
    });

    const consentRoute = consentPath(':entry', ':sig', locale);
    const consentEntry = async (request: FastifyRequest) => {
      const { entry, sig } = request.params as { entry: string; sig: string };
      if (!isUuid(entry) || !consentSignatureValid(secret, entry, sig)) throw new HttpError(404);
      const row = await db
        .selectFrom('contest_entries as e')
        .innerJoin('contest_draw_list as l', 'l.entry_hash', 'e.entry_hash')
        .innerJoin('contest_draws as d', 'd.id', 'e.draw_id')
        .select(['e.id', 'e.publish_consent_at', 'd.title'])
        .where('e.id', '=', entry)
        .where('l.winner_rank', 'is not', null)
        .executeTakeFirst();
      if (!row) throw new HttpError(404);
      return { row, action: consentPath(entry, sig, locale) };
    };
    app.get(consentRoute, async (request, reply) => {
      const { row, action } = await consentEntry(request);
      return sendPage(
        reply,
        <ConsentPage view={viewContextFor(request)} action={action} consented={row.publish_consent_at !== null} drawTitle={row.title} />,
      );
    });
    app.post(consentRoute, { config: rateLimit }, async (request, reply) => {
      const { row, action } = await consentEntry(request);
      const yes = formValues(request.body).consent === 'yes';
      await db
        .updateTable('contest_entries')
        .set({ publish_consent_at: yes ? ctx.clock.now() : null })
        .where('id', '=', row.id)
        .execute();
      return sendPage(reply, <ConsentPage view={viewContextFor(request)} action={action} consented={yes} drawTitle={row.title} />);
    });
  }

  // Files: each request decides whether the photo is published (sendPublishedFile).
  const firstFile = async (photoId: string) => (await filesOf(ctx, { table: PHOTOS_TABLE, id: photoId }))[0];

  app.get('/fotocode/bild/:photo/:expires/:sig', async (request, reply) => {
    const { photo, expires, sig } = request.params as { photo: string; expires: string; sig: string };
    if (!isUuid(photo) || !photoLinkValid(secret, photo, expires, sig, ctx.clock.now())) throw new HttpError(404);
    const file = await firstFile(photo);
    if (!file) throw new HttpError(404);
    return sendPublishedFile(request, reply, ctx, {
      owner: { table: PHOTOS_TABLE, id: photo },
      fileId: file.id,
      rendition: 'w1200',
      maxAgeSeconds: 0,
    });
  });

  app.get('/galerie/:slug/foto/:photo/:size', async (request, reply) => {
    const { slug, photo, size } = request.params as { slug: string; photo: string; size: string };
    if (!isUuid(photo) || (size !== 'w400' && size !== 'w1200')) throw new HttpError(404);
    const event = await eventBySlug(db, slug);
    const row = await photoById(db, photo);
    // Only with the holder's choice, checked on every request (C57).
    if (!event || !row || row.event_id !== event.id || !row.in_gallery) throw new HttpError(404);
    const file = await firstFile(photo);
    if (!file) throw new HttpError(404);
    return sendPublishedFile(request, reply, ctx, {
      owner: { table: PHOTOS_TABLE, id: photo },
      fileId: file.id,
      rendition: size,
      maxAgeSeconds: 60,
    });
  });

  app.get('/gewinnspiel/:slug/gewinnerfoto/:photo', async (request, reply) => {
    const { slug, photo } = request.params as { slug: string; photo: string };
    if (!isUuid(photo)) throw new HttpError(404);
    const d = await publicDraw(db, slug);
    if (!d) throw new HttpError(404);
    const winner = (await winnersOf(db, d.draw.id)).find((w) => w.photo_id === photo);
    // Only with the winner's separate consent (C60), whatever the gallery choice.
    if (!winner?.publish_consent_at) throw new HttpError(404);
    const file = await firstFile(photo);
    if (!file) throw new HttpError(404);
    return sendPublishedFile(request, reply, ctx, {
      owner: { table: PHOTOS_TABLE, id: photo },
      fileId: file.id,
      rendition: 'w400',
      maxAgeSeconds: 60,
    });
  });

  app.get('/gewinnspiel/:slug/auslosung.json', async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const d = await publicDraw(db, slug);
    if (!d?.draw.frozen_at) throw new HttpError(404);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="auslosung-${slug}.json"`)
      .send(`${JSON.stringify(publishedJson(d), null, 2)}\n`);
  });

  app.get('/gewinnspiel/:slug/protokoll.pdf', async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const d = await publicDraw(db, slug);
    if (!d?.draw.frozen_at) throw new HttpError(404);
    const pdf = await renderProtocol({
      organisation: ctx.config.organisation.name,
      event: d.event.title,
      draw: d.draw.title,
      termsVersion: d.terms[0]?.version ?? 1,
      entriesCloseAt: d.draw.entries_close_at,
      randomSource: d.draw.random_source,
      randomSourceAt: d.draw.random_source_at,
      frozenAt: d.draw.frozen_at,
      entryCount: d.draw.entry_count,
      commitment: d.draw.commitment,
      seed: d.draw.seed,
      drawnAt: d.draw.drawn_at,
      settledAt: d.draw.settled_at,
      list: d.list.map((l) => ({ hash: l.entry_hash, rank: l.winner_rank })),
    });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="protokoll-${slug}.pdf"`)
      .send(Buffer.from(pdf));
  });
}
