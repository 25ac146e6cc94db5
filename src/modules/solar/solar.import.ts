import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { BuildingIssue, CityBuilding } from './compute/citygml.ts';
import { CityGmlSyntaxError, readCityGml } from './compute/citygml.ts';
import { analyseSurface } from './compute/geometry.ts';
import { roofSurfacesWithPart } from './compute/pipeline.ts';
import { addressKey, numberKey, streetKey } from './solar.address.ts';
import { buildingFootprint } from './solar.footprint.ts';
import { encodePolygons } from './solar.geometry-codec.ts';
import { markObjectionsOfGoneBuildings } from './solar.objection-lifetime.ts';
import { openPlain, plainName } from './solar.source-file.ts';
import type { SolarTables } from './solar.tables.ts';

export interface ImportIssue extends BuildingIssue {
  file: string;
}

export interface TileImportReport {
  file: string;
  tile: string;
  tileId: number;
  sha256: string;
  bytes: number;
  buildings: number;
  parts: number;
  roofSurfaces: number;
  addresses: number;
  /** Buildings of the tile before this import (all replaced). */
  replaced: number;
  /** Buildings that moved here from another tile (same ALKIS id). */
  moved: number;
  issues: ImportIssue[];
  seconds: number;
}

export interface ImportOptions {
  now: Date;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Called for each skipped building as soon as it is found. */
  onIssue?: (issue: ImportIssue) => void;
}

/** The file cannot be read as CityGML at all (not well-formed, wrong CRS): nothing was changed. */
export class SolarImportError extends Error {
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'SolarImportError';
    this.file = file;
  }
}

type Db = Kysely<SolarTables> | Transaction<SolarTables>;
const BATCH = 200;

/** What one building becomes in the tables, computed before anything is written. */
interface BuildingRows {
  building: CityBuilding;
  footprint: ReturnType<typeof buildingFootprint>;
  obstacles: Uint8Array;
  roofs: {
    ordinal: number;
    part_id: string | null;
    gml_id: string | null;
    polygons: Uint8Array;
    polygon_count: number;
    area_m2: number;
    tilt_deg: number;
    azimuth_deg: number | null;
    facing_down: boolean;
  }[];
  addresses: { part_id: string | null; street: string | null; number: string | null; postcode: string | null; town: string | null }[];
}

function rowsOf(building: CityBuilding): BuildingRows {
  const footprint = buildingFootprint(building);
  const obstacles = [building, ...building.parts]
    .flatMap((p) => [...p.wallSurfaces, ...p.otherSurfaces])
    // Closure surfaces are virtual; the computation core leaves them out of the obstacles too.
    .filter((s) => s.kind !== 'ClosureSurface')
    .flatMap((s) => s.polygons);
  const roofs = roofSurfacesWithPart(building).map(({ surface, partId }, ordinal) => {
    const geometry = analyseSurface(surface.polygons);
    if (!Number.isFinite(geometry.area) || !Number.isFinite(geometry.tiltDeg))
      throw new Error(`roof surface ${surface.id ?? ordinal} has no area`);
    return {
      ordinal,
      part_id: partId,
      gml_id: surface.id,
      polygons: encodePolygons(surface.polygons),
      polygon_count: surface.polygons.length,
      area_m2: geometry.area,
      tilt_deg: geometry.tiltDeg,
      azimuth_deg: geometry.azimuthTrueDeg,
      facing_down: geometry.facingDown,
    };
  });
  const addresses = [
    ...building.addresses.map((a) => ({ ...a, part_id: null })),
    ...building.parts.flatMap((p) => p.addresses.map((a) => ({ ...a, part_id: p.id }))),
  ].filter((a) => a.street !== null && a.street !== '');
  return { building, footprint, obstacles: encodePolygons(obstacles), roofs, addresses };
}

