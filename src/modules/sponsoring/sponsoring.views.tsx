import type { ComponentChildren } from 'preact';
import type { Config } from '../../core/config/index.ts';
import type { FieldErrors, FormValues } from '../../core/http/index.ts';
import { type Locale, translator } from '../../core/i18n/index.ts';
import { UploadField, type UploadPolicy } from '../../core/uploads/index.ts';
import {
  CheckboxField,
  Form,
  Honeypot,
  Layout,
  RadioGroup,
  SubmitButton,
  TextArea,
  TextField,
  type ViewContext,
} from '../../core/views/index.ts';
import { type Cycle, cycleName, PHASES, type Phase, phaseSpan } from './sponsoring.cycles.ts';
import { formatDay, formatEuro, lastDay } from './sponsoring.format.ts';
import { sponsoringMessages } from './sponsoring.messages.ts';
import { paths } from './sponsoring.paths.ts';
import type { PublicProject } from './sponsoring.projects.ts';
import type { PublishedResult } from './sponsoring.tally.ts';
import { AUDIENCES, type TermsVersion } from './sponsoring.terms.ts';

const tr = (view: ViewContext) => translator(sponsoringMessages, view.locale);

/**
 * The frame of every page of the vote: the terms of participation are linked on each (C50), so
 * whoever applies or votes in any phase finds the rules that govern it.
 */
export function SponsoringLayout({
  view,
  title,
  children,
  scripts,
}: {
  view: ViewContext;
  title: string;
  children: ComponentChildren;
  scripts?: string[];
}) {
  const t = tr(view);
  const L = view.locale;
  return (
    <Layout view={view} title={title} scripts={scripts} styles={['/assets/sponsoring.css']}>
      {children}
      <nav class="sponsoring-terms" aria-label={t('terms')}>
        <h2>{t('terms')}</h2>
        <ul>
          {AUDIENCES.map((a) => (
            <li key={a}>
              <a href={paths.terms(L, a)}>{t(`terms.${a}`)}</a>
            </li>
          ))}
        </ul>
        <p>
          <a href={paths.home(L)}>{t('back')}</a>
        </p>
      </nav>
    </Layout>
  );
}

export function phaseName(view: ViewContext, phase: Phase): string {
  return tr(view)(`phase.${phase}`);
}

export function OverviewPage({
  view,
  cycle,
  phase,
  config,
}: {
  view: ViewContext;
  cycle?: Cycle | undefined;
  phase?: Phase;
  config: Config;
}) {
  const t = tr(view);
  const L = view.locale;
  const links: { href: string; label: string }[] = [];
  if (phase === 'application') links.push({ href: paths.apply(L), label: t('link.apply') });
  if (phase === 'review' || phase === 'voting') links.push({ href: paths.projects(L), label: t('link.projects') });
  if (phase === 'voting') links.push({ href: paths.register(L), label: t('link.register') });
  if (phase === 'result' || phase === 'sponsoring' || phase === 'completed') links.push({ href: paths.result(L), label: t('link.result') });
  return (
    <SponsoringLayout view={view} title={t('title')}>
      <h1>{t('title')}</h1>
      <p class="prose">{t('intro', { budget: formatEuro(cycle?.budget_cents ?? config.SPONSORING_BUDGET_CENTS, L) })}</p>
      {!cycle || !phase ? (
        <p>{t('noCycle')}</p>
      ) : (
        <>
          {phase !== 'completed' && phase !== 'upcoming' ? (
            <p class="notice" role="status">
              {t('phaseNow', {
                cycle: cycleName(cycle.id)[L],
                phase: phaseName(view, phase),
                until: lastDay(phaseSpan(cycle, phase).until, L),
              })}
            </p>
          ) : null}
          {links.length ? (
            <ul class="cards">
              {links.map((l) => (
                <li key={l.href}>
                  <a href={l.href}>{l.label}</a>
                </li>
              ))}
            </ul>
          ) : null}
          <h2>{t('schedule')}</h2>
          <dl>
            {PHASES.map((p) => {
              const s = phaseSpan(cycle, p as Exclude<Phase, 'upcoming' | 'completed'>);
              return (
                <div key={p}>
                  <dt>{phaseName(view, p)}</dt>
                  <dd>{t('span', { from: formatDay(s.from, L), until: lastDay(s.until, L) })}</dd>
                </div>
              );
            })}
          </dl>
        </>
      )}
    </SponsoringLayout>
  );
}

