import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isSpam } from '../../core/http/index.ts';
import { LOCALES, type Locale, translator } from '../../core/i18n/index.ts';
import { enqueueMail } from '../../core/mail/index.ts';
import type { AppContext } from '../../core/module.ts';
import { deleteFilesOf, saveWithFiles, validateUploadForm } from '../../core/uploads/index.ts';
import { createViewContext, sendPage } from '../../core/views/index.ts';
import { atomFeed } from './careers.feed.ts';
import { ACTIVITY, applyPath, attachments, PUBLIC_PATH, postingPath, statusPath, TABLE } from './careers.forms.ts';
import { careersMessages } from './careers.messages.ts';
import {
  applicationByToken,
  type CareersDb,
  confirmEmail,
  insertApplication,
  isOpen,
  openPostings,
  postingBySlug,
} from './careers.queries.ts';
import { answersOf, applicationLabels, applicationSchema } from './careers.schema.ts';
import type { CareersTables } from './careers.tables.ts';
import { ApplyPage, jobPostingJsonLd, ListPage, MessagePage, PostingPage, StatusPage } from './careers.views.tsx';

const other = (l: Locale): Locale => (l === 'de' ? 'en' : 'de');
const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

/**
 * The public side: postings (with JSON-LD and an Atom feed), one application form per category
 * with attachments, and the applicant's status page behind the mailed link. No cookie, no
 * JavaScript; in production the platform refuses form data over plain HTTP (C28).
 */