async function insertBatch(trx: Db, tileId: number, batch: BuildingRows[]): Promise<number> {
  if (batch.length === 0) return 0;
  // A building keeps its ALKIS id across tiles: the newest tile that holds it wins.
  const moved = await trx
    .deleteFrom('solar_buildings')
    .where(
      'alkis_id',
      'in',
      batch.map((r) => r.building.id),
    )
    .where('tile_id', '<>', tileId)
    .executeTakeFirst();
  const ids = await trx
    .insertInto('solar_buildings')
    .values(
      batch.map(({ building: b, footprint: f, obstacles }) => ({
        tile_id: tileId,
        alkis_id: b.id,
        function: b.function,
        roof_type: b.roofType ?? b.parts.find((p) => p.roofType !== null)?.roofType ?? null,
        measured_height_m: b.measuredHeight ?? maxOf(b.parts.map((p) => p.measuredHeight)),
        part_count: b.parts.length,
        source_line: b.line,
        footprint: JSON.stringify(f.geometry),
        centroid_lon: f.centroidLon,
        centroid_lat: f.centroidLat,
        min_x: f.bbox.minX,
        min_y: f.bbox.minY,
        max_x: f.bbox.maxX,
        max_y: f.bbox.maxY,
        obstacle_polygons: obstacles,
      })),
    )
    .returning(['id', 'alkis_id'])
    .execute();
  const idOf = new Map(ids.map((r) => [r.alkis_id, r.id]));
  const roofs = batch.flatMap((r) => r.roofs.map((roof) => ({ ...roof, building_id: idOf.get(r.building.id) as number })));
  for (let i = 0; i < roofs.length; i += 1000)
    await trx
      .insertInto('solar_roof_surfaces')
      .values(roofs.slice(i, i + 1000))
      .execute();
  const addresses = batch.flatMap((r) =>
    r.addresses.map((a) => ({
      ...a,
      building_id: idOf.get(r.building.id) as number,
      street_key: streetKey(a.street ?? ''),
      number_key: numberKey(a.number ?? ''),
      address_key: addressKey(a.street ?? '', a.number ?? '', a.town ?? ''),
    })),
  );
  for (let i = 0; i < addresses.length; i += 1000)
    await trx
      .insertInto('solar_addresses')
      .values(addresses.slice(i, i + 1000))
      .execute();
  return Number(moved.numDeletedRows);
}

function maxOf(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? Math.max(...known) : null;
}

/** EPSG:25832 under its many spellings (the AdV URN, EPSG URNs and URLs). */
function isUtm32(srsName: string): boolean {
  return /25832|UTM32|UTM_?zone_?32/i.test(srsName);
}

/**
 * Imports one CityGML LoD2 tile in one transaction, streamed: at most one building and one batch
 * of rows are held in memory. Importing a file of the same name again replaces its buildings;
 * objections are kept elsewhere and survive (C26). A building that cannot be read is reported
 * with element and line and skipped; malformed XML or a foreign CRS rejects the whole file and
 * changes nothing.
 */
