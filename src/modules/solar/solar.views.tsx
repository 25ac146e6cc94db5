import type { FieldErrors, FormValues } from '../../core/http/index.ts';
import { type Locale, translator } from '../../core/i18n/index.ts';
import { ErrorSummary, Form, Layout, RadioGroup, SubmitButton, TextField, type ViewContext } from '../../core/views/index.ts';
import type { SuitabilityClass } from './compute/suitability.ts';
import { CLASS_STYLE, SUITABILITY_CLASSES } from './solar.classes.ts';
import { type SolarMessageKey, solarMessages } from './solar.messages.ts';
import type { AddressHit } from './solar.queries.ts';
import { RequestTeaser } from './solar.request.views.tsx';

export const SOLAR_PATHS = {
  map: { de: '/solar', en: '/en/solar' },
  search: { de: '/solar/suche', en: '/en/solar/search' },
  objection: { de: '/solar/widerspruch', en: '/en/solar/objection' },
  received: { de: '/solar/widerspruch/eingegangen', en: '/en/solar/objection/received' },
} as const;

/** The public map data (C24): per building and address street, house number and colour. */
export const GEOJSON_PATH = '/solar/karte.geojson';
/** The first-party base map: every visible building's ground plan and the street names. */
export const BASEMAP_GEOJSON_PATH = '/solar/grundkarte.geojson';
/** The 3D view: prisms with a colour and two heights each. */
export const MODEL_3D_PATH = '/solar/karte-3d.geojson';
/** A self-hosted tile set (SOLAR_BASEMAP_TILES), served from this origin. */
export const OWN_TILES_PATH = '/solar/grundkarte';

/** What the pages say about the configuration: thresholds, base maps, data source. */
export interface MapSettings {
  thresholds: { veryGood: number; good: number; suitable: number; loss: number; area: number };
  /** A third party's raster tiles, loaded only when the visitor asks for them (C12). */
  basemap: { url: string; host: string; attribution: string | null } | null;
  /** The operator's own tiles, served from this origin. */
  ownTiles: { tileSize: number; minZoom: number; maxZoom: number; bounds: readonly number[] | null; attribution: string | null } | null;
  dataAttribution: string;
  /** URL of MapLibre's module, served from our own origin. */
  maplibreUrl: string;
  maplibreCss: string;
}

/** Whether the map shows everything: a computation under way (or the demo loading) leaves it incomplete. */
export type MapState = 'complete' | 'computing' | 'empty';

const tr = (locale: Locale) => translator(solarMessages, locale);

function Swatch({ suitability }: { suitability: SuitabilityClass }) {
  return <span class={`solar-swatch solar-swatch--${suitability}`} aria-hidden="true" />;
}

function SearchForm({ view, values = {}, errors = {} }: { view: ViewContext; values?: FormValues; errors?: FieldErrors }) {
  const t = tr(view.locale);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a form with role=search is the landmark every screen reader knows
    <form
      method="get"
      action={SOLAR_PATHS.search[view.locale]}
      role="search"
      class="solar-search"
      id="solar-search"
      noValidate
      aria-labelledby="solar-search-heading"
      data-msg-error-title={view.t('form.errorSummary')}
      data-msg-street-required={t('search.error.street')}
    >
      <h2 id="solar-search-heading">{t('search.heading')}</h2>
      <div class="solar-search__fields">
        <TextField
          view={view}
          name="strasse"
          label={t('search.street')}
          hint={t('search.streetHint')}
          required
          values={values}
          errors={errors}
          autocomplete="off"
          maxLength={100}
          size="medium"
        />
        <TextField
          view={view}
          name="nr"
          label={t('search.number')}
          values={values}
          errors={errors}
          autocomplete="off"
          maxLength={20}
          size="short"
        />
      </div>
      <SubmitButton>{t('search.submit')}</SubmitButton>
    </form>
  );
}

