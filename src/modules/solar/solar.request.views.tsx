import type { FieldErrors, FormValues } from '../../core/http/index.ts';
import { type Locale, translator } from '../../core/i18n/index.ts';
import { Form, Honeypot, Layout, RadioGroup, SubmitButton, TextField, type ViewContext } from '../../core/views/index.ts';
import { solarMessages } from './solar.messages.ts';
import { requestMessages } from './solar.request.messages.ts';

export const REQUEST_PATHS = {
  form: { de: '/solar/auswertung', en: '/en/solar/report' },
  map: { de: '/solar', en: '/en/solar' },
} as const;

const STATEMENT = { de: '/datenschutz#solar-report-requests', en: '/en/privacy#solar-report-requests' } as const;

const tr = (locale: Locale) => translator(requestMessages, locale);

export const requestLabels = (locale: Locale): Record<string, string> => {
  const t = tr(locale);
  return {
    street: t('request.street'),
    number: t('request.number'),
    postcode: t('request.postcode'),
    town: t('request.town'),
    role: t('request.role'),
    name: t('request.name'),
    postalStreet: t('request.postalStreet'),
    postalPostcode: t('request.postalPostcode'),
    postalTown: t('request.postalTown'),
    postalCountry: t('request.postalCountry'),
    email: t('request.email'),
    delivery: t('request.delivery'),
  };
};

/** The link from the map page to the form. */
export function RequestTeaser({ view }: { view: ViewContext }) {
  const t = tr(view.locale);
  return (
    <section aria-labelledby="solar-request-heading">
      <h2 id="solar-request-heading">{t('request.teaser.heading')}</h2>
      <p>{t('request.teaser.text')}</p>
      <p>
        <a href={REQUEST_PATHS.form[view.locale]}>{t('request.teaser.link')}</a>
      </p>
    </section>
  );
}

export function RequestPage({ view, values = {}, errors = {} }: { view: ViewContext; values?: FormValues; errors?: FieldErrors }) {
  const t = tr(view.locale);
  const labels = requestLabels(view.locale);
  const failed = Object.keys(errors).length > 0;
  const field = (name: string) => labels[name] as string;
  return (
    <Layout view={view} title={`${failed ? view.t('form.errorTitlePrefix') : ''}${t('request.title')}`} styles={['/assets/solar.css']}>
      <h1>{t('request.title')}</h1>
      <p class="prose">{t('request.intro')}</p>
      <Form view={view} action={REQUEST_PATHS.form[view.locale]} errors={errors} labels={labels}>
        <fieldset class="fieldset solar-request__group">
          <legend>{t('request.building')}</legend>
          <TextField
            view={view}
            name="street"
            label={field('street')}
            required
            values={values}
            errors={errors}
            autocomplete="off"
            maxLength={100}
            size="medium"
          />
          <TextField
            view={view}
            name="number"
            label={field('number')}
            required
            values={values}
            errors={errors}
            autocomplete="off"
            maxLength={20}
            size="short"
          />
          <TextField
            view={view}
            name="postcode"
            label={field('postcode')}
            values={values}
            errors={errors}
            autocomplete="off"
            inputMode="numeric"
            maxLength={5}
            size="short"
          />
          <TextField
            view={view}
            name="town"
            label={field('town')}
            values={values}
            errors={errors}
            autocomplete="off"
            maxLength={100}
            size="medium"
          />
        </fieldset>
        <RadioGroup
          view={view}
          name="role"
          label={field('role')}
          required
          inline
          values={values}
          errors={errors}
          options={[
            { value: 'owner', label: t('request.role.owner') },
            { value: 'tenant', label: t('request.role.tenant') },
          ]}
        />
        <fieldset class="fieldset solar-request__group">
          <legend>{t('request.you')}</legend>
          <TextField
            view={view}
            name="name"
            label={field('name')}
            required
            values={values}
            errors={errors}
            autocomplete="name"
            maxLength={200}
            size="medium"
          />
          <TextField
            view={view}
            name="postalStreet"
            label={field('postalStreet')}
            required
            values={values}
            errors={errors}
            autocomplete="street-address"
            maxLength={200}
            size="medium"
          />
          <TextField
            view={view}
            name="postalPostcode"
            label={field('postalPostcode')}
            required
            values={values}
            errors={errors}
            autocomplete="postal-code"
            maxLength={10}
            size="short"
          />
          <TextField
            view={view}
            name="postalTown"
            label={field('postalTown')}
            required
            values={values}
            errors={errors}
            autocomplete="address-level2"
            maxLength={100}
            size="medium"
          />
          <TextField
            view={view}
            name="postalCountry"
            label={field('postalCountry')}
            hint={t('request.postalCountryHint')}
            values={values}
            errors={errors}
            autocomplete="country-name"
            maxLength={60}
            size="medium"
          />
          <TextField
            view={view}
            name="email"
            type="email"
            label={field('email')}
            hint={t('request.emailHint')}
            required
            values={values}
            errors={errors}
            autocomplete="email"
            maxLength={254}
            size="medium"
          />
        </fieldset>
        <RadioGroup
          view={view}
          name="delivery"
          label={field('delivery')}
          required
          values={values}
          errors={errors}
          options={[
            { value: 'email', label: t('request.delivery.email') },
            { value: 'letter', label: t('request.delivery.letter') },
          ]}
        />
        <Honeypot />
        <p class="form__note">
          {t('request.privacy')} <a href={STATEMENT[view.locale]}>{t('request.privacyLink')}</a>.
        </p>
        <SubmitButton>{t('request.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

export function RequestReceivedPage({ view, reference }: { view: ViewContext; reference: string }) {
  const t = tr(view.locale);
  return (
    <Layout view={view} title={t('request.received.title')}>
      <h1>{t('request.received.title')}</h1>
      <p class="notice" role="status">
        {t('request.received.text', { reference })}
      </p>
      <p>{t('request.received.next')}</p>
      <p>
        <a href={REQUEST_PATHS.map[view.locale]}>{solarMessages['search.backToMap'][view.locale]}</a>
      </p>
    </Layout>
  );
}
