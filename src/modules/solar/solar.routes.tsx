import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { validateForm } from '../../core/http/index.ts';
import type { Locale } from '../../core/i18n/index.ts';
import type { AppContext } from '../../core/module.ts';
import { demoDataLoading } from '../../core/seed.ts';
import { sendPage, viewContextFor } from '../../core/views/index.ts';
import { splitAddress, townKey } from './solar.address.ts';
import { externalBasemap } from './solar.basemap.ts';
import { CLASS_STYLE } from './solar.classes.ts';
import { mapProgress } from './solar.map.queries.ts';
import { registerMapData } from './solar.map-data.routes.ts';
import { solarMessages } from './solar.messages.ts';
import { buildingsAtAddress, publicBuildings, recordObjection, searchAddresses } from './solar.queries.ts';
import { objectionSchema, searchSchema } from './solar.schema.ts';
import type { SolarTables } from './solar.tables.ts';
import {
  GEOJSON_PATH,
  MapPage,
  type MapSettings,
  type MapState,
  ObjectionPage,
  objectionLabels,
  ReceivedPage,
  SearchPage,
  SOLAR_PATHS,
} from './solar.views.tsx';

const LOCALES: readonly Locale[] = ['de', 'en'];

/**
 * MapLibre GL JS, served from our own origin under a versioned path (the page's CSP allows
 * nothing else). The library loads its worker from the file next to it, so both share a folder.
 */
function maplibreFiles(): { base: string; files: Map<string, { body: Buffer; type: string }> } {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('maplibre-gl/package.json');
  const { version } = JSON.parse(readFileSync(pkgFile, 'utf8')) as { version: string };
  const dist = path.join(path.dirname(pkgFile), 'dist');
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const [name, type] of [
    ['maplibre-gl.mjs', 'text/javascript; charset=utf-8'],
    ['maplibre-gl-worker.mjs', 'text/javascript; charset=utf-8'],
    ['maplibre-gl.css', 'text/css; charset=utf-8'],
  ] as const) {
    // Source maps are not served; their reference would only produce 404s in developer tools.
    const text = readFileSync(path.join(dist, name), 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
    files.set(name, { body: Buffer.from(text), type });
  }
  return { base: `/assets/solar/maplibre-${version}/`, files };
}

/**
 * The map page's policy, from the core's security headers: MapLibre starts its workers from its
 * own file on this origin, so `worker-src` needs no `blob:` here (raster tiles and the drawn
 * patterns do need `img-src blob:`, which stays). With a third party's base map configured, the
 * page (and only it) may load that provider's tiles, once the visitor asks for them: `img-src`
 * and `connect-src` name the one origin.
 */
function mapPagePolicy(reply: FastifyReply, externalOrigin: string | null): void {
  // The core sets its headers on the reply (once per request, from values computed at start-up).
  const csp = reply.getHeader('content-security-policy');
  if (typeof csp !== 'string') return;
  let policy = csp.replace(/(worker-src[^;]*?) blob:/, '$1');
  if (externalOrigin)
    policy = policy.replace(/(img-src[^;]*)/, `$1 ${externalOrigin}`).replace(/(connect-src[^;]*)/, `$1 ${externalOrigin}`);
  reply.header('content-security-policy', policy);
}

const byLocale = <T,>(paths: Record<Locale, T>) => LOCALES.map((locale) => [locale, paths[locale]] as const);

