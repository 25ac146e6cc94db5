import { formatDateTime, type Locale, translator } from '../../core/i18n/index.ts';
import { type Block, glossary, privacyGlossary, type StatementModel, statementPaths } from '../../core/privacy/index.ts';
import { Layout, RichText as LinkedText, type ViewContext } from '../../core/views/index.ts';
import { statementMessages } from './gdpr.statement.messages.ts';

/** Text with [[label|/path]] links and glossary links. */
export function RichText({ text, locale, linked }: { text: string; locale: Locale; linked: Set<string> }) {
  return <LinkedText text={text} locale={locale} linked={linked} glossary={privacyGlossary} />;
}

function BlockView({ block, locale, linked }: { block: Block; locale: Locale; linked: Set<string> }) {
  if (block.kind === 'p') {
    return (
      <p>
        <RichText text={block.text} locale={locale} linked={linked} />
      </p>
    );
  }
  if (block.kind === 'list') {
    return (
      <ul>
        {block.items.map((item) => (
          <li key={item}>
            <RichText text={item} locale={locale} linked={linked} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <dl class="facts">
      {block.facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>
            <RichText text={value} locale={locale} linked={linked} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

interface StatementPageProps {
  view: ViewContext;
  model: StatementModel;
  number: number;
  validSince: Date;
  current: number;
}

export function StatementPage({ view, model, number, validSince, current }: StatementPageProps) {
  const t = translator(statementMessages, view.locale);
  const paths = statementPaths[view.locale];
  const date = formatDateTime(validSince, view.locale).split(',')[0] as string;
  return (
    <Layout view={view} title={model.title}>
      <h1>{model.title}</h1>
      {number !== current ? (
        <p class="notice" role="note">
          {t('version.notCurrent', { number: current })} <a href={paths.statement}>{t('version.toCurrent')}</a>
        </p>
      ) : null}
      <p>
        {t('version.line', { number, date })} <a href={paths.versions}>{t('version.earlier')}</a>
      </p>
      <nav aria-labelledby="toc-title" class="toc">
        <h2 id="toc-title">{t('toc')}</h2>
        <ol>
          {model.sections.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{s.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      <div class="prose statement">
        {model.sections.map((s) => {
          const linked = new Set<string>();
          return (
            <section key={s.id} aria-labelledby={s.id}>
              <h2 id={s.id}>{s.title}</h2>
              {s.blocks.map((b, i) => (
                <BlockView block={b} locale={view.locale} linked={linked} key={i} />
              ))}
            </section>
          );
        })}
      </div>
    </Layout>
  );
}

export function GlossaryPage({ view }: { view: ViewContext }) {
  const t = translator(statementMessages, view.locale);
  const terms = [...glossary].sort((a, b) => a.term[view.locale].localeCompare(b.term[view.locale], view.locale));
  return (
    <Layout view={view} title={t('glossary.title')}>
      <h1>{t('glossary.title')}</h1>
      <p>{t('glossary.intro')}</p>
      <dl class="glossary">
        {terms.map((term) => (
          <div key={term.id}>
            <dt id={term.id} tabIndex={-1}>
              {term.term[view.locale]}
            </dt>
            <dd>{term.definition[view.locale]}</dd>
          </div>
        ))}
      </dl>
      <p>
        <a href={statementPaths[view.locale].statement}>{t('glossary.back')}</a>
      </p>
    </Layout>
  );
}

interface VersionsPageProps {
  view: ViewContext;
  versions: { number: number; validSince: Date }[];
  diff?: { from: number; to: number; parts: { kind: 'same' | 'added' | 'removed'; lines: string[] }[] };
}

export function VersionsPage({ view, versions, diff }: VersionsPageProps) {
  const t = translator(statementMessages, view.locale);
  const paths = statementPaths[view.locale];
  const current = versions[0]?.number;
  return (
    <Layout view={view} title={t('versions.title')}>
      <h1>{t('versions.title')}</h1>
      <p>{t('versions.intro')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('versions.number')}</th>
            <th scope="col">{t('versions.since')}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.number}>
              <td>
                <a href={`${paths.versions}/${v.number}`}>
                  {t('versions.number')} {v.number}
                </a>{' '}
                {v.number === current ? t('versions.current') : null}
              </td>
              <td>{formatDateTime(v.validSince, view.locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {versions.length > 1 ? (
        <>
          <h2>{t('compare.title')}</h2>
          <form method="get" action={paths.compare} class="form compare-form">
            <div class="field">
              <label for="f-from" class="field__label">
                {t('compare.from')}
              </label>
              <select id="f-from" name={view.locale === 'de' ? 'von' : 'from'}>
                {versions.map((v, i) => (
                  <option value={String(v.number)} selected={diff ? diff.from === v.number : i === 1} key={v.number}>
                    {v.number}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="f-to" class="field__label">
                {t('compare.to')}
              </label>
              <select id="f-to" name={view.locale === 'de' ? 'bis' : 'to'}>
                {versions.map((v, i) => (
                  <option value={String(v.number)} selected={diff ? diff.to === v.number : i === 0} key={v.number}>
                    {v.number}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" class="button">
              {t('compare.submit')}
            </button>
          </form>
        </>
      ) : null}
      {diff ? (
        <section aria-labelledby="diff-title" class="diff">
          <h2 id="diff-title">{t('compare.result', { from: diff.from, to: diff.to })}</h2>
          <p>{t('compare.legend')}</p>
          {diff.parts.every((p) => p.kind === 'same') ? <p>{t('compare.none')}</p> : null}
          {diff.parts.map((part, i) =>
            part.kind === 'same' ? (
              <details key={i} class="diff__same">
                <summary>{t('compare.unchanged', { count: part.lines.length })}</summary>
                {part.lines.map((l, j) => (
                  <p key={j}>{l}</p>
                ))}
              </details>
            ) : (
              <div key={i} class={`diff__${part.kind}`}>
                {part.lines.map((l, j) =>
                  part.kind === 'added' ? (
                    <p key={j}>
                      <ins>
                        <span class="diff__label">{t('compare.added')}</span>
                        {l}
                      </ins>
                    </p>
                  ) : (
                    <p key={j}>
                      <del>
                        <span class="diff__label">{t('compare.removed')}</span>
                        {l}
                      </del>
                    </p>
                  ),
                )}
              </div>
            ),
          )}
        </section>
      ) : null}
    </Layout>
  );
}
