import type { CareersConfig, Config } from '../../core/config/index.ts';
import type { FieldErrors, FormValues } from '../../core/http/index.ts';
import { type Locale, translator } from '../../core/i18n/index.ts';
import { statementPaths } from '../../core/privacy/index.ts';
import { UploadField } from '../../core/uploads/index.ts';
import {
  CheckboxField,
  Form,
  Honeypot,
  Layout,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
  type ViewContext,
} from '../../core/views/index.ts';
import { ACTIVITY, applyPath, attachments, PUBLIC_PATH, postingPath } from './careers.forms.ts';
import { careersMessages } from './careers.messages.ts';
import type { Status } from './careers.tables.ts';

type Category = CareersConfig['categories'][number];

export interface PostingView {
  slug: string;
  category: string;
  department: string;
  title_de: string;
  title_en: string;
  description_de: string;
  description_en: string;
  location: string;
  published_at: Date;
  closes_at: Date;
}

const tr = (view: ViewContext) => translator(careersMessages, view.locale);

/** "31. Januar 2027" in Europe/Berlin; a closing date is a day, not an instant. */
export function formatDay(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Berlin',
  }).format(date);
}

export const titleOf = (p: Pick<PostingView, 'title_de' | 'title_en'>, l: Locale) => (l === 'de' ? p.title_de : p.title_en);
const descriptionOf = (p: PostingView, l: Locale) => (l === 'de' ? p.description_de : p.description_en);

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .filter((x) => x.trim())
        .map((para, i) => (
          <p key={i}>{para.trim()}</p>
        ))}
    </>
  );
}