export async function registerSolarRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.withTables<SolarTables>();
  const { config } = ctx;
  const maplibre = maplibreFiles();
  for (const [name, file] of maplibre.files) {
    app.get(`${maplibre.base}${name}`, (_request, reply) =>
      reply.type(file.type).header('cache-control', 'public, max-age=31536000, immutable').send(file.body),
    );
  }

  const basemap = externalBasemap(config);
  const ownTiles = await registerMapData(app, ctx);
  const settings: MapSettings = {
    thresholds: {
      veryGood: config.SOLAR_CLASS_THRESHOLDS[0],
      good: config.SOLAR_CLASS_THRESHOLDS[1],
      suitable: config.SOLAR_CLASS_THRESHOLDS[2],
      loss: config.SOLAR_MAX_SHADING_LOSS_PERCENT,
      area: config.SOLAR_MIN_USABLE_AREA_M2,
    },
    basemap,
    ownTiles: ownTiles
      ? {
          tileSize: ownTiles.tileSize,
          minZoom: ownTiles.minZoom,
          maxZoom: ownTiles.maxZoom,
          bounds: ownTiles.bounds,
          attribution: config.SOLAR_BASEMAP_TILES_ATTRIBUTION ?? null,
        }
      : null,
    dataAttribution: config.SOLAR_DATA_ATTRIBUTION,
    maplibreUrl: `${maplibre.base}maplibre-gl.mjs`,
    maplibreCss: `${maplibre.base}maplibre-gl.css`,
  };

  for (const path of Object.values(SOLAR_PATHS.map)) {
    app.get(path, async (request, reply) => {
      // The policy allows the provider, so its tiles can load once the visitor asks for them (C12).
      mapPagePolicy(reply, basemap?.origin ?? null);
      const progress = await mapProgress(db, ctx.clock.now());
      const state: MapState = progress.computing || demoDataLoading(ctx, 'solar') ? 'computing' : progress.computed ? 'complete' : 'empty';
      return sendPage(reply, <MapPage view={viewContextFor(request, SOLAR_PATHS.map)} settings={settings} state={state} />);
    });
  }

  // The public map data (C24): per building and address only street, house number and the
  // colour of its class, plus the footprint that carries the colour. No ids, no figures.
  app.get(GEOJSON_PATH, async (_request, reply) => {
    const features = [];
    for (const b of await publicBuildings(db)) {
      const colour = CLASS_STYLE[b.suitability].colour;
      const addresses = b.addresses.length > 0 ? b.addresses : [{ street: null, number: null }];
      for (const a of addresses)
        features.push({ type: 'Feature', geometry: b.footprint, properties: { street: a.street, number: a.number, colour } });
    }
    // Not cached: an objection must take effect at once (C26).
    return reply
      .type('application/geo+json; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(JSON.stringify({ type: 'FeatureCollection', features }));
  });

  for (const [locale, path] of byLocale(SOLAR_PATHS.search)) {
    app.get(path, async (request, reply) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const search = new URLSearchParams();
      for (const key of ['strasse', 'nr']) if (typeof query[key] === 'string') search.set(key, query[key] as string);
      const suffix = search.size > 0 ? `?${search}` : '';
      const view = viewContextFor(request, { de: `${SOLAR_PATHS.search.de}${suffix}`, en: `${SOLAR_PATHS.search.en}${suffix}` });
      if (!('strasse' in query) && !('nr' in query)) return sendPage(reply, <SearchPage view={view} settings={settings} />);
      const labels = { strasse: solarMessages['search.street'][locale], nr: solarMessages['search.number'][locale] };
      const form = validateForm(searchSchema, query, { locale, labels, messages: solarMessages });
      if (!form.ok) return sendPage(reply, <SearchPage view={view} settings={settings} values={form.values} errors={form.errors} />, 400);
      const address = splitAddress(form.data.strasse, form.data.nr ?? '');
      const { hits, more } = await searchAddresses(db, address.street, address.number);
      return sendPage(
        reply,
        <SearchPage
          view={view}
          settings={settings}
          values={form.values}
          result={{ query: `${address.street} ${address.number}`.trim(), hits, more }}
        />,
      );
    });
  }

  for (const [locale, path] of byLocale(SOLAR_PATHS.objection)) {
    app.get(path, (request, reply) => sendPage(reply, <ObjectionPage view={viewContextFor(request, SOLAR_PATHS.objection)} />));
    app.post(
      path,
      { config: { rateLimit: { max: config.FORM_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } } },
      async (request, reply) => {
        const view = viewContextFor(request, SOLAR_PATHS.objection);
        const labels = objectionLabels(locale);
        const form = validateForm(objectionSchema, request.body, { locale, labels, messages: solarMessages });
        if (!form.ok) return sendPage(reply, <ObjectionPage view={view} values={form.values} errors={form.errors} />, 400);
        const input = form.data;
        const matches = await buildingsAtAddress(db, input);
        const towns = new Set(matches.map((m) => townKey(m.town ?? '')));
        const problem =
          matches.length === 0 ? { street: 'objection.error.notFound' } : towns.size > 1 ? { postcode: 'objection.error.ambiguous' } : null;
        if (problem) {
          const errors = Object.fromEntries(
            Object.entries(problem).map(([field, key]) => [field, solarMessages[key as keyof typeof solarMessages][locale]]),
          );
          return sendPage(reply, <ObjectionPage view={view} values={form.values} errors={errors} />, 400);
        }
        await recordObjection(
          db,
          {
            role: input.role,
            name: input.name,
            email: input.email,
            street: input.street,
            number: input.number,
            postcode: input.postcode ?? null,
            town: input.town ?? null,
            locale,
          },
          matches,
          ctx.clock.now(),
        );
        return reply.redirect(SOLAR_PATHS.received[locale], 303);
      },
    );
  }

  for (const path of Object.values(SOLAR_PATHS.received)) {
    app.get(path, (request, reply) => sendPage(reply, <ReceivedPage view={viewContextFor(request, SOLAR_PATHS.received)} />));
  }
}
