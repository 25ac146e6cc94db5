import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../core/module.ts';
import { isTileAddress, openTileSet, type TileSet } from './solar.basemap-tiles.ts';
import { baseMap, buildingsIn3d } from './solar.map.queries.ts';
import type { SolarTables } from './solar.tables.ts';
import { BASEMAP_GEOJSON_PATH, MODEL_3D_PATH, OWN_TILES_PATH } from './solar.views.tsx';

/** Not cached: an objection must take effect at once in every layer (C26). */
function sendGeoJson(reply: FastifyReply, data: unknown) {
  return reply.type('application/geo+json; charset=utf-8').header('cache-control', 'no-cache').send(JSON.stringify(data));
}

/**
 * The layers the map draws besides the classes: the first-party base map (ground plans and
 * street names), the 3D view, and the operator's own tiles when configured. Returns the tile set
 * so the page can describe it.
 */
export async function registerMapData(app: FastifyInstance, ctx: AppContext): Promise<TileSet | null> {
  const db = ctx.db.withTables<SolarTables>();
  app.get(BASEMAP_GEOJSON_PATH, async (_request, reply) => sendGeoJson(reply, await baseMap(db)));
  app.get(MODEL_3D_PATH, async (_request, reply) => sendGeoJson(reply, await buildingsIn3d(db)));

  const location = ctx.config.SOLAR_BASEMAP_TILES;
  if (!location) return null;
  // A wrong setting stops the start with the reason, rather than a map that silently lacks its base.
  const tiles = await openTileSet(location);
  app.addHook('onClose', () => tiles.close());
  app.get<{ Params: { z: string; x: string; y: string } }>(`${OWN_TILES_PATH}/:z/:x/:y`, async (request, reply) => {
    const [z, x, y] = [request.params.z, request.params.x, request.params.y].map((v) => (/^\d{1,8}$/.test(v) ? Number(v) : Number.NaN));
    if (!isTileAddress(z as number, x as number, y as number)) return reply.code(404).send();
    const bytes = await tiles.tile(z as number, x as number, y as number);
    reply.header('cache-control', 'public, max-age=86400');
    // No tile there (sea, or outside the set): "no content", which MapLibre draws as empty.
    if (!bytes) return reply.code(204).send();
    return reply.type(tiles.contentType).send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
  return tiles;
}