export function registerCareersRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db: CareersDb = ctx.db.withTables<CareersTables>();
  const org = ctx.config.organisation;
  const categories = org.careers.categories;
  const rateLimit = { rateLimit: { max: ctx.config.FORM_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } };
  const departmentName = (id: string, l: Locale) => org.departments.find((d) => d.id === id)?.name[l] ?? id;

  for (const locale of LOCALES) {
    const t = translator(careersMessages, locale);
    const view = (path: string, alternate: string) =>
      createViewContext(app.siteFrame, path, { [locale]: path, [other(locale)]: alternate }, locale);
    const notFound = (reply: FastifyReply, status = 404) =>
      sendPage(
        reply,
        <MessagePage view={view(PUBLIC_PATH.list[locale], PUBLIC_PATH.list[other(locale)])} title={t('posting.closed')} lines={[]} />,
        status,
      );

    const loadPosting = async (request: FastifyRequest) => {
      const { slug } = request.params as { slug: string };
      const posting = SLUG.test(slug) ? await postingBySlug(db, slug) : undefined;
      const category = posting && categories.find((c) => c.id === posting.category);
      return posting && category ? { posting, category } : null;
    };

    app.get(PUBLIC_PATH.list[locale], async (_request, reply) => {
      const postings = await openPostings(db, ctx.clock.now());
      return sendPage(
        reply,
        <ListPage
          view={view(PUBLIC_PATH.list[locale], PUBLIC_PATH.list[other(locale)])}
          postings={postings}
          categories={categories}
          departmentName={(id) => departmentName(id, locale)}
        />,
      );
    });

    app.get(PUBLIC_PATH.feed[locale], async (_request, reply) => {
      const postings = await openPostings(db, ctx.clock.now());
      return reply
        .type('application/atom+xml; charset=utf-8')
        .send(atomFeed(ctx.config, locale, postings, t('feed.title', { org: org.shortName }), ctx.clock.now()));
    });

    app.get(`${PUBLIC_PATH.posting[locale]}/:slug`, async (request, reply) => {
      const found = await loadPosting(request);
      if (!found) return notFound(reply);
      const { posting, category } = found;
      return sendPage(
        reply,
        <PostingPage
          view={view(postingPath(posting.slug, locale), postingPath(posting.slug, other(locale)))}
          posting={posting}
          category={category}
          departmentName={departmentName(posting.department, locale)}
          open={isOpen(posting, ctx.clock.now())}
          jsonLd={jobPostingJsonLd(posting, category, ctx.config, locale)}
        />,
      );
    });

    const applyRoute = `${PUBLIC_PATH.posting[locale]}/:slug/${locale === 'de' ? 'bewerben' : 'apply'}`;
    app.get(applyRoute, async (request, reply) => {
      const found = await loadPosting(request);
      if (!found || !isOpen(found.posting, ctx.clock.now())) return notFound(reply);
      const { posting, category } = found;
      return sendPage(
        reply,
        <ApplyPage
          view={view(applyPath(posting.slug, locale), applyPath(posting.slug, other(locale)))}
          config={ctx.config}
          posting={posting}
          category={category}
          labels={applicationLabels(category, locale)}
        />,
      );
    });

    app.post(applyRoute, { config: { upload: attachments, ...rateLimit } }, async (request, reply) => {
      const found = await loadPosting(request);
      if (!found || !isOpen(found.posting, ctx.clock.now())) return notFound(reply);
      const { posting, category } = found;
      const labels = applicationLabels(category, locale);
      const form = await validateUploadForm(request, ctx, applicationSchema(category), { locale, labels, messages: careersMessages });
      const page = view(applyPath(posting.slug, locale), applyPath(posting.slug, other(locale)));
      if (!form.ok)
        return sendPage(
          reply,
          <ApplyPage
            view={page}
            config={ctx.config}
            posting={posting}
            category={category}
            labels={labels}
            values={form.values}
            errors={form.errors}
          />,
          form.status,
        );
      if (isSpam(request.body))
        return sendPage(reply, <MessagePage view={page} title={t('sent.title')} lines={[t('sent.text', { reference: '–' })]} />);
      const d = form.data as { name: string; email: string; phone: string | null; message: string | null } & Record<string, unknown>;
      const created = await saveWithFiles(ctx, form.files, async (trx, attach) => {
        const now = ctx.clock.now();
        const row = await insertApplication(
          trx,
          {
            postingId: posting.id,
            category: category.id,
            name: d.name,
            email: d.email,
            phone: d.phone,
            answers: answersOf(category, d),
            message: d.message,
            locale,
          },
          now,
        );
        await attach({ table: TABLE, id: row.id });
        const link = `${ctx.config.PUBLIC_URL}${statusPath(row.token, locale)}`;
        // The address is not confirmed yet: the mail quotes nothing typed, only our reference and the link.
        await enqueueMail(trx, ctx, {
          to: d.email,
          subject: t('mail.subject', { reference: row.reference }),
          text: t('mail.body', { reference: row.reference, org: org.shortName, link }),
          activity: ACTIVITY,
          reference: row.reference,
          secrets: [row.token],
        });
        return row;
      });
      return sendPage(
        reply,
        <MessagePage view={page} title={t('sent.title')} lines={[t('sent.text', { reference: created.reference })]} />,
      );
    });

    const statusRoute = `${PUBLIC_PATH.status[locale]}/:token`;
    const loadByToken = async (request: FastifyRequest) => applicationByToken(db, (request.params as { token: string }).token);
    const statusView = (request: FastifyRequest) => {
      const { token } = request.params as { token: string };
      return view(statusPath(token, locale), statusPath(token, other(locale)));
    };
    const gone = (request: FastifyRequest, reply: FastifyReply) =>
      sendPage(reply, <MessagePage view={statusView(request)} title={t('status.withdrawTitle')} lines={[t('status.gone')]} />, 404);

    app.get(statusRoute, async (request, reply) => {
      const a = await loadByToken(request);
      if (!a) return gone(request, reply);
      // Only the mailbox that got the link has it: opening it proves the address (subjects.find).
      await confirmEmail(db, a.id, ctx.clock.now());
      reply.header('referrer-policy', 'no-referrer');
      return sendPage(
        reply,
        <StatusPage view={statusView(request)} action={statusPath((request.params as { token: string }).token, locale)} application={a} />,
      );
    });

    app.post(statusRoute, { config: rateLimit }, async (request, reply) => {
      const a = await loadByToken(request);
      if (!a) return gone(request, reply);
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (body.confirm !== 'yes') {
        const errors = { confirm: t('status.confirmMissing') };
        return sendPage(
          reply,
          <StatusPage
            view={statusView(request)}
            action={statusPath((request.params as { token: string }).token, locale)}
            application={a}
            errors={errors}
          />,
          400,
        );
      }
      // Withdrawn: the application, its notes (cascade) and its files go at once.
      const deleted = await db
        .deleteFrom('careers_applications')
        .where('id', '=', a.id)
        .where('anonymised_at', 'is', null)
        .executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) return gone(request, reply);
      await deleteFilesOf(ctx, { table: TABLE, id: a.id });
      return sendPage(
        reply,
        <MessagePage view={statusView(request)} title={t('withdrawn.title')} lines={[t('withdrawn.text', { reference: a.reference })]} />,
      );
    });
  }
}