export async function importTile(db: Kysely<SolarTables>, file: string, options: ImportOptions): Promise<TileImportReport> {
  const started = performance.now();
  const fileName = plainName(file);
  const { size } = await stat(file);
  const hash = createHash('sha256');
  let srsName: string | null = null;
  let head = '';

  async function* chunks(): AsyncGenerator<Uint8Array> {
    const source = openPlain(file);
    for await (const chunk of source.stream) {
      const buf = chunk as Buffer;
      hash.update(buf);
      if (srsName === null && head.length < 65_536) {
        head += buf.subarray(0, 65_536).toString('latin1');
        const found = /srsName="([^"]+)"/.exec(head);
        if (found) {
          srsName = found[1] as string;
          if (!isUtm32(srsName))
            throw new SolarImportError(fileName, `coordinate reference system ${srsName} is not supported (EPSG:25832 expected)`);
        }
      }
      options.onProgress?.(source.bytesRead(), size);
      yield buf;
    }
  }

  const report: TileImportReport = {
    file: fileName,
    tile: fileName.replace(/\.(gml|xml|citygml)$/i, ''),
    tileId: 0,
    sha256: '',
    bytes: size,
    buildings: 0,
    parts: 0,
    roofSurfaces: 0,
    addresses: 0,
    replaced: 0,
    moved: 0,
    issues: [],
    seconds: 0,
  };
  const issue = (i: BuildingIssue) => {
    const full = { ...i, file: fileName };
    report.issues.push(full);
    options.onIssue?.(full);
  };

  try {
    await db.transaction().execute(async (trx) => {
      const tile = await trx
        .insertInto('solar_tiles')
        .values({ file_name: fileName, name: report.tile, file_sha256: '', buildings: 0, skipped: 0, imported_at: options.now })
        .onConflict((oc) => oc.column('file_name').doUpdateSet({ imported_at: options.now }))
        .returning('id')
        .executeTakeFirstOrThrow();
      report.tileId = tile.id;
      const old = await trx.deleteFrom('solar_buildings').where('tile_id', '=', tile.id).executeTakeFirst();
      report.replaced = Number(old.numDeletedRows);

      const seen = new Set<string>();
      let batch: BuildingRows[] = [];
      const bbox = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
      for await (const building of readCityGml(chunks(), { onIssue: issue })) {
        if (seen.has(building.id)) {
          issue({
            buildingId: building.id,
            element: 'bldg:Building',
            line: building.line,
            message: `gml:id ${building.id} occurs twice in the file; the second is skipped`,
          });
          continue;
        }
        seen.add(building.id);
        let rows: BuildingRows;
        try {
          rows = rowsOf(building);
        } catch (err) {
          issue({ buildingId: building.id, element: 'bldg:Building', line: building.line, message: (err as Error).message });
          continue;
        }
        bbox.minX = Math.min(bbox.minX, rows.footprint.bbox.minX);
        bbox.minY = Math.min(bbox.minY, rows.footprint.bbox.minY);
        bbox.maxX = Math.max(bbox.maxX, rows.footprint.bbox.maxX);
        bbox.maxY = Math.max(bbox.maxY, rows.footprint.bbox.maxY);
        report.buildings += 1;
        report.parts += building.parts.length;
        report.roofSurfaces += rows.roofs.length;
        report.addresses += rows.addresses.length;
        batch.push(rows);
        if (batch.length >= BATCH) {
          report.moved += await insertBatch(trx, tile.id, batch);
          batch = [];
        }
      }
      report.moved += await insertBatch(trx, tile.id, batch);
      report.sha256 = hash.digest('hex');
      const known = report.buildings > 0;
      await trx
        .updateTable('solar_tiles')
        .set({
          file_sha256: report.sha256,
          srs_name: srsName,
          buildings: report.buildings,
          skipped: report.issues.length,
          min_x: known ? bbox.minX : null,
          min_y: known ? bbox.minY : null,
          max_x: known ? bbox.maxX : null,
          max_y: known ? bbox.maxY : null,
          imported_at: options.now,
        })
        .where('id', '=', tile.id)
        .execute();
      if (report.moved > 0) {
        // Buildings that moved here no longer count for the tiles they came from.
        await sql`update solar_tiles t set buildings = (select count(*) from solar_buildings b where b.tile_id = t.id) where t.id <> ${tile.id}`.execute(
          trx,
        );
      }
      // An objection whose building this import removed (or brought back) starts (or stops) the
      // clock of its deletion (C26).
      await markObjectionsOfGoneBuildings(trx, options.now);
    });
  } catch (err) {
    if (err instanceof CityGmlSyntaxError)
      throw new SolarImportError(
        fileName,
        `line ${err.line}, column ${err.column}: ${err.message.replace(/^CityGML line \d+, column \d+: /, '')}`,
      );
    throw err;
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
