import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { isUuid, secretKey } from '../../core/auth/index.ts';
import { HttpError, isSpam, validateForm } from '../../core/http/index.ts';
import { interpolate, LOCALES, type Locale, type Messages, translator } from '../../core/i18n/index.ts';
import { enqueueMail } from '../../core/mail/index.ts';
import type { AppContext } from '../../core/module.ts';
import { filesOf, saveWithFiles, sendPublishedFile, validateUploadForm } from '../../core/uploads/index.ts';
import { createViewContext, sendPage } from '../../core/views/index.ts';
import { registerBallotRoutes } from './sponsoring.ballot.routes.tsx';
import { currentCycle, cycleName, phaseOf } from './sponsoring.cycles.ts';
import { applicationFiles } from './sponsoring.files.ts';
import { formatEuro, lastDay } from './sponsoring.format.ts';
import { sponsoringMessages } from './sponsoring.messages.ts';
import { both, paths } from './sponsoring.paths.ts';
import { APPLICATIONS_ACTIVITY, VOTERS_ACTIVITY } from './sponsoring.privacy.ts';
import { insertProject, publishedProject, publishedProjects } from './sponsoring.projects.ts';
import { applySchema, registerSchema } from './sponsoring.schema.ts';
import type { SponsoringTables } from './sponsoring.tables.ts';
import { closeCycle, publishedResult } from './sponsoring.tally.ts';
import { AUDIENCES, currentTerms, loadTerms } from './sponsoring.terms.ts';
import {
  ApplyPage,
  applyLabels,
  ClosedPage,
  MessagePage,
  OverviewPage,
  ProjectPage,
  ProjectsPage,
  RegisterPage,
  ResultPage,
  registerLabels,
  TermsPage,
} from './sponsoring.views.tsx';
import { registerVoter } from './sponsoring.voting.ts';

/** Phases in which the admitted projects are public: from the review (as each is admitted) on. */
const PROJECTS_PUBLIC = new Set(['review', 'voting', 'result', 'sponsoring', 'completed']);
const RESULT_PUBLIC = new Set(['result', 'sponsoring', 'completed']);

/**
 * The public side of the vote. Which pages act depends on the phase of the current cycle (C40):
 * outside its phase a page explains when it opens, with a 200 for a look and a 409 for a post,
 * and nothing is stored. Every page links the terms of participation (C50).
 */