export function ListPage({
  view,
  postings,
  categories,
  departmentName,
}: {
  view: ViewContext;
  postings: PostingView[];
  categories: readonly Category[];
  departmentName: (id: string) => string;
}) {
  const t = tr(view);
  const L = view.locale;
  return (
    <Layout view={view} title={t('list.title')}>
      <h1>{t('list.title')}</h1>
      <p>{t('list.intro')}</p>
      {categories.map((c) => {
        const mine = postings.filter((p) => p.category === c.id);
        return (
          <section aria-labelledby={`cat-${c.id}`} key={c.id}>
            <h2 id={`cat-${c.id}`}>{c.name[L]}</h2>
            {mine.length === 0 ? (
              <p>{t('list.none')}</p>
            ) : (
              <ul class="link-list">
                {mine.map((p) => (
                  <li key={p.slug}>
                    <a href={postingPath(p.slug, L)}>{titleOf(p, L)}</a>
                    <br />
                    {departmentName(p.department)} · {p.location} · {t('posting.closes', { date: formatDay(p.closes_at, L) })}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
      <p>
        <a href={PUBLIC_PATH.feed[L]} type="application/atom+xml">
          {t('list.feed')}
        </a>
      </p>
    </Layout>
  );
}

/**
 * schema.org JobPosting for job search engines. A data block, not a script: the CSP's script-src
 * does not apply to it and no browser runs it. "<" is escaped so no text can close the element.
 */
export function jobPostingJsonLd(p: PostingView, category: Category, config: Config, locale: Locale): string {
  const org = config.organisation;
  const data = {
    '@context': 'https://schema.org/',
    '@type': 'JobPosting',
    title: titleOf(p, locale),
    description: descriptionOf(p, locale),
    datePosted: p.published_at.toISOString().slice(0, 10),
    validThrough: p.closes_at.toISOString(),
    employmentType: category.employmentType,
    hiringOrganization: { '@type': 'Organization', name: org.name, sameAs: org.website },
    jobLocation: {
      '@type': 'Place',
      address: {
        '@type': 'PostalAddress',
        streetAddress: org.address.street,
        postalCode: org.address.postcode,
        addressLocality: p.location,
        addressCountry: 'DE',
      },
    },
    directApply: true,
    url: `${config.PUBLIC_URL}${postingPath(p.slug, locale)}`,
  };
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

export function PostingPage({
  view,
  posting,
  category,
  departmentName,
  open,
  jsonLd,
}: {
  view: ViewContext;
  posting: PostingView;
  category: Category;
  departmentName: string;
  open: boolean;
  jsonLd: string;
}) {
  const t = tr(view);
  const L = view.locale;
  return (
    <Layout view={view} title={titleOf(posting, L)} description={descriptionOf(posting, L).slice(0, 160)}>
      {/* Raw, not escaped text: entities would break the JSON. jobPostingJsonLd escapes every "<". */}
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd }} />
      <p>
        <a href={PUBLIC_PATH.list[L]}>{t('list.title')}</a>
      </p>
      <h1>{titleOf(posting, L)}</h1>
      <ul>
        <li>{t('posting.category', { category: category.name[L] })}</li>
        <li>{t('posting.department', { department: departmentName })}</li>
        <li>{t('posting.location', { location: posting.location })}</li>
        <li>{t('posting.closes', { date: formatDay(posting.closes_at, L) })}</li>
      </ul>
      <Paragraphs text={descriptionOf(posting, L)} />
      {open ? (
        <p>
          <a class="button" href={applyPath(posting.slug, L)}>
            {t('posting.apply')}
          </a>
        </p>
      ) : (
        <p>{t('posting.closed')}</p>
      )}
    </Layout>
  );
}

interface ApplyProps {
  view: ViewContext;
  config: Config;
  posting: PostingView;
  category: Category;
  labels: Record<string, string>;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
}

/** The category's form (C27); every required field carries the visible "*" (C28). */
export function ApplyPage({ view, config, posting, category, labels, values, errors }: ApplyProps) {
  const t = tr(view);
  const L = view.locale;
  const title = t('apply.title', { title: titleOf(posting, L) });
  const statement = `${statementPaths[L].statement}#${ACTIVITY.replace('.', '-')}`;
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p>{t('apply.intro')}</p>
      <Form view={view} action={applyPath(posting.slug, L)} errors={errors} labels={labels} enctype="multipart/form-data">
        <Honeypot />
        <section aria-labelledby="part-person">
          <h2 id="part-person">{t('apply.person')}</h2>
          <TextField
            view={view}
            name="name"
            label={labels.name as string}
            required
            autocomplete="name"
            values={values}
            errors={errors}
            size="medium"
            maxLength={200}
          />
          <TextField
            view={view}
            name="email"
            type="email"
            label={labels.email as string}
            hint={t('field.emailHint')}
            required
            autocomplete="email"
            values={values}
            errors={errors}
            size="medium"
            maxLength={254}
          />
          <TextField
            view={view}
            name="phone"
            type="tel"
            label={labels.phone as string}
            autocomplete="tel"
            values={values}
            errors={errors}
            size="medium"
            maxLength={30}
          />
        </section>
        {category.fields.length ? (
          <section aria-labelledby="part-category">
            <h2 id="part-category">{t('apply.category', { category: category.name[L] })}</h2>
            {category.fields.map((f) =>
              f.kind === 'select' ? (
                <SelectField
                  key={f.id}
                  view={view}
                  name={f.id}
                  label={f.label[L]}
                  hint={f.hint?.[L]}
                  required={f.required}
                  placeholder={t('field.choose')}
                  options={f.options.map((o) => ({ value: o.value, label: o.label[L] }))}
                  values={values}
                  errors={errors}
                />
              ) : f.kind === 'textarea' ? (
                <TextArea
                  key={f.id}
                  view={view}
                  name={f.id}
                  label={f.label[L]}
                  hint={f.hint?.[L]}
                  required={f.required}
                  values={values}
                  errors={errors}
                  maxLength={5000}
                />
              ) : (
                <TextField
                  key={f.id}
                  view={view}
                  name={f.id}
                  label={f.label[L]}
                  hint={f.hint?.[L]}
                  required={f.required}
                  values={values}
                  errors={errors}
                  maxLength={200}
                />
              ),
            )}
          </section>
        ) : null}
        {/* Sections, not fieldsets: a fieldset is at least as wide as a file input, wider than a phone. */}
        <section aria-labelledby="part-documents">
          <h2 id="part-documents">{t('apply.documents')}</h2>
          <UploadField view={view} config={config} policy={attachments} name="cv" label={labels.cv as string} errors={errors} />
          <UploadField
            view={view}
            config={config}
            policy={attachments}
            name="certificates"
            label={labels.certificates as string}
            errors={errors}
          />
          <TextArea view={view} name="message" label={labels.message as string} values={values} errors={errors} maxLength={5000} />
        </section>
        <p class="form__privacy">
          <a href={statement}>{t('apply.privacy')}</a>
        </p>
        <SubmitButton>{t('apply.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

export function MessagePage({ view, title, lines }: { view: ViewContext; title: string; lines: string[] }) {
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      {lines.map((l) => (
        <p key={l}>{l}</p>
      ))}
    </Layout>
  );
}

export function stateText(status: Status, ended: boolean, locale: Locale): string {
  const t = translator(careersMessages, locale);
  if (ended && status !== 'hired' && status !== 'rejected') return t('state.ended');
  return t(`state.${status}`);
}

interface StatusProps {
  view: ViewContext;
  action: string;
  application: { reference: string; status: Status; created_at: Date; title_de: string; title_en: string; selection_ended_at: Date | null };
  errors?: FieldErrors | undefined;
}

/** What the applicant sees through the signed link: the state, and the way to withdraw. */
export function StatusPage({ view, action, application: a, errors }: StatusProps) {
  const t = tr(view);
  const L = view.locale;
  const title = t('status.title', { reference: a.reference });
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <ul>
        <li>{t('status.position', { title: titleOf(a, L) })}</li>
        <li>{t('status.received', { date: formatDay(a.created_at, L) })}</li>
        <li>{t('status.state', { state: stateText(a.status, a.selection_ended_at !== null, L) })}</li>
      </ul>
      <h2>{t('status.withdrawTitle')}</h2>
      <p>{t('status.withdrawText')}</p>
      <Form view={view} action={action} errors={errors} labels={{ confirm: t('status.confirm') }} showRequiredNote={false}>
        <CheckboxField view={view} name="confirm" label={t('status.confirm')} required values={{}} errors={errors} />
        <SubmitButton>{t('status.withdraw')}</SubmitButton>
      </Form>
    </Layout>
  );
}
