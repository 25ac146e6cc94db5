import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUuid } from '../../core/auth/index.ts';
import { formValues, HttpError, isSpam, validateForm } from '../../core/http/index.ts';
import { LOCALES, type Locale } from '../../core/i18n/index.ts';
import type { AppContext } from '../../core/module.ts';
import { filesOf, sendPublishedFile } from '../../core/uploads/index.ts';
import { createViewContext, sendPage } from '../../core/views/index.ts';
import { mediaMessages } from './media.messages.ts';
import { PUBLIC_PATH, SIZES } from './media.paths.ts';
import { GalleryPage, PicturePage, TakedownFormPage, TakedownSentPage, takedownLabels } from './media.public.views.tsx';
import { getItem, type MediaDb, shownItem, shownItems } from './media.queries.ts';
import { itemIdIn, takedownSchema } from './media.schema.ts';
import type { MediaScope, MediaTables } from './media.tables.ts';
import { ITEM_TABLE, recordTakedown } from './media.takedown.ts';

const other = (l: Locale): Locale => (l === 'de' ? 'en' : 'de');

/**
 * The public side (C31, C32): the gallery and each picture's page show a picture only while
 * `shownIn` holds for their scope, decided on every request, images included; and the takedown
 * form, which works without JavaScript and cookies and withholds the named picture at once.
 */
export function registerMediaPublicRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db: MediaDb = ctx.db.withTables<MediaTables>();
  const rateLimit = { rateLimit: { max: ctx.config.FORM_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } };

  /** The bytes of a picture in one size, if it is shown in the scope now; caches must ask again every time. */
  const image = (scope: MediaScope) => async (request: FastifyRequest, reply: FastifyReply) => {
    const { id, size } = request.params as { id: string; size: string };
    if (!isUuid(id) || !(SIZES as readonly string[]).includes(size)) throw new HttpError(404);
    const item = await shownItem(db, id, scope, ctx.clock.now());
    const file = item ? (await filesOf(ctx, { table: ITEM_TABLE, id }))[0] : undefined;
    if (!file) throw new HttpError(404);
    // max-age 0: a takedown or an expiry is seen by the next request, cached or not.
    return sendPublishedFile(request, reply, ctx, { owner: { table: ITEM_TABLE, id }, fileId: file.id, rendition: size, maxAgeSeconds: 0 });
  };
  /** A video itself (its posters are its sizes), on the same terms as a picture's page. */
  const pageVideo = async (request: FastifyRequest, reply: FastifyReply) => {
    const { id } = request.params as { id: string };
    if (!isUuid(id)) throw new HttpError(404);
    const item = await shownItem(db, id, 'web', ctx.clock.now());
    const file = item ? (await filesOf(ctx, { table: ITEM_TABLE, id }))[0] : undefined;
    if (!file?.mediaType.startsWith('video/')) throw new HttpError(404);
    return sendPublishedFile(request, reply, ctx, {
      owner: { table: ITEM_TABLE, id },
      fileId: file.id,
      rendition: 'original',
      maxAgeSeconds: 0,
    });
  };
  const galleryImage = image('gallery');
  const pageImage = image('web');

  for (const locale of LOCALES) {
    const view = (paths: Record<Locale, string>, suffix = '') =>
      createViewContext(
        app.siteFrame,
        `${paths[locale]}${suffix}`,
        { [locale]: `${paths[locale]}${suffix}`, [other(locale)]: `${paths[other(locale)]}${suffix}` },
        locale,
      );

    app.get(PUBLIC_PATH.gallery[locale], async (_request, reply) =>
      sendPage(reply, <GalleryPage view={view(PUBLIC_PATH.gallery)} items={await shownItems(db, 'gallery', ctx.clock.now())} />),
    );
    app.get(`${PUBLIC_PATH.gallery[locale]}/bild/:id/:size`, galleryImage);

    app.get<{ Params: { id: string } }>(`${PUBLIC_PATH.page[locale]}/:id`, async (request, reply) => {
      const { id } = request.params;
      const item = isUuid(id) ? await shownItem(db, id, 'web', ctx.clock.now()) : undefined;
      if (!item) throw new HttpError(404);
      const file = (await filesOf(ctx, { table: ITEM_TABLE, id }))[0];
      const video = file?.mediaType.startsWith('video/') ?? false;
      return sendPage(reply, <PicturePage view={view(PUBLIC_PATH.page, `/${id}`)} item={item} video={video} />);
    });
    app.get(`${PUBLIC_PATH.page[locale]}/:id/bild/:size`, pageImage);
    app.get(`${PUBLIC_PATH.page[locale]}/:id/video`, pageVideo);

    /** The picture the link came from, named by its title if it is still online. */
    const named = async (id: unknown) => {
      if (!isUuid(id)) return undefined;
      const now = ctx.clock.now();
      const item = (await shownItem(db, id, 'web', now)) ?? (await shownItem(db, id, 'gallery', now));
      return item ? { id: item.id, title: item.title } : undefined;
    };

    app.get(PUBLIC_PATH.takedown[locale], async (request, reply) => {
      const item = await named(formValues(request.query).bild);
      // Named by its title: the page shows no internal id (the hidden field carries it).
      const values: Record<string, string> = item ? { picture: locale === 'de' ? `„${item.title}“` : `“${item.title}”` } : {};
      return sendPage(reply, <TakedownFormPage view={view(PUBLIC_PATH.takedown)} named={item} values={values} />);
    });

    app.post(PUBLIC_PATH.takedown[locale], { config: rateLimit }, async (request, reply) => {
      const form = validateForm(takedownSchema, request.body, { locale, labels: takedownLabels(locale), messages: mediaMessages });
      if (!form.ok) {
        const item = await named(form.values.item);
        return sendPage(
          reply,
          <TakedownFormPage view={view(PUBLIC_PATH.takedown)} named={item} values={form.values} errors={form.errors} />,
          400,
        );
      }
      if (isSpam(request.body)) return sendPage(reply, <TakedownSentPage view={view(PUBLIC_PATH.takedown)} reference="–" />);
      const d = form.data;
      // The picture as linked from its page, else as named by its address in the text.
      const candidate = isUuid(d.item) ? d.item : itemIdIn(d.picture);
      const item = candidate ? await getItem(db, candidate) : undefined;
      const reference = await recordTakedown(
        db,
        { itemId: item?.id ?? null, picture: d.picture, wish: d.wish, details: d.details, name: d.name, email: d.email, locale },
        ctx.clock.now(),
      );
      return sendPage(reply, <TakedownSentPage view={view(PUBLIC_PATH.takedown)} reference={reference} />);
    });
  }
}