export function registerSponsoringRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<SponsoringTables>() as Kysely<SponsoringTables>;
  const config = ctx.config;
  const terms = loadTerms();
  const secret = secretKey(config);
  const rateLimit = { rateLimit: { max: config.FORM_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } };
  const state = async () => {
    const now = ctx.clock.now();
    const cycle = await currentCycle(db, config, now);
    return { now, cycle, phase: cycle ? phaseOf(cycle, now) : undefined };
  };

  for (const locale of LOCALES) {
    const t = translator(sponsoringMessages, locale);
    const view = (f: (l: Locale) => string) => createViewContext(app.siteFrame, f(locale), both(f), locale);
    const messages: Messages = {
      ...sponsoringMessages,
      'error.budget': {
        de: interpolate(sponsoringMessages['error.budget'].de, {
          min: formatEuro(config.SPONSORING_MIN_REQUEST_CENTS, 'de'),
          max: formatEuro(config.SPONSORING_MAX_REQUEST_CENTS, 'de'),
        }),
        en: interpolate(sponsoringMessages['error.budget'].en, {
          min: formatEuro(config.SPONSORING_MIN_REQUEST_CENTS, 'en'),
          max: formatEuro(config.SPONSORING_MAX_REQUEST_CENTS, 'en'),
        }),
      },
    };
    const schema = applySchema(config);

    app.get(paths.home(locale), async (_request, reply) => {
      const s = await state();
      return sendPage(reply, <OverviewPage view={view(paths.home)} cycle={s.cycle} phase={s.phase} config={config} />);
    });

    // Applications (C45, C46)
    const applyPage = (values?: Record<string, string | string[]>, errors?: Record<string, string>) => (
      <ApplyPage view={view(paths.apply)} config={config} policy={applicationFiles} values={values} errors={errors} />
    );
    app.get(paths.apply(locale), async (_request, reply) => {
      const s = await state();
      if (s.phase !== 'application')
        return sendPage(reply, <ClosedPage view={view(paths.apply)} cycle={s.cycle} phase="application" what="apply" now={s.now} />);
      return sendPage(reply, applyPage());
    });
    app.post(paths.apply(locale), { config: { upload: applicationFiles, ...rateLimit } }, async (request, reply) => {
      const s = await state();
      if (s.phase !== 'application' || !s.cycle)
        return sendPage(reply, <ClosedPage view={view(paths.apply)} cycle={s.cycle} phase="application" what="apply" now={s.now} />, 409);
      const cycle = s.cycle;
      const form = await validateUploadForm(request, ctx, schema, { locale, labels: applyLabels(view(paths.apply)), messages });
      if (!form.ok) return sendPage(reply, applyPage(form.values, form.errors), form.status);
      const sent = (
        <MessagePage
          view={view(paths.apply)}
          title={t('apply.sent.title')}
          lines={[t('apply.sent.text', { until: lastDay(cycle.voting_from, locale) })]}
        />
      );
      if (isSpam(request.body)) return sendPage(reply, sent);
      const d = form.data;
      await saveWithFiles(ctx, form.files, async (trx, attach) => {
        const id = await insertProject(
          trx.withTables<SponsoringTables>(),
          cycle,
          {
            title: d.title,
            description: d.description.replace(/\r\n/g, '\n'),
            budgetCents: d.budget,
            sponsorName: d.sponsorName,
            sponsorStreet: d.sponsorStreet,
            sponsorPostcode: d.sponsorPostcode,
            sponsorCity: d.sponsorCity,
            contactName: d.contactName,
            contactEmail: d.contactEmail,
            contactPhone: d.contactPhone,
            locale,
          },
          s.now,
        );
        await attach({ table: 'sponsoring_projects', id });
        // Quotes nothing typed: nobody has confirmed this address yet.
        await enqueueMail(trx, ctx, {
          to: d.contactEmail,
          subject: t('mail.applied.subject'),
          text: t('mail.applied.body', { org: config.organisation.shortName }),
          activity: APPLICATIONS_ACTIVITY,
        });
      });
      return sendPage(reply, sent);
    });

    // Published projects (C46): public columns of approved projects only.
    app.get(paths.projects(locale), async (_request, reply) => {
      const s = await state();
      if (!s.cycle || !s.phase || !PROJECTS_PUBLIC.has(s.phase))
        return sendPage(reply, <ClosedPage view={view(paths.projects)} cycle={s.cycle} phase="review" what="projects" now={s.now} />);
      const list = (await publishedProjects(db, s.cycle.id)).filter((p) => p.title);
      return sendPage(reply, <ProjectsPage view={view(paths.projects)} projects={list} />);
    });
    app.get(paths.projectsJson(locale), async (_request, reply) => {
      const s = await state();
      const list =
        s.cycle && s.phase && PROJECTS_PUBLIC.has(s.phase) ? (await publishedProjects(db, s.cycle.id)).filter((p) => p.title) : [];
      return reply.send({
        cycle: s.cycle ? cycleName(s.cycle.id)[locale] : null,
        projects: list.map((p) => ({
          number: p.number,
          title: p.title,
          description: p.description,
          budgetCents: p.budgetCents,
          sponsor: p.sponsorName,
          url: paths.project(locale, p.id),
        })),
      });
    });
    const published = async (id: string) => {
      const s = await state();
      if (!s.cycle || !s.phase || !PROJECTS_PUBLIC.has(s.phase) || !isUuid(id)) return undefined;
      return publishedProject(db, s.cycle.id, id);
    };
    app.get(`${paths.projects(locale)}/:id`, async (request, reply) => {
      const { id } = request.params as { id: string };
      const project = await published(id);
      if (!project) throw new HttpError(404);
      const files = await filesOf(ctx, { table: 'sponsoring_projects', id });
      return sendPage(
        reply,
        <ProjectPage
          view={createViewContext(
            app.siteFrame,
            paths.project(locale, id),
            { de: paths.project('de', id), en: paths.project('en', id) },
            locale,
          )}
          project={project}
          images={files
            .filter((f) => f.field === 'images')
            .map((f) => ({ id: f.id, rendition: f.renditions.some((r) => r.name === 'w640') ? 'w640' : 'original' }))}
          attachments={files.filter((f) => f.field === 'attachments').map((f) => ({ id: f.id }))}
        />,
      );
    });
    app.get(`${paths.projects(locale)}/:id/${locale === 'de' ? 'dateien' : 'files'}/:fileId/:rendition`, async (request, reply) => {
      const { id, fileId, rendition } = request.params as { id: string; fileId: string; rendition: string };
      const project = await published(id);
      if (!project || !isUuid(fileId) || !/^(original|w640)$/.test(rendition)) throw new HttpError(404);
      return sendPublishedFile(request, reply, ctx, { owner: { table: 'sponsoring_projects', id }, fileId, rendition });
    });

    // Registration (C41)
    app.get(paths.register(locale), async (_request, reply) => {
      const s = await state();
      if (s.phase !== 'voting')
        return sendPage(reply, <ClosedPage view={view(paths.register)} cycle={s.cycle} phase="voting" what="vote" now={s.now} />);
      return sendPage(reply, <RegisterPage view={view(paths.register)} />);
    });
    app.post(paths.register(locale), { config: rateLimit }, async (request, reply) => {
      const s = await state();
      if (s.phase !== 'voting' || !s.cycle)
        return sendPage(reply, <ClosedPage view={view(paths.register)} cycle={s.cycle} phase="voting" what="vote" now={s.now} />, 409);
      const cycle = s.cycle;
      const form = validateForm(registerSchema, request.body, {
        locale,
        labels: registerLabels(view(paths.register)),
        messages: sponsoringMessages,
      });
      if (!form.ok) return sendPage(reply, <RegisterPage view={view(paths.register)} values={form.values} errors={form.errors} />, 400);
      const sent = <MessagePage view={view(paths.register)} title={t('register.sent.title')} lines={[t('register.sent.text')]} />;
      if (isSpam(request.body)) return sendPage(reply, sent);
      const d = form.data;
      await db.transaction().execute(async (trx) => {
        const token = await registerVoter(trx, cycle, { ...d, locale }, s.now);
        if (!token) return;
        const link = `${config.PUBLIC_URL}${paths.confirm(locale, token)}`;
        await enqueueMail(trx, ctx, {
          to: d.email,
          subject: t('mail.confirm.subject'),
          text: t('mail.confirm.body', { link, org: config.organisation.shortName }),
          activity: VOTERS_ACTIVITY,
          secrets: [link],
        });
      });
      return sendPage(reply, sent);
    });

    registerBallotRoutes(app, ctx, { locale, db, secret, state, view });

    // Result and the list to recount
    const result = async () => {
      const s = await state();
      if (!s.cycle || !s.phase || !RESULT_PUBLIC.has(s.phase)) return { s, published: undefined };
      if (!s.cycle.closed_at) await closeCycle(db, s.cycle, s.now);
      return { s, published: await publishedResult(db, s.cycle) };
    };
    app.get(paths.result(locale), async (_request, reply) => {
      const { s, published } = await result();
      if (!published || !s.cycle)
        return sendPage(reply, <ClosedPage view={view(paths.result)} cycle={s.cycle} phase="result" what="result" now={s.now} />);
      return sendPage(reply, <ResultPage view={view(paths.result)} result={published.result} cycleId={s.cycle.id} locale={locale} />);
    });
    app.get(paths.resultJson(locale), async (_request, reply) => {
      const { published } = await result();
      if (!published) return reply.code(409).send({ error: t('closed.result', { when: '' }).trim() });
      return reply.send(published.result);
    });

    // Terms of participation, every version (C50)
    for (const audience of AUDIENCES) {
      const f = (l: Locale) => paths.terms(l, audience);
      app.get(paths.terms(locale, audience), async (_request, reply) => {
        const current = currentTerms(terms, audience, ctx.clock.now());
        return sendPage(reply, <TermsPage view={view(f)} current={current} shown={current} all={terms} />);
      });
      app.get(`${paths.terms(locale, audience)}/:version`, async (request, reply) => {
        const { version } = request.params as { version: string };
        const shown = terms.find((v) => v.audience === audience && String(v.version) === version);
        if (!shown) throw new HttpError(404);
        const current = currentTerms(terms, audience, ctx.clock.now());
        return sendPage(
          reply,
          <TermsPage view={view((l) => paths.terms(l, audience, shown.version))} current={current} shown={shown} all={terms} />,
        );
      });
    }
  }
}