/** Outside its phase a page says what is possible and when – a clear page, not an error (C40). */
export function ClosedPage({
  view,
  cycle,
  phase,
  what,
  now,
}: {
  view: ViewContext;
  cycle?: Cycle | undefined;
  phase: 'application' | 'voting' | 'result' | 'review';
  what: 'apply' | 'vote' | 'result' | 'projects';
  now: Date;
}) {
  const t = tr(view);
  const L = view.locale;
  let when = t('when.over');
  const s = cycle ? phaseSpan(cycle, phase) : undefined;
  if (s && (now < s.until || phase === 'result')) when = t('when.opens', { from: formatDay(s.from, L), until: lastDay(s.until, L) });
  return (
    <SponsoringLayout view={view} title={t('closed.title')}>
      <h1>{t('closed.title')}</h1>
      <p class="prose">{t(`closed.${what}`, { when })}</p>
    </SponsoringLayout>
  );
}

export function MessagePage({ view, title, lines }: { view: ViewContext; title: string; lines: string[] }) {
  return (
    <SponsoringLayout view={view} title={title}>
      <h1>{title}</h1>
      {lines.map((l) => (
        <p key={l}>{l}</p>
      ))}
    </SponsoringLayout>
  );
}

export function applyLabels(view: ViewContext): Record<string, string> {
  const t = tr(view);
  const pub = (s: string) => `${s} (${t('public')})`;
  return {
    title: pub(t('projectTitle')),
    description: pub(t('description')),
    budget: pub(t('budget')),
    sponsorName: pub(t('sponsorName')),
    sponsorStreet: t('sponsorStreet'),
    sponsorPostcode: t('sponsorPostcode'),
    sponsorCity: t('sponsorCity'),
    contactName: t('contactName'),
    contactEmail: t('contactEmail'),
    contactPhone: t('contactPhone'),
    images: pub(t('images')),
    attachments: pub(t('attachments')),
    terms: t('acceptTerms'),
  };
}

export function ApplyPage({
  view,
  config,
  policy,
  values,
  errors,
}: {
  view: ViewContext;
  config: Config;
  policy: UploadPolicy;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
}) {
  const t = tr(view);
  const L = view.locale;
  const l = applyLabels(view);
  const common = { view, values, errors };
  return (
    <SponsoringLayout view={view} title={t('apply.title')}>
      <h1>{t('apply.title')}</h1>
      <p class="prose">{t('apply.intro')}</p>
      <Form view={view} action={paths.apply(L)} errors={errors} labels={l} enctype="multipart/form-data">
        <fieldset class="fieldset">
          <legend>{t('legend.project')}</legend>
          <TextField {...common} name="title" label={l.title as string} required maxLength={120} />
          <TextArea {...common} name="description" label={l.description as string} required maxLength={5000} />
          <TextField
            {...common}
            name="budget"
            label={l.budget as string}
            hint={t('budgetHint', {
              min: formatEuro(config.SPONSORING_MIN_REQUEST_CENTS, L),
              max: formatEuro(config.SPONSORING_MAX_REQUEST_CENTS, L),
            })}
            required
            inputMode="decimal"
            size="short"
            maxLength={12}
          />
        </fieldset>
        <fieldset class="fieldset">
          <legend>{t('legend.sponsor')}</legend>
          <TextField {...common} name="sponsorName" label={l.sponsorName as string} required maxLength={150} autocomplete="organization" />
          <TextField
            {...common}
            name="sponsorStreet"
            label={l.sponsorStreet as string}
            required
            maxLength={150}
            autocomplete="street-address"
          />
          <TextField
            {...common}
            name="sponsorPostcode"
            label={l.sponsorPostcode as string}
            required
            size="short"
            maxLength={5}
            inputMode="numeric"
            autocomplete="postal-code"
          />
          <TextField
            {...common}
            name="sponsorCity"
            label={l.sponsorCity as string}
            required
            size="medium"
            maxLength={100}
            autocomplete="address-level2"
          />
        </fieldset>
        <fieldset class="fieldset">
          <legend>{t('legend.contact')}</legend>
          <TextField {...common} name="contactName" label={l.contactName as string} required maxLength={150} autocomplete="name" />
          <TextField
            {...common}
            name="contactEmail"
            type="email"
            label={l.contactEmail as string}
            required
            maxLength={254}
            autocomplete="email"
          />
          <TextField
            {...common}
            name="contactPhone"
            type="tel"
            label={l.contactPhone as string}
            required
            size="medium"
            maxLength={40}
            autocomplete="tel"
          />
        </fieldset>
        <fieldset class="fieldset">
          <legend>{t('legend.files')}</legend>
          <UploadField view={view} config={config} policy={policy} name="images" label={l.images as string} errors={errors} />
          <UploadField view={view} config={config} policy={policy} name="attachments" label={l.attachments as string} errors={errors} />
        </fieldset>
        <p>
          <a href={paths.terms(L, 'applicants')}>{t('terms.applicants')}</a>
        </p>
        <CheckboxField {...common} name="terms" label={l.terms as string} required />
        <Honeypot />
        <SubmitButton>{t('apply.submit')}</SubmitButton>
      </Form>
    </SponsoringLayout>
  );
}

