import { diffArrays } from 'diff';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../../core/http/index.ts';
import type { Locale } from '../../core/i18n/index.ts';
import type { AppContext } from '../../core/module.ts';
import {
  ensureStatementVersion,
  findVersion,
  latestVersion,
  listVersions,
  type PrivacyTables,
  type StatementVersion,
  statementPaths,
} from '../../core/privacy/index.ts';
import { createViewContext, sendPage } from '../../core/views/index.ts';
import { statementLines } from './gdpr.statement.text.ts';
import { GlossaryPage, StatementPage, VersionsPage } from './gdpr.statement.views.tsx';

const LOCALES: Locale[] = ['de', 'en'];
const other = (l: Locale): Locale => (l === 'de' ? 'en' : 'de');

export function registerStatementRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<PrivacyTables>();
  // The version is recorded on migrate; a database migrated elsewhere (tests) records it here
  // once. After that the newest recorded version is read each time: another instance may have
  // recorded a newer one.
  let ensured: Promise<unknown> | null = null;
  const latest = async (): Promise<StatementVersion> => {
    ensured ??= ensureStatementVersion(db, ctx.config, ctx.modules, ctx.clock.now()).catch((err) => {
      ensured = null;
      throw err;
    });
    await ensured;
    return (await latestVersion(db)) as StatementVersion;
  };
  const view = (path: string, locale: Locale, alternate: string) =>
    createViewContext(app.siteFrame, path, { [locale]: path, [other(locale)]: alternate }, locale);

  const versionNumber = (raw: unknown): number => {
    const n = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isInteger(n) || n < 1) throw new HttpError(404);
    return n;
  };

  for (const locale of LOCALES) {
    const paths = statementPaths[locale];
    const alt = statementPaths[other(locale)];

    app.get(paths.statement, async (_request, reply) => {
      const v = await latest();
      return sendPage(
        reply,
        <StatementPage
          view={view(paths.statement, locale, alt.statement)}
          model={v.content[locale]}
          number={v.number}
          validSince={v.validSince}
          current={v.number}
        />,
      );
    });

    app.get(paths.glossary, async (_request, reply) => sendPage(reply, <GlossaryPage view={view(paths.glossary, locale, alt.glossary)} />));

    app.get(paths.versions, async (_request, reply) => {
      await latest();
      return sendPage(reply, <VersionsPage view={view(paths.versions, locale, alt.versions)} versions={await listVersions(db)} />);
    });

    app.get(`${paths.versions}/:number`, async (request: FastifyRequest, reply: FastifyReply) => {
      const cur = await latest();
      const number = versionNumber((request.params as { number: string }).number);
      const v = await findVersion(db, number);
      if (!v) throw new HttpError(404);
      const path = `${paths.versions}/${number}`;
      return sendPage(
        reply,
        <StatementPage
          view={view(path, locale, `${alt.versions}/${number}`)}
          model={v.content[locale]}
          number={v.number}
          validSince={v.validSince}
          current={cur.number}
        />,
      );
    });

    app.get(paths.compare, async (request, reply) => {
      await latest();
      const q = request.query as Record<string, unknown>;
      const [fromKey, toKey] = locale === 'de' ? ['von', 'bis'] : ['from', 'to'];
      const from = versionNumber(q[fromKey]);
      const to = versionNumber(q[toKey]);
      const [a, b] = await Promise.all([findVersion(db, from), findVersion(db, to)]);
      if (!a || !b) throw new HttpError(404);
      const parts = diffArrays(statementLines(a.content[locale]), statementLines(b.content[locale])).map((c) => ({
        kind: (c.added ? 'added' : c.removed ? 'removed' : 'same') as 'added' | 'removed' | 'same',
        lines: c.value,
      }));
      const versions = await listVersions(db);
      return sendPage(
        reply,
        <VersionsPage view={view(paths.compare, locale, alt.compare)} versions={versions} diff={{ from, to, parts }} />,
      );
    });
  }
}