function Legend({ view, settings }: { view: ViewContext; settings: MapSettings }) {
  const t = tr(view.locale);
  return (
    <section aria-labelledby="solar-legend-heading" class="solar-legend">
      <h2 id="solar-legend-heading">{t('legend.heading')}</h2>
      <p>{t('legend.intro')}</p>
      <ul class="solar-legend__list">
        {SUITABILITY_CLASSES.map((c) => (
          <li
            key={c}
            data-colour={CLASS_STYLE[c].colour}
            data-pattern={CLASS_STYLE[c].pattern}
            data-label={t(`class.${c}` as SolarMessageKey)}
          >
            <Swatch suitability={c} />{' '}
            <span>
              <strong>{t(`class.${c}` as SolarMessageKey)}</strong> ({t(`pattern.${CLASS_STYLE[c].pattern}` as SolarMessageKey)}):{' '}
              {t(`legend.${c}` as SolarMessageKey, settings.thresholds)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ObjectionTeaser({ view }: { view: ViewContext }) {
  const t = tr(view.locale);
  return (
    <section aria-labelledby="solar-objection-heading">
      <h2 id="solar-objection-heading">{t('objection.teaser.heading')}</h2>
      <p>{t('objection.teaser.text')}</p>
      <p>
        <a href={SOLAR_PATHS.objection[view.locale]}>{t('objection.teaser.link')}</a>
      </p>
    </section>
  );
}

function BasemapNote({ view, settings }: { view: ViewContext; settings: MapSettings }) {
  const t = tr(view.locale);
  const { basemap, ownTiles } = settings;
  return (
    <>
      <p class="solar-basemap">
        {ownTiles ? t('basemap.own', { attribution: ownTiles.attribution ?? view.org.shortName }) : t('basemap.none')}
      </p>
      {basemap ? (
        <p class="solar-basemap" id="solar-external-note">
          {t('basemap.external', { host: basemap.host })}{' '}
          <span class="extern">
            {view.t('extern.mark')} <span class="extern__terms">({view.t('extern.terms', { host: basemap.host })})</span>
          </span>
        </p>
      ) : null}
    </>
  );
}

export function MapPage({ view, settings, state }: { view: ViewContext; settings: MapSettings; state: MapState }) {
  const t = tr(view.locale);
  const { basemap, ownTiles } = settings;
  return (
    <Layout
      view={view}
      title={t('map.title')}
      description={t('map.description')}
      scripts={['/assets/solar-map.js']}
      styles={[settings.maplibreCss, '/assets/solar.css']}
    >
      <h1>{t('map.title')}</h1>
      <p class="prose">{t('map.intro')}</p>
      {state === 'complete' ? null : (
        <p class="notice solar-state" role="status">
          {t(state === 'computing' ? 'map.computing' : 'map.empty')}
        </p>
      )}
      <div class="solar-layout">
        <div class="solar-layout__search">
          <SearchForm view={view} />
          <div id="solar-results" class="solar-results" aria-live="polite" />
        </div>
        <section aria-labelledby="solar-map-heading" class="solar-map-section">
          <h2 id="solar-map-heading">{t('map.heading')}</h2>
          <p class="solar-map__hint">{t('map.keyboard')}</p>
          {/* Buttons that only the map's script can serve: it shows them once the map is ready. */}
          <div class="solar-map__tools" id="solar-tools" hidden>
            <button type="button" id="solar-3d" class="button button--secondary button--small" aria-pressed="false">
              {t('view.3d')}
            </button>
            {basemap ? (
              <button
                type="button"
                id="solar-external"
                class="button button--secondary button--small"
                aria-pressed="false"
                aria-describedby="solar-external-note"
              >
                {t('basemap.button', { host: basemap.host })} {view.t('extern.mark')}
              </button>
            ) : null}
          </div>
          <div
            id="solar-map"
            class="solar-map"
            data-geojson={GEOJSON_PATH}
            data-basemap-geojson={BASEMAP_GEOJSON_PATH}
            data-model3d={MODEL_3D_PATH}
            data-maplibre={settings.maplibreUrl}
            data-label={t('map.region')}
            data-locale={view.locale}
            data-attribution={settings.dataAttribution}
            data-tiles={ownTiles ? `${OWN_TILES_PATH}/{z}/{x}/{y}` : undefined}
            data-tiles-size={ownTiles ? String(ownTiles.tileSize) : undefined}
            data-tiles-zoom={ownTiles ? `${ownTiles.minZoom},${ownTiles.maxZoom}` : undefined}
            data-tiles-bounds={ownTiles?.bounds ? ownTiles.bounds.join(',') : undefined}
            data-tiles-attribution={ownTiles ? (ownTiles.attribution ?? view.org.shortName) : undefined}
            data-external={basemap?.url}
            data-external-attribution={basemap ? `${basemap.attribution ?? basemap.host} ${view.t('extern.mark')}` : undefined}
            data-msg-found={t('search.found')}
            data-msg-none={t('search.none')}
            data-msg-show={t('search.showOnMap')}
            data-msg-marked={t('map.marked')}
          >
            <p class="solar-map__fallback">{t('map.noScript')}</p>
          </div>
          <BasemapNote view={view} settings={settings} />
        </section>
      </div>
      <Legend view={view} settings={settings} />
      <p class="solar-source">
        {t('source.data', { attribution: settings.dataAttribution })} {t('source.method')} {t('source.heights')}
      </p>
      <RequestTeaser view={view} />
      <ObjectionTeaser view={view} />
    </Layout>
  );
}

export interface SearchResult {
  query: string;
  hits: AddressHit[];
  more: boolean;
}

export function SearchPage(props: {
  view: ViewContext;
  settings: MapSettings;
  values?: FormValues;
  errors?: FieldErrors;
  result?: SearchResult;
}) {
  const { view, settings, values, errors = {}, result } = props;
  const t = tr(view.locale);
  const failed = Object.keys(errors).length > 0;
  return (
    <Layout view={view} title={`${failed ? view.t('form.errorTitlePrefix') : ''}${t('search.title')}`} styles={['/assets/solar.css']}>
      <h1>{t('search.title')}</h1>
      <ErrorSummary view={view} errors={errors} labels={{ strasse: t('search.street'), nr: t('search.number') }} />
      <SearchForm view={view} values={values ?? {}} errors={errors} />
      {result ? (
        <section aria-labelledby="solar-hits-heading" class="solar-hits">
          <h2 id="solar-hits-heading">{t('search.resultsFor', { query: result.query })}</h2>
          {result.hits.length === 0 ? (
            <p>{t('search.none')}</p>
          ) : (
            <>
              <p>{t('search.found', { n: result.hits.length })}</p>
              <ul class="solar-hits__list">
                {result.hits.map((h) => (
                  <li class="solar-hit" key={`${h.street}|${h.number}`}>
                    <Swatch suitability={h.suitability} />
                    <span>
                      <span class="solar-hit__address">{`${h.street} ${h.number}`.trim()}</span>:{' '}
                      <strong class="solar-hit__class">{t(`class.${h.suitability}` as SolarMessageKey)}</strong>
                    </span>
                  </li>
                ))}
              </ul>
              {result.more ? <p>{t('search.more')}</p> : null}
              <p class="solar-hits__note">{t('search.sharedAddress')}</p>
            </>
          )}
        </section>
      ) : null}
      <Legend view={view} settings={settings} />
      <p>
        <a href={SOLAR_PATHS.map[view.locale]}>{t('search.backToMap')}</a>
      </p>
    </Layout>
  );
}

export const objectionLabels = (locale: Locale): Record<string, string> => {
  const t = tr(locale);
  return {
    role: t('objection.role'),
    street: t('objection.street'),
    number: t('objection.number'),
    postcode: t('objection.postcode'),
    town: t('objection.town'),
    name: t('objection.name'),
    email: t('objection.email'),
  };
};

export function ObjectionPage({ view, values = {}, errors = {} }: { view: ViewContext; values?: FormValues; errors?: FieldErrors }) {
  const t = tr(view.locale);
  const labels = objectionLabels(view.locale);
  const failed = Object.keys(errors).length > 0;
  return (
    <Layout view={view} title={`${failed ? view.t('form.errorTitlePrefix') : ''}${t('objection.title')}`} styles={['/assets/solar.css']}>
      <h1>{t('objection.title')}</h1>
      <p class="prose">{t('objection.intro')}</p>
      <Form view={view} action={SOLAR_PATHS.objection[view.locale]} errors={errors} labels={labels}>
        <RadioGroup
          view={view}
          name="role"
          label={labels.role as string}
          required
          inline
          values={values}
          errors={errors}
          options={[
            { value: 'owner', label: t('objection.role.owner') },
            { value: 'tenant', label: t('objection.role.tenant') },
          ]}
        />
        <TextField
          view={view}
          name="street"
          label={labels.street as string}
          required
          values={values}
          errors={errors}
          autocomplete="street-address"
          maxLength={100}
          size="medium"
        />
        <TextField
          view={view}
          name="number"
          label={labels.number as string}
          required
          values={values}
          errors={errors}
          maxLength={20}
          size="short"
        />
        <TextField
          view={view}
          name="postcode"
          label={labels.postcode as string}
          values={values}
          errors={errors}
          autocomplete="postal-code"
          inputMode="numeric"
          maxLength={5}
          size="short"
        />
        <TextField
          view={view}
          name="town"
          label={labels.town as string}
          values={values}
          errors={errors}
          autocomplete="address-level2"
          maxLength={100}
          size="medium"
        />
        <TextField
          view={view}
          name="name"
          label={labels.name as string}
          required
          values={values}
          errors={errors}
          autocomplete="name"
          maxLength={200}
          size="medium"
        />
        <TextField
          view={view}
          name="email"
          type="email"
          label={labels.email as string}
          hint={t('objection.emailHint')}
          required
          values={values}
          errors={errors}
          autocomplete="email"
          maxLength={254}
          size="medium"
        />
        <p class="form__note">{t('objection.privacy')}</p>
        <SubmitButton>{t('objection.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

export function ReceivedPage({ view }: { view: ViewContext }) {
  const t = tr(view.locale);
  return (
    <Layout view={view} title={t('objection.received.title')}>
      <h1>{t('objection.received.title')}</h1>
      <p class="notice" role="status">
        {t('objection.received.text')}
      </p>
      <p>
        <a href={SOLAR_PATHS.map[view.locale]}>{t('search.backToMap')}</a>
      </p>
    </Layout>
  );
}
