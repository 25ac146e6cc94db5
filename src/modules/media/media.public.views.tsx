import type { FieldErrors, FormValues } from '../../core/http/index.ts';
import { type Locale, translator } from '../../core/i18n/index.ts';
import { statementPaths } from '../../core/privacy/index.ts';
import {
  Form,
  Honeypot,
  Layout,
  RadioGroup,
  RichText,
  SubmitButton,
  TextArea,
  TextField,
  type ViewContext,
} from '../../core/views/index.ts';
import { mediaMessages } from './media.messages.ts';
import { PUBLIC_PATH } from './media.paths.ts';
import type { ItemRow } from './media.queries.ts';

/** Where the picture's bytes are served, per place: each route applies its own scope. */
export const galleryImage = (locale: Locale, id: string, size: string) => `${PUBLIC_PATH.gallery[locale]}/bild/${id}/${size}`;
export const pageImage = (locale: Locale, id: string, size: string) => `${PUBLIC_PATH.page[locale]}/${id}/bild/${size}`;
export const pageVideo = (locale: Locale, id: string) => `${PUBLIC_PATH.page[locale]}/${id}/video`;
const takedownLink = (locale: Locale, id: string) => `${PUBLIC_PATH.takedown[locale]}?bild=${id}`;

export function GalleryPage({ view, items }: { view: ViewContext; items: ItemRow[] }) {
  const t = translator(mediaMessages, view.locale);
  const L = view.locale;
  return (
    <Layout view={view} title={t('gallery.title')} styles={['/assets/media.css']}>
      <h1>{t('gallery.title')}</h1>
      <p>{t('gallery.intro')}</p>
      {items.length === 0 ? (
        <p>{t('gallery.empty')}</p>
      ) : (
        <ul class="media-gallery">
          {items.map((i) => (
            <li key={i.id}>
              <figure>
                <img
                  src={galleryImage(L, i.id, 'w640')}
                  srcSet={`${galleryImage(L, i.id, 'w320')} 320w, ${galleryImage(L, i.id, 'w640')} 640w`}
                  sizes="(max-width: 700px) 100vw, 320px"
                  alt={i.alt_text}
                />
                <figcaption>
                  {i.title}
                  <br />
                  <a href={takedownLink(L, i.id)}>{t('picture.takedown')}</a>
                </figcaption>
              </figure>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function PicturePage({ view, item, video }: { view: ViewContext; item: ItemRow; video: boolean }) {
  const t = translator(mediaMessages, view.locale);
  const L = view.locale;
  return (
    <Layout view={view} title={item.title} styles={['/assets/media.css']}>
      <h1>{item.title}</h1>
      {video ? (
        // A video is loaded only when played; its description is the caption (a video has no alt text).
        <figure class="media-figure">
          {/* biome-ignore lint/a11y/useMediaCaption: stored videos have no sound (decision 018), so there is nothing to caption; the description is the text alternative (WCAG 1.2.1) */}
          <video controls preload="none" poster={pageImage(L, item.id, 'w1280')} aria-describedby="media-caption">
            <source src={pageVideo(L, item.id)} type="video/mp4" />
          </video>
          <figcaption id="media-caption">{item.alt_text}</figcaption>
        </figure>
      ) : (
        <figure class="media-figure">
          <img
            src={pageImage(L, item.id, 'w1280')}
            srcSet={`${pageImage(L, item.id, 'w640')} 640w, ${pageImage(L, item.id, 'w1280')} 1280w`}
            sizes="100vw"
            alt={item.alt_text}
          />
        </figure>
      )}
      <p>
        <a href={takedownLink(L, item.id)}>{t('picture.takedown')}</a>
      </p>
    </Layout>
  );
}

export function takedownLabels(locale: Locale) {
  const t = translator(mediaMessages, locale);
  return {
    picture: t('field.picture'),
    wish: t('field.wish'),
    details: t('field.details'),
    name: t('field.name'),
    email: t('field.email'),
  };
}

export function TakedownFormPage({
  view,
  named,
  values = {},
  errors = {},
}: {
  view: ViewContext;
  named?: { id: string; title: string } | undefined;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const t = translator(mediaMessages, view.locale);
  const labels = takedownLabels(view.locale);
  const failed = Object.keys(errors).length > 0;
  return (
    <Layout view={view} title={`${failed ? view.t('form.errorTitlePrefix') : ''}${t('takedown.title')}`}>
      <h1>{t('takedown.title')}</h1>
      <p>{t('takedown.intro')}</p>
      {named ? <p>{t('takedown.named', { title: named.title })}</p> : null}
      <Form view={view} action={PUBLIC_PATH.takedown[view.locale]} errors={errors} labels={labels}>
        {named ? <input type="hidden" name="item" value={named.id} /> : null}
        <TextArea
          view={view}
          name="picture"
          label={labels.picture}
          hint={t('field.pictureHint')}
          required
          rows={2}
          values={values}
          errors={errors}
        />
        <RadioGroup
          view={view}
          name="wish"
          label={labels.wish}
          required
          values={values}
          errors={errors}
          options={(['remove', 'unrecognisable'] as const).map((w) => ({ value: w, label: t(`wish.${w}`) }))}
        />
        <TextArea
          view={view}
          name="details"
          label={labels.details}
          hint={t('field.detailsHint')}
          rows={3}
          values={values}
          errors={errors}
        />
        <TextField view={view} name="name" label={labels.name} autocomplete="name" values={values} errors={errors} />
        <TextField
          view={view}
          name="email"
          label={labels.email}
          hint={t('field.emailHint')}
          type="email"
          autocomplete="email"
          values={values}
          errors={errors}
        />
        <Honeypot />
        <RichText text={t('takedown.privacy', { link: statementPaths[view.locale].statement })} locale={view.locale} linked={new Set()} />
        <SubmitButton>{t('takedown.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

export function TakedownSentPage({ view, reference }: { view: ViewContext; reference: string }) {
  const t = translator(mediaMessages, view.locale);
  return (
    <Layout view={view} title={t('takedown.sent.title')}>
      <h1>{t('takedown.sent.title')}</h1>
      <p>{t('takedown.sent.text', { reference })}</p>
    </Layout>
  );
}