function ProjectCard({ view, p, withLink = true }: { view: ViewContext; p: PublicProject; withLink?: boolean }) {
  const t = tr(view);
  const L = view.locale;
  return (
    <article class="project">
      <h2>
        {withLink ? (
          <a href={paths.project(L, p.id)}>{`${t('project.number', { n: p.number })}: ${p.title}`}</a>
        ) : (
          `${t('project.number', { n: p.number })}: ${p.title}`
        )}
      </h2>
      <p>{t('project.sponsor', { name: p.sponsorName })}</p>
      <p>{t('project.budget', { amount: formatEuro(p.budgetCents, L) })}</p>
    </article>
  );
}

export function ProjectsPage({ view, projects }: { view: ViewContext; projects: PublicProject[] }) {
  const t = tr(view);
  return (
    <SponsoringLayout view={view} title={t('projects.title')}>
      <h1>{t('projects.title')}</h1>
      {projects.length === 0 ? <p>{t('projects.none')}</p> : projects.map((p) => <ProjectCard view={view} p={p} key={p.id} />)}
    </SponsoringLayout>
  );
}

export function ProjectPage({
  view,
  project,
  images,
  attachments,
}: {
  view: ViewContext;
  project: PublicProject;
  images: { id: string; rendition: string }[];
  attachments: { id: string }[];
}) {
  const t = tr(view);
  const L = view.locale;
  const title = `${t('project.number', { n: project.number })}: ${project.title}`;
  return (
    <SponsoringLayout view={view} title={title}>
      <h1>{title}</h1>
      <p>{t('project.sponsor', { name: project.sponsorName })}</p>
      <p>{t('project.budget', { amount: formatEuro(project.budgetCents, L) })}</p>
      <div class="prose">
        {project.description.split(/\n{2,}/).map((para) => (
          <p key={para}>{para}</p>
        ))}
      </div>
      {images.map((img, i) => (
        <img
          key={img.id}
          src={paths.projectFile(L, project.id, img.id, img.rendition)}
          alt={t('project.image', { n: i + 1, title: project.title })}
          width={640}
          class="project__image"
        />
      ))}
      {attachments.length ? (
        <ul>
          {attachments.map((a, i) => (
            <li key={a.id}>
              <a href={paths.projectFile(L, project.id, a.id)}>{t('project.attachment', { n: i + 1 })}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </SponsoringLayout>
  );
}

export function registerLabels(view: ViewContext) {
  const t = tr(view);
  return { email: t('email'), salutation: t('salutation'), firstName: t('firstName'), lastName: t('lastName') };
}

export function RegisterPage({
  view,
  values,
  errors,
}: {
  view: ViewContext;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
}) {
  const t = tr(view);
  const l = registerLabels(view);
  const common = { view, values, errors };
  return (
    <SponsoringLayout view={view} title={t('register.title')}>
      <h1>{t('register.title')}</h1>
      <p class="prose">{t('register.intro')}</p>
      <p>
        <a href={paths.terms(view.locale, 'voters')}>{t('terms.voters')}</a>
      </p>
      <Form view={view} action={paths.register(view.locale)} errors={errors} labels={l}>
        <TextField {...common} name="email" type="email" label={l.email} required maxLength={254} autocomplete="email" />
        <RadioGroup
          {...common}
          name="salutation"
          label={l.salutation}
          required
          inline
          options={[
            { value: 'ms', label: t('salutation.ms') },
            { value: 'mr', label: t('salutation.mr') },
            { value: 'none', label: t('salutation.none') },
          ]}
        />
        <TextField {...common} name="firstName" label={l.firstName} required maxLength={100} autocomplete="given-name" />
        <TextField {...common} name="lastName" label={l.lastName} required maxLength={100} autocomplete="family-name" />
        <Honeypot />
        <SubmitButton>{t('register.submit')}</SubmitButton>
      </Form>
    </SponsoringLayout>
  );
}

export function ConfirmPage({ view, token }: { view: ViewContext; token: string }) {
  const t = tr(view);
  return (
    <SponsoringLayout view={view} title={t('confirm.title')}>
      <h1>{t('confirm.title')}</h1>
      <p>{t('confirm.text')}</p>
      <form method="post" action={paths.confirm(view.locale, token)} class="form">
        <SubmitButton>{t('confirm.submit')}</SubmitButton>
      </form>
    </SponsoringLayout>
  );
}

export interface BallotPageProps {
  view: ViewContext;
  token: string;
  code: string;
  projects: PublicProject[];
  allowed: number;
  used: number;
  final: boolean;
  customerBonus: boolean;
  extraVotes: number;
  maxProjects: number;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  notice?: string | undefined;
  bonusErrors?: FieldErrors | undefined;
  bonusValues?: FormValues | undefined;
}

export const voteField = (p: PublicProject) => `p${p.number}`;

export function ballotLabels(view: ViewContext, projects: PublicProject[]) {
  const t = tr(view);
  return Object.fromEntries(
    projects.map((p) => [voteField(p), t('ballot.votesFor', { title: `${t('project.number', { n: p.number })} ${p.title}` })]),
  );
}

/**
 * The ballot: a plain form with a number field per project, so it works without JavaScript; the
 * remaining votes are said on the page and, with JavaScript, updated as one types (live region).
 */
export function BallotPage(props: BallotPageProps) {
  const { view, token, code, projects, allowed, used, final, customerBonus, extraVotes, maxProjects, values, errors, notice } = props;
  const t = tr(view);
  const L = view.locale;
  const labels = ballotLabels(view, projects);
  const bonusLabels = { customerNumber: t('customerNumber'), customerName: t('customerName') };
  return (
    <SponsoringLayout view={view} title={t('ballot.title')} scripts={['/assets/sponsoring-ballot.mjs']}>
      <h1>{t('ballot.title')}</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <p
        id="votes-left"
        class="votes-left"
        aria-live="polite"
        data-allowed={String(allowed)}
        data-template={t('ballot.remaining', { left: '{left}', allowed: '{allowed}' })}
      >
        {t('ballot.remaining', { left: Math.max(0, allowed - used), allowed })}
      </p>
      <p>{t('ballot.receipt', { code })}</p>
      {final ? (
        <p>{t('ballot.final')}</p>
      ) : (
        <>
          <p class="prose">{t('ballot.keep')}</p>
          <p>{t('ballot.rules', { max: maxProjects })}</p>
          <Form view={view} action={paths.ballot(L, token)} errors={errors} labels={labels} showRequiredNote={false}>
            {projects.map((p) => (
              <TextField
                key={p.id}
                view={view}
                name={voteField(p)}
                type="number"
                label={labels[voteField(p)] as string}
                values={values}
                errors={errors}
                size="short"
                inputMode="numeric"
                maxLength={3}
              />
            ))}
            <SubmitButton>{t('ballot.save')}</SubmitButton>
          </Form>
          {!customerBonus && extraVotes > 0 ? (
            <section aria-labelledby="bonus-title">
              <h2 id="bonus-title">{t('bonus.title')}</h2>
              <p class="prose">{t('bonus.intro', { n: extraVotes })}</p>
              <Form view={view} action={paths.ballotCustomer(L, token)} errors={props.bonusErrors} labels={bonusLabels}>
                <TextField
                  view={view}
                  name="customerNumber"
                  label={bonusLabels.customerNumber}
                  required
                  values={props.bonusValues}
                  errors={props.bonusErrors}
                  size="medium"
                  maxLength={30}
                  autocomplete="off"
                />
                <TextField
                  view={view}
                  name="customerName"
                  label={bonusLabels.customerName}
                  required
                  values={props.bonusValues}
                  errors={props.bonusErrors}
                  size="medium"
                  maxLength={100}
                  autocomplete="family-name"
                />
                <SubmitButton>{t('bonus.submit')}</SubmitButton>
              </Form>
            </section>
          ) : customerBonus ? (
            <p>{t('bonus.used')}</p>
          ) : null}
          <form method="post" action={paths.ballotFinish(L, token)} class="form">
            <p>{t('ballot.finishHint')}</p>
            <SubmitButton>{t('ballot.finish')}</SubmitButton>
          </form>
        </>
      )}
    </SponsoringLayout>
  );
}

export function ResultPage({
  view,
  result,
  cycleId,
  locale,
}: {
  view: ViewContext;
  result: PublishedResult;
  cycleId: string;
  locale: Locale;
}) {
  const t = tr(view);
  const spent = result.projects.filter((p) => p.funded).reduce((s, p) => s + p.budgetCents, 0);
  const name = (p: { number: number; title: string }) =>
    p.title ? `${t('project.number', { n: p.number })}: ${p.title}` : t('result.anonymised', { n: p.number });
  return (
    <SponsoringLayout view={view} title={t('result.title')}>
      <h1>{`${t('result.title')} – ${cycleName(cycleId)[locale]}`}</h1>
      <p>{t('result.budget', { budget: formatEuro(result.budgetCents, locale), spent: formatEuro(spent, locale) })}</p>
      <div class="table-wrap">
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('result.project')}</th>
              <th scope="col">{t('result.votes')}</th>
              <th scope="col">{t('result.amount')}</th>
              <th scope="col">{t('result.funded')}</th>
            </tr>
          </thead>
          <tbody>
            {[...result.projects]
              .sort((a, b) => b.votes - a.votes || a.number - b.number)
              .map((p) => (
                <tr key={p.number}>
                  <th scope="row">{name(p)}</th>
                  <td>{p.votes}</td>
                  <td>{formatEuro(p.budgetCents, locale)}</td>
                  <td>{p.funded ? t('result.yes') : t('result.no')}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      <h2>{t('result.ballots')}</h2>
      <p>
        {t('result.ballotsIntro', { n: result.ballots.length })} <a href={paths.resultJson(locale)}>{paths.resultJson(locale)}</a>
      </p>
      <ol class="ballot-list">
        {result.ballots.map((b) => (
          <li key={b.receipt}>
            <code class="receipt">{b.receipt}</code>
            {b.paper ? ` (${t('result.paper')})` : ''}:{' '}
            {Object.entries(b.votes)
              .map(([n, v]) => `${t('project.number', { n })}: ${v}`)
              .join(', ')}
          </li>
        ))}
      </ol>
    </SponsoringLayout>
  );
}

function termsDay(isoDay: string, locale: Locale): string {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  return formatDay(new Date(Date.UTC(y, m - 1, d, 12)), locale);
}

export function TermsPage({
  view,
  current,
  shown,
  all,
}: {
  view: ViewContext;
  current: TermsVersion;
  shown: TermsVersion;
  all: TermsVersion[];
}) {
  const t = tr(view);
  const L = view.locale;
  const title = t(`terms.${shown.audience}`);
  const earlier = all.filter((v) => v.audience === shown.audience && v.version !== current.version);
  return (
    <SponsoringLayout view={view} title={title}>
      <h1>{title}</h1>
      <p>{t('terms.version', { version: shown.version, since: termsDay(shown.validSince, L) })}</p>
      <div class="prose" dangerouslySetInnerHTML={{ __html: shown.html[L] }} />
      {earlier.length ? (
        <>
          <h2>{t('terms.earlier')}</h2>
          <ul>
            {earlier.map((v) => (
              <li key={v.version}>
                <a href={paths.terms(L, v.audience, v.version)}>
                  {t('terms.version', { version: v.version, since: termsDay(v.validSince, L) })}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </SponsoringLayout>
  );
}
