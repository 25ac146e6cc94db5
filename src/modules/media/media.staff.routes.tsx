import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isUuid } from '../../core/auth/index.ts';
import { formValues, HttpError, validateForm } from '../../core/http/index.ts';
import { berlinDayEnd, berlinDayStart, translator } from '../../core/i18n/index.ts';
import type { AppContext } from '../../core/module.ts';
import { FileChangedError, filesOf, saveWithFiles, sendStaffFile, validateUploadForm } from '../../core/uploads/index.ts';
import { type StaffFrame, sendPage, staffFrame, viewContextFor } from '../../core/views/index.ts';
import { isPictureGone } from './media.gone.ts';
import { mediaMessages } from './media.messages.ts';
import { ACTIVITY, SIZES, STAFF_PATH } from './media.paths.ts';
import { consentPolicy, photoPolicy } from './media.policy.ts';
import {
  consentsOf,
  getItem,
  insertConsent,
  insertItem,
  listItems,
  type MediaDb,
  scopesShown,
  setPublished,
  shownItems,
} from './media.queries.ts';
import { consentSchema, itemIdIn, regionsOf, uploadSchema } from './media.schema.ts';
import {
  consentLabels,
  type Failed,
  ItemPage,
  LibraryPage,
  obscureLabels,
  type TakedownDetail,
  TakedownListPage,
  TakedownPage,
  UploadPage,
  uploadLabels,
} from './media.staff.views.tsx';
import type { MediaTables } from './media.tables.ts';
import { CONSENT_TABLE, closeWithoutChange, ITEM_TABLE, listTakedowns, obscureItem, removeItem } from './media.takedown.ts';

const staffOf = (request: FastifyRequest) => request.staff as NonNullable<FastifyRequest['staff']>;
const read = (activity: string) => ({ config: { staff: { activity, action: 'read' as const } } });
const change = (activity: string) => ({ config: { staff: { activity, action: 'change' as const } } });
const effectSchema = z.object({ effect: z.enum(['pixelate', 'blur']) });

/**
 * The back office of the media library: upload (editors and corporate communications), consent
 * records, release, and the takedown actions on a depicted person's request (C31, C32).
 */
