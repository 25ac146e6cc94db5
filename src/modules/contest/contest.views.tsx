import type { FieldErrors, FormValues } from '../../core/http/index.ts';
import { formatDateTime, type Locale, translator } from '../../core/i18n/index.ts';
import { CheckboxField, Form, Honeypot, Layout, RadioGroup, SubmitButton, TextField, type ViewContext } from '../../core/views/index.ts';
import { contestMessages } from './contest.messages.ts';
import { drawJsonPath, drawPath, galleryImage, galleryPath, PATHS, protocolPath, termsPath, winnerImage } from './contest.paths.ts';

const STYLES = ['/assets/contest.css'];
const tr = (view: ViewContext) => translator(contestMessages, view.locale);

export function codeLabels(locale: Locale) {
  return { code: translator(contestMessages, locale)('code.field') };
}

export function entryLabels(locale: Locale, version: number) {
  const t = translator(contestMessages, locale);
  return {
    firstName: t('entry.firstName'),
    lastName: t('entry.lastName'),
    street: t('entry.street'),
    postcode: t('entry.postcode'),
    city: t('entry.city'),
    email: t('entry.email'),
    terms: t('entry.terms', { version }),
  };
}

export function CodePage({ view, values, errors }: { view: ViewContext; values?: FormValues; errors?: FieldErrors }) {
  const t = tr(view);
  return (
    <Layout view={view} title={t('code.title')} styles={STYLES}>
      <h1>{t('code.title')}</h1>
      <p>{t('code.intro')}</p>
      <Form view={view} action={PATHS.code[view.locale]} errors={errors} labels={codeLabels(view.locale)}>
        <TextField
          view={view}
          name="code"
          label={t('code.field')}
          hint={t('code.hint')}
          required
          autocomplete="off"
          values={values}
          errors={errors}
          size="medium"
          maxLength={40}
        />
        <SubmitButton>{t('code.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

export interface DrawOffer {
  slug: string;
  title: string;
  prizes: string;
  closesAt: Date;
  termsVersion: number;
  state: 'open' | 'entered' | 'closed';
  entryHash?: string;
}

interface PhotoPageProps {
  view: ViewContext;
  event: { title: string; slug: string };
  imageSrc: string;
  code: string;
  inGallery: boolean;
  saved?: boolean;
  draw: DrawOffer | null;
  entryValues?: FormValues;
  entryErrors?: FieldErrors;
}

function EntryForm({
  view,
  draw,
  code,
  values,
  errors,
}: {
  view: ViewContext;
  draw: DrawOffer;
  code: string;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const t = tr(view);
  const labels = entryLabels(view.locale, draw.termsVersion);
  const text = (name: keyof typeof labels, autocomplete: string, size: 'short' | 'medium' | 'long', type?: 'email') => (
    <TextField
      view={view}
      name={name}
      label={labels[name]}
      required
      autocomplete={autocomplete}
      values={values}
      errors={errors}
      size={size}
      maxLength={name === 'email' ? 254 : 200}
      {...(type ? { type } : {})}
      {...(name === 'email' ? { hint: t('entry.emailHint') } : {})}
    />
  );
  return (
    <section aria-labelledby="entry-title">
      <h2 id="entry-title">{t('entry.title')}</h2>
      <p>{t('entry.intro', { draw: draw.title, prizes: draw.prizes, closes: formatDateTime(draw.closesAt, view.locale) })}</p>
      <p>
        <a href={termsPath(draw.slug, draw.termsVersion, view.locale)}>{t('entry.termsLink', { version: draw.termsVersion })}</a>
      </p>
      <Form view={view} action={PATHS.entry[view.locale]} errors={errors} labels={labels}>
        <Honeypot />
        <input type="hidden" name="code" value={code} />
        {text('firstName', 'given-name', 'medium')}
        {text('lastName', 'family-name', 'medium')}
        {text('street', 'street-address', 'long')}
        {text('postcode', 'postal-code', 'short')}
        {text('city', 'address-level2', 'medium')}
        {text('email', 'email', 'medium', 'email')}
        <CheckboxField view={view} name="terms" label={labels.terms} required values={values} errors={errors} />
        <p>{t('entry.privacy')}</p>
        <SubmitButton>{t('entry.submit')}</SubmitButton>
      </Form>
    </section>
  );
}

export function PhotoPage(props: PhotoPageProps) {
  const { view, event, imageSrc, code, inGallery, saved, draw, entryValues, entryErrors } = props;
  const t = tr(view);
  const title = t('photo.title', { event: event.title });
  // After a refused entry the form with its error summary comes first.
  const entryFirst = entryErrors !== undefined;
  const entry = draw ? (
    draw.state === 'open' ? (
      <EntryForm view={view} draw={draw} code={code} values={entryValues} errors={entryErrors} />
    ) : (
      <section aria-labelledby="entry-title">
        <h2 id="entry-title">{t('entry.title')}</h2>
        <p>{draw.state === 'entered' ? t('entry.already') : t('entry.closed')}</p>
        <p>
          <a href={drawPath(draw.slug, view.locale)}>{t('entry.drawLink')}</a>
        </p>
      </section>
    )
  ) : null;
  return (
    <Layout view={view} title={title} styles={STYLES}>
      <h1>{title}</h1>
      {entryFirst ? entry : null}
      {saved !== undefined ? (
        <p class="notice" role="status">
          {saved ? t('gallery.savedYes') : t('gallery.savedNo')}
        </p>
      ) : null}
      <figure class="contest-photo">
        <img src={imageSrc} alt={t('photo.alt', { event: event.title })} />
      </figure>
      <p>{t('photo.keep')}</p>
      <Form view={view} action={PATHS.gallery[view.locale]} showRequiredNote={false}>
        <input type="hidden" name="code" value={code} />
        <RadioGroup
          view={view}
          name="gallery"
          label={t('gallery.legend')}
          options={[
            { value: 'yes', label: t('gallery.yes') },
            { value: 'no', label: t('gallery.no') },
          ]}
          values={{ gallery: inGallery ? 'yes' : 'no' }}
        />
        <SubmitButton>{t('gallery.submit')}</SubmitButton>
      </Form>
      <p>
        <a href={galleryPath(event.slug, view.locale)}>{t('gallery.link')}</a>
      </p>
      {entryFirst ? null : entry}
    </Layout>
  );
}

export function EntryDonePage({ view, hash, slug }: { view: ViewContext; hash: string; slug: string }) {
  const t = tr(view);
  return (
    <Layout view={view} title={t('entry.done')} styles={STYLES}>
      <h1>{t('entry.done')}</h1>
      <p>{t('entry.doneText')}</p>
      <p class="secret">{hash}</p>
      <p>
        <a href={drawPath(slug, view.locale)}>{t('entry.drawLink')}</a>
      </p>
    </Layout>
  );
}

export function GalleryPage({ view, event, photoIds }: { view: ViewContext; event: { title: string; slug: string }; photoIds: string[] }) {
  const t = tr(view);
  const title = t('gallery.title', { event: event.title });
  return (
    <Layout view={view} title={title} styles={STYLES}>
      <h1>{title}</h1>
      <p>{t('gallery.intro')}</p>
      {photoIds.length === 0 ? (
        <p>{t('gallery.empty')}</p>
      ) : (
        <ul class="contest-gallery">
          {photoIds.map((id, i) => (
            <li key={id}>
              <a href={galleryImage(event.slug, id, 'w1200')}>
                <img src={galleryImage(event.slug, id, 'w400')} alt={t('gallery.alt', { n: i + 1, event: event.title })} loading="lazy" />
              </a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export interface DrawPageData {
  slug: string;
  title: string;
  prizes: string;
  winnersCount: number;
  closesAt: Date;
  randomSource: string;
  randomSourceAt: Date;
  frozenAt: Date | null;
  commitment: string | null;
  entryCount: number | null;
  seed: string | null;
  settled: boolean;
  terms: { version: number; publishedAt: Date; text: string }[];
  list: { hash: string; rank: number | null }[];
  published: { name: string; photoId: string | null }[];
}

export function DrawPage({ view, draw, now }: { view: ViewContext; draw: DrawPageData; now: Date }) {
  const t = tr(view);
  const title = t('draw.title', { draw: draw.title });
  const [current, ...earlier] = draw.terms;
  const winners = draw.list.filter((l) => l.rank !== null).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  const open = !draw.frozenAt && draw.closesAt > now;
  return (
    <Layout view={view} title={title} styles={STYLES}>
      <h1>{title}</h1>
      <p>{t('draw.prizes', { prizes: draw.prizes, n: draw.winnersCount })}</p>
      {open ? (
        <>
          <p>{t('draw.closes', { at: formatDateTime(draw.closesAt, view.locale) })}</p>
          <p>
            <a href={PATHS.code[view.locale]}>{t('draw.enter')}</a>
          </p>
        </>
      ) : null}
      {draw.settled ? <p>{t('draw.settled')}</p> : null}
      {draw.published.length > 0 ? (
        <section aria-labelledby="published">
          <h2 id="published">{t('draw.published')}</h2>
          <p>{t('draw.publishedNote')}</p>
          <ul class="contest-gallery">
            {draw.published.map((w) => (
              <li key={w.name}>
                {w.photoId ? <img src={winnerImage(draw.slug, w.photoId)} alt={t('draw.winnerAlt', { name: w.name })} /> : null}
                <p>{w.name}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="how">
        <h2 id="how">{t('draw.how')}</h2>
        <p>{t('draw.source', { source: draw.randomSource, at: formatDateTime(draw.randomSourceAt, view.locale) })}</p>
        {draw.frozenAt && draw.commitment ? (
          <>
            <p>{t('draw.frozen', { at: formatDateTime(draw.frozenAt, view.locale), n: draw.entryCount ?? 0 })}</p>
            <p class="secret">{draw.commitment}</p>
          </>
        ) : (
          <p>{t('draw.notFrozen')}</p>
        )}
        {draw.seed ? <p>{t('draw.seed', { seed: draw.seed })}</p> : null}
        <ol>
          <li>{t('draw.step1')}</li>
          <li>{t('draw.step2')}</li>
          <li>{t('draw.step3')}</li>
          <li>{t('draw.step4')}</li>
        </ol>
        {winners.length > 0 ? (
          <>
            <h3>{t('draw.winners')}</h3>
            <ol class="contest-hashes">
              {winners.map((w) => (
                <li key={w.hash}>{w.hash}</li>
              ))}
            </ol>
          </>
        ) : null}
        {draw.frozenAt ? (
          <>
            <h3>{t('draw.list')}</h3>
            <ul>
              <li>
                <a href={drawJsonPath(draw.slug)}>{t('draw.json')}</a>
              </li>
              <li>
                <a href={protocolPath(draw.slug)}>{t('draw.protocol')}</a>
              </li>
            </ul>
            <ul class="contest-hashes">
              {draw.list.map((l) => (
                <li key={l.hash}>{l.hash}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      {current ? (
        <section aria-labelledby="terms">
          <h2 id="terms">{t('draw.terms')}</h2>
          <p>{t('draw.termsCurrent', { version: current.version, at: formatDateTime(current.publishedAt, view.locale) })}</p>
          {current.text.split(/\n{2,}/).map((para) => (
            <p key={para}>{para}</p>
          ))}
          {earlier.length > 0 ? (
            <>
              <h3>{t('draw.termsEarlier')}</h3>
              <ul>
                {earlier.map((v) => (
                  <li key={v.version}>
                    <a href={termsPath(draw.slug, v.version, view.locale)}>
                      {t('draw.termsCurrent', { version: v.version, at: formatDateTime(v.publishedAt, view.locale) })}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}

export function TermsPage({
  view,
  draw,
  terms,
}: {
  view: ViewContext;
  draw: { title: string; slug: string };
  terms: { version: number; publishedAt: Date; text: string };
}) {
  const t = tr(view);
  const title = `${t('draw.terms')}: ${draw.title}`;
  return (
    <Layout view={view} title={title} styles={STYLES}>
      <h1>{title}</h1>
      <p>{t('draw.termsCurrent', { version: terms.version, at: formatDateTime(terms.publishedAt, view.locale) })}</p>
      {terms.text.split(/\n{2,}/).map((para) => (
        <p key={para}>{para}</p>
      ))}
      <p>
        <a href={drawPath(draw.slug, view.locale)}>{t('entry.drawLink')}</a>
      </p>
    </Layout>
  );
}

export function ConsentPage({
  view,
  action,
  consented,
  drawTitle,
}: {
  view: ViewContext;
  action: string;
  consented: boolean;
  drawTitle: string;
}) {
  const t = tr(view);
  return (
    <Layout view={view} title={t('consent.title')} styles={STYLES}>
      <h1>{t('consent.title')}</h1>
      <p>{drawTitle}</p>
      <p>{t('consent.text')}</p>
      <p class="notice" role="status">
        {consented ? t('consent.given') : t('consent.notGiven')}
      </p>
      <form method="post" action={action} class="form">
        <input type="hidden" name="consent" value="yes" />
        <SubmitButton>{t('consent.yes')}</SubmitButton>
      </form>
      <form method="post" action={action} class="form">
        <input type="hidden" name="consent" value="no" />
        <button type="submit" class="button button--secondary">
          {t('consent.no')}
        </button>
      </form>
    </Layout>
  );
}