export function registerMediaStaffRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db: MediaDb = ctx.db.withTables<MediaTables>();
  const page = (request: FastifyRequest) => ({ view: viewContextFor(request), frame: staffFrame(ctx, request) as StaffFrame });
  const L = (request: FastifyRequest) => viewContextFor(request).locale;
  const base = STAFF_PATH.library;

  const loadItem = async (request: FastifyRequest) => {
    const { id } = request.params as { id: string };
    const item = isUuid(id) ? await getItem(db, id) : undefined;
    if (!item) throw new HttpError(404);
    return item;
  };

  const detail = async (request: FastifyRequest, reply: FastifyReply, id: string, failed?: Failed) => {
    const item = await getItem(db, id);
    if (!item) throw new HttpError(404);
    const now = ctx.clock.now();
    const consents = await consentsOf(db, id);
    const withProof = await Promise.all(
      consents.map(async (c) => ({ ...c, proof: (await filesOf(ctx, { table: CONSENT_TABLE, id: c.id }))[0]?.id ?? null })),
    );
    const q = formValues(request.query);
    request.auditRecords = [id, ...consents.map((c) => c.id)];
    return sendPage(
      reply,
      <ItemPage
        {...page(request)}
        config={ctx.config}
        item={item}
        file={(await filesOf(ctx, { table: ITEM_TABLE, id }))[0]}
        consents={withProof}
        shown={await scopesShown(db, id, now)}
        now={now}
        takedown={isUuid(q.antrag) ? q.antrag : undefined}
        failed={failed}
      />,
      failed ? 400 : 200,
    );
  };

  app.get(base, read(ACTIVITY.library), async (request, reply) => {
    const items = await listItems(db);
    const online = new Set((await shownItems(db, 'web', ctx.clock.now())).map((i) => i.id));
    request.auditRecords = items.map((i) => i.id);
    return sendPage(reply, <LibraryPage {...page(request)} items={items} online={online} />);
  });

  app.get(`${base}/neu`, { config: { staff: { roles: ['editor', 'communications'], personalData: false } } }, async (request, reply) =>
    sendPage(reply, <UploadPage {...page(request)} config={ctx.config} />),
  );

  app.post(
    `${base}/neu`,
    { config: { upload: photoPolicy, staff: { activity: ACTIVITY.library, action: 'change' } } },
    async (request, reply) => {
      const form = await validateUploadForm(request, ctx, uploadSchema, {
        locale: L(request),
        labels: uploadLabels(L(request)),
        messages: mediaMessages,
      });
      if (!form.ok)
        return sendPage(
          reply,
          <UploadPage {...page(request)} config={ctx.config} errors={form.errors} values={form.values} />,
          form.status,
        );
      const id = await saveWithFiles(ctx, form.files, async (trx, attach) => {
        const itemId = await insertItem(trx.withTables<MediaTables>(), { ...form.data, uploadedBy: staffOf(request).id }, ctx.clock.now());
        await attach({ table: ITEM_TABLE, id: itemId });
        return itemId;
      });
      request.auditRecords = [id];
      return reply.redirect(`${base}/${id}`, 303);
    },
  );

  app.get(`${base}/:id`, read(ACTIVITY.library), async (request, reply) => detail(request, reply, (await loadItem(request)).id));

  app.get<{ Params: { id: string; size: string } }>(`${base}/:id/datei/:size`, read(ACTIVITY.library), async (request, reply) => {
    const item = await loadItem(request);
    const size = request.params.size;
    if (size !== 'original' && !(SIZES as readonly string[]).includes(size)) throw new HttpError(404);
    const file = (await filesOf(ctx, { table: ITEM_TABLE, id: item.id }))[0];
    if (!file) throw new HttpError(404);
    return sendStaffFile(request, reply, ctx, { owner: { table: ITEM_TABLE, id: item.id }, fileId: file.id, rendition: size });
  });

  app.post(`${base}/:id/freigabe`, change(ACTIVITY.library), async (request, reply) => {
    const item = await loadItem(request);
    await setPublished(db, item.id, formValues(request.body).publish === 'yes', ctx.clock.now());
    return reply.redirect(`${base}/${item.id}`, 303);
  });

  app.post(
    `${base}/:id/einwilligung`,
    { config: { upload: consentPolicy, staff: { activity: ACTIVITY.consents, action: 'change' } } },
    async (request, reply) => {
      const item = await loadItem(request);
      if (item.basis !== 'consent') return reply.redirect(`${base}/${item.id}`, 303);
      const locale = L(request);
      const form = await validateUploadForm(request, ctx, consentSchema, {
        locale,
        labels: consentLabels(locale),
        messages: mediaMessages,
      });
      const missingProof = form.ok && form.data.method === 'signed-form' && form.files.length === 0;
      if (!form.ok || missingProof) {
        const errors = form.ok ? { proof: translator(mediaMessages, locale)('proof.required') } : form.errors;
        return detail(request, reply, item.id, { form: 'consent', errors, values: form.values });
      }
      const d = form.data;
      let consentId: string;
      try {
        consentId = await saveWithFiles(ctx, d.method === 'signed-form' ? form.files : [], async (trx, attach) => {
          const id = await insertConsent(
            trx.withTables<MediaTables>(),
            item.id,
            {
              personName: d.personName,
              scopes: d.scopes,
              givenOn: berlinDayStart(d.givenOn),
              method: d.method,
              validUntil: d.validUntil ? berlinDayEnd(d.validUntil) : null,
              recordedBy: staffOf(request).id,
            },
            ctx.clock.now(),
          );
          await attach({ table: CONSENT_TABLE, id });
          return id;
        });
      } catch (err) {
        // Other staff removed the picture since it was looked up: nothing was stored (the form's
        // file went with the rolled-back transaction), and the picture is not there any more.
        if (isPictureGone(err)) throw new HttpError(404);
        throw err;
      }
      request.auditRecords = [item.id, consentId];
      return reply.redirect(`${base}/${item.id}`, 303);
    },
  );

  app.get<{ Params: { id: string; cid: string } }>(`${base}/:id/einwilligung/:cid`, read(ACTIVITY.consents), async (request, reply) => {
    const item = await loadItem(request);
    const consent = isUuid(request.params.cid) ? (await consentsOf(db, item.id)).find((c) => c.id === request.params.cid) : undefined;
    const file = consent ? (await filesOf(ctx, { table: CONSENT_TABLE, id: consent.id }))[0] : undefined;
    if (!consent || !file) throw new HttpError(404);
    return sendStaffFile(request, reply, ctx, { owner: { table: CONSENT_TABLE, id: consent.id }, fileId: file.id });
  });

  /** The takedown request staff act on, if the form names one that is open. */
  const takedownOf = async (request: FastifyRequest) => {
    const v = formValues(request.body).takedown;
    if (!isUuid(v)) return undefined;
    const row = await db.selectFrom('media_takedowns').select('id').where('id', '=', v).where('handled_at', 'is', null).executeTakeFirst();
    return row?.id;
  };

  app.post(`${base}/:id/entfernen`, { config: { staff: { activity: ACTIVITY.takedowns, action: 'delete' } } }, async (request, reply) => {
    const item = await loadItem(request);
    request.auditRecords = await removeItem(ctx, item.id, staffOf(request).id, await takedownOf(request));
    // A code, said in words on the DPO's access log (gdpr.audit-reasons.ts).
    request.auditReason = 'takedown-removal';
    return reply.redirect(`${STAFF_PATH.takedowns}?entfernt=1`, 303);
  });

  app.post(`${base}/:id/unkenntlich`, change(ACTIVITY.takedowns), async (request, reply) => {
    const item = await loadItem(request);
    const locale = L(request);
    const t = translator(mediaMessages, locale);
    const body = formValues(request.body);
    const effect = validateForm(effectSchema, body, { locale, labels: obscureLabels(locale) });
    const { regions, bad } = regionsOf(body);
    const errors: Record<string, string> = effect.ok ? {} : { ...effect.errors };
    for (const n of bad) errors[`r${n}x`] = t('region.invalid', { n });
    if (regions.length === 0 && bad.length === 0) errors.r1x = t('region.none');
    if (!effect.ok || Object.keys(errors).length) return detail(request, reply, item.id, { form: 'obscure', errors, values: body });
    try {
      request.auditRecords = await obscureItem(ctx, item.id, regions, effect.data.effect, staffOf(request).id, await takedownOf(request));
    } catch (err) {
      if (err instanceof FileChangedError)
        return detail(request, reply, item.id, { form: 'obscure', errors: { r1x: t('action.changed') }, values: body });
      throw err;
    }
    request.auditReason = `${effect.data.effect}: ${regions.map((r) => `${r.x},${r.y},${r.w},${r.h}`).join('; ')} (C32)`;
    return reply.redirect(`${base}/${item.id}`, 303);
  });

  const loadTakedown = async (request: FastifyRequest): Promise<TakedownDetail> => {
    const { id } = request.params as { id: string };
    const row = isUuid(id)
      ? await db
          .selectFrom('media_takedowns as t')
          .leftJoin('media_items as i', 'i.id', 't.item_id')
          .select([
            't.id',
            't.reference',
            't.wish',
            't.created_at',
            't.handled_at',
            't.outcome',
            't.item_id',
            't.picture',
            't.details',
            't.name',
            't.email',
            'i.title',
          ])
          .where('t.id', '=', id)
          .executeTakeFirst()
      : undefined;
    if (!row) throw new HttpError(404);
    return row;
  };

  app.get(STAFF_PATH.takedowns, read(ACTIVITY.takedowns), async (request, reply) => {
    const rows = await listTakedowns(db);
    request.auditRecords = rows.map((r) => r.id);
    const notice = formValues(request.query).entfernt === '1' ? translator(mediaMessages, L(request))('action.removed') : undefined;
    return sendPage(reply, <TakedownListPage {...page(request)} rows={rows} notice={notice} />);
  });

  app.get(`${STAFF_PATH.takedowns}/:id`, read(ACTIVITY.takedowns), async (request, reply) =>
    sendPage(reply, <TakedownPage {...page(request)} row={await loadTakedown(request)} />),
  );

  app.post(`${STAFF_PATH.takedowns}/:id/zuordnen`, change(ACTIVITY.takedowns), async (request, reply) => {
    const row = await loadTakedown(request);
    const values = formValues(request.body);
    const id = typeof values.address === 'string' ? itemIdIn(values.address) : null;
    const item = id ? await getItem(db, id) : undefined;
    if (!item) {
      request.auditRecords = [row.id];
      const t = translator(mediaMessages, L(request));
      return sendPage(reply, <TakedownPage {...page(request)} row={row} errors={{ address: t('picture.unknown') }} values={values} />, 400);
    }
    try {
      await db.updateTable('media_takedowns').set({ item_id: item.id }).where('id', '=', row.id).where('handled_at', 'is', null).execute();
    } catch (err) {
      // Other staff removed the picture since it was looked up: as if the address named none.
      if (!isPictureGone(err)) throw err;
      request.auditRecords = [row.id];
      const t = translator(mediaMessages, L(request));
      return sendPage(reply, <TakedownPage {...page(request)} row={row} errors={{ address: t('picture.unknown') }} values={values} />, 400);
    }
    return reply.redirect(`${STAFF_PATH.takedowns}/${row.id}`, 303);
  });

  app.post(`${STAFF_PATH.takedowns}/:id/abschliessen`, change(ACTIVITY.takedowns), async (request, reply) => {
    const row = await loadTakedown(request);
    await closeWithoutChange(ctx, row.id, staffOf(request).id);
    return reply.redirect(STAFF_PATH.takedowns, 303);
  });
}
