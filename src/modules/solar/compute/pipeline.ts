import type { Shading, SiteYear, SiteYearOptions } from './annual.ts';
import { annualIrradiation, prepareSiteYear } from './annual.ts';
import type { BoundarySurface, CityBuilding } from './citygml.ts';
import type { EpwYear } from './epw.ts';
import type { SurfaceGeometry } from './geometry.ts';
import { analyseSurface, tiltDeg, wrap360 } from './geometry.ts';
import type { HorizonContext, HorizonOptions } from './horizon.ts';
import { createHorizonContext, defaultHorizonOptions } from './horizon.ts';
import type { SkyModel } from './irradiance.ts';
import type { ObstacleSource } from './obstacles.ts';
import { buildObstacleIndex } from './obstacles.ts';
import { gridAzimuthOfTrueNorthDeg } from './projection.ts';
import type { RoofRasterOptions } from './roof-raster.ts';
import { defaultRoofRasterOptions, rasteriseRoof } from './roof-raster.ts';
import type { SunLookup } from './shading.ts';
import { prepareSunLookup, shadeSurface } from './shading.ts';
import type { BuildingAssessment, SuitabilityConfig, SurfaceAssessment } from './suitability.ts';
import { assessBuilding, assessSurface, defaultSuitabilityConfig } from './suitability.ts';

/**
 * The whole computation for one tile: buildings (from citygml.ts) + weather year → per roof
 * surface irradiation, shading, usable area, yield and class, per building the summary.
 * `createTileContext` + `assessTileBuilding` are the pieces for splitting the work over threads:
 * the context is built from plain data and each building is assessed independently.
 */

export interface TileOptions {
  suitability?: Partial<SuitabilityConfig>;
  raster?: Partial<Omit<RoofRasterOptions, 'setback'>>;
  horizon?: Partial<HorizonOptions>;
  /** Compute shading by buildings (default true). */
  shading?: boolean;
  /** Lift of the sample points along the roof normal, metres (avoids grazing hits on adjoining surfaces). */
  normalOffsetM?: number;
  /** Grid cell size of the obstacle index, metres. */
  obstacleCellM?: number;
  model?: SkyModel;
  siteYear?: SiteYearOptions;
  /** Buildings outside the tile that can cast shadows into it (not assessed). */
  neighbours?: Iterable<CityBuilding>;
  onProgress?: (progress: TileProgress) => void;
}

export interface TileProgress {
  phase: 'reading' | 'indexing' | 'computing';
  done: number;
  /** null while the number of buildings is not known yet. */
  total: number | null;
}

export interface TileContext {
  buildings: CityBuilding[];
  year: SiteYear;
  config: SuitabilityConfig;
  raster: RoofRasterOptions;
  model: SkyModel;
  /** Unshaded annual irradiation of the reference plane, kWh/m². */
  optimumKwhM2: number;
  gridAzimuthOfTrueNorthDeg: number;
  /** Obstacle owner key of each building's first roof surface. */
  firstOwner: Int32Array;
  horizon: HorizonContext | null;
  sun: SunLookup | null;
  normalOffsetM: number;
}

export interface TileResult {
  buildings: BuildingAssessment[];
  optimumKwhM2: number;
  gridAzimuthOfTrueNorthDeg: number;
  roofSurfaces: number;
  seconds: number;
}

/** Roof surfaces of a building and its parts, in a fixed order, with the part they belong to. */
export function roofSurfacesWithPart(building: CityBuilding): { surface: BoundarySurface; partId: string | null }[] {
  return [
    ...building.roofSurfaces.map((surface) => ({ surface, partId: null })),
    ...building.parts.flatMap((p) => p.roofSurfaces.map((surface) => ({ surface, partId: p.id }))),
  ];
}

/** All of a building's shading-relevant polygons, as one obstacle cluster `group`. */
function obstacleSources(building: CityBuilding, firstOwner: number, group: number): ObstacleSource[] {
  const sources: ObstacleSource[] = roofSurfacesWithPart(building).map(({ surface }, j) => ({
    owner: firstOwner < 0 ? -1 : firstOwner + j,
    group,
    polygons: surface.polygons,
  }));
  for (const owner of [building, ...building.parts]) {
    for (const s of [...owner.wallSurfaces, ...owner.otherSurfaces]) {
      // Closure surfaces are virtual (they close parts against each other); ground surfaces lie below every roof.
      if (s.kind !== 'ClosureSurface') sources.push({ owner: -1, group, polygons: s.polygons });
    }
  }
  return sources;
}

function meanRoofPosition(buildings: readonly CityBuilding[]): [number, number] | null {
  let x = 0;
  let y = 0;
  let n = 0;
  for (const b of buildings) {
    for (const { surface } of roofSurfacesWithPart(b)) {
      for (const p of surface.polygons) {
        x += p.exterior[0]!;
        y += p.exterior[1]!;
        n++;
      }
    }
  }
  return n > 0 ? [x / n, y / n] : null;
}

export function createTileContext(buildings: CityBuilding[], weather: EpwYear | SiteYear, options: TileOptions = {}): TileContext {
  const year = 'sky' in weather ? weather : prepareSiteYear(weather, options.siteYear);
  const config = { ...defaultSuitabilityConfig, ...options.suitability };
  const raster = { ...defaultRoofRasterOptions, ...options.raster, setback: config.setbackM };
  const model = options.model ?? 'perez';
  const centre = meanRoofPosition(buildings);
  const convergence = centre === null ? 0 : gridAzimuthOfTrueNorthDeg(centre[0], centre[1]);

  const firstOwner = new Int32Array(buildings.length);
  let owners = 0;
  buildings.forEach((b, i) => {
    firstOwner[i] = owners;
    owners += roofSurfacesWithPart(b).length;
  });

  let horizon: HorizonContext | null = null;
  let sun: SunLookup | null = null;
  if (options.shading ?? true) {
    options.onProgress?.({ phase: 'indexing', done: 0, total: buildings.length });
    const sources = buildings.flatMap((b, i) => obstacleSources(b, firstOwner[i]!, i));
    let group = buildings.length;
    for (const n of options.neighbours ?? []) sources.push(...obstacleSources(n, -1, group++));
    const horizonOptions = { ...defaultHorizonOptions, ...options.horizon };
    horizon = createHorizonContext(buildObstacleIndex(sources, options.obstacleCellM), horizonOptions);
    sun = prepareSunLookup(year, horizonOptions.sectors, convergence);
    options.onProgress?.({ phase: 'indexing', done: buildings.length, total: buildings.length });
  }

  return {
    buildings,
    year,
    config,
    raster,
    model,
    optimumKwhM2: annualIrradiation(year, config.referenceTiltDeg, config.referenceAzimuthDeg, { model }).global,
    gridAzimuthOfTrueNorthDeg: convergence,
    firstOwner,
    horizon,
    sun,
    normalOffsetM: options.normalOffsetM ?? 0.05,
  };
}

/**
 * Area-weighted annual irradiation over the polygons of a surface, each at its own orientation;
 * with `monthly` (length 12) also the area-weighted value of each month.
 */
function surfaceIrradiation(ctx: TileContext, geometry: SurfaceGeometry, shading: Shading | undefined, monthly?: Float64Array): number {
  let weighted = 0;
  let area = 0;
  const month = monthly ? new Float64Array(12) : undefined;
  monthly?.fill(0);
  for (const p of geometry.polygons) {
    // Near-flat polygons have no displayed azimuth, but their exact normal still counts here.
    const azimuth = p.azimuthTrueDeg ?? wrap360((Math.atan2(p.normal[0], p.normal[1]) * 180) / Math.PI - ctx.gridAzimuthOfTrueNorthDeg);
    const value = annualIrradiation(ctx.year, tiltDeg(p.normal), azimuth, {
      model: ctx.model,
      ...(shading && { shading }),
      ...(month && { monthly: month }),
    }).global;
    weighted += value * p.area;
    area += p.area;
    if (monthly && month) for (let m = 0; m < 12; m++) monthly[m]! += month[m]! * p.area;
  }
  if (monthly && area > 0) for (let m = 0; m < 12; m++) monthly[m]! /= area;
  return area > 0 ? weighted / area : 0;
}

export function assessTileBuilding(ctx: TileContext, buildingIndex: number): BuildingAssessment {
  const building = ctx.buildings[buildingIndex];
  if (building === undefined) throw new RangeError(`no building ${buildingIndex}`);
  const surfaces: SurfaceAssessment[] = roofSurfacesWithPart(building).map(({ surface, partId }, j) => {
    const geometry = analyseSurface(surface.polygons);
    const surfaceId = surface.id ?? `${partId ?? building.id}#roof${j}`;
    const base = {
      surfaceId,
      buildingPartId: partId,
      areaM2: geometry.area,
      tiltDeg: geometry.tiltDeg,
      azimuthDeg: geometry.azimuthTrueDeg,
      facingDown: geometry.facingDown,
    };
    if (geometry.facingDown) {
      const none = {
        usableAreaM2: 0,
        irradiationKwhM2: 0,
        unshadedIrradiationKwhM2: 0,
        monthlyIrradiationKwhM2: new Array<number>(12).fill(0),
        skyViewFactor: 0,
      };
      return assessSurface({ ...base, ...none }, ctx.optimumKwhM2, ctx.config);
    }
    const raster = rasteriseRoof(surface.polygons, geometry.normal, ctx.raster);
    const shaded = ctx.horizon !== null && ctx.sun !== null;
    // The months are taken from the pass whose annual value the surface is assessed by.
    const monthly = new Float64Array(12);
    const unshaded = surfaceIrradiation(ctx, geometry, undefined, shaded ? undefined : monthly);
    let irradiation = unshaded;
    let skyViewFactor = 1;
    if (ctx.horizon !== null && ctx.sun !== null) {
      const shading = shadeSurface(
        ctx.horizon,
        ctx.sun,
        raster.samples,
        geometry.normal,
        ctx.firstOwner[buildingIndex]! + j,
        ctx.normalOffsetM,
      );
      irradiation = surfaceIrradiation(ctx, geometry, shading, monthly);
      skyViewFactor = shading.skyViewFactor;
    }
    return assessSurface(
      {
        ...base,
        usableAreaM2: raster.usableArea,
        irradiationKwhM2: irradiation,
        unshadedIrradiationKwhM2: unshaded,
        monthlyIrradiationKwhM2: Array.from(monthly),
        skyViewFactor,
      },
      ctx.optimumKwhM2,
      ctx.config,
    );
  });
  return assessBuilding(building.id, surfaces);
}

/**
 * Reads all buildings (shading needs the neighbours of every building), then assesses them one by
 * one. `weather` may be a prepared SiteYear to share it between tiles.
 */
export async function computeTile(
  buildings: AsyncIterable<CityBuilding> | Iterable<CityBuilding>,
  weather: EpwYear | SiteYear,
  options: TileOptions = {},
): Promise<TileResult> {
  const start = performance.now();
  const all: CityBuilding[] = [];
  for await (const b of buildings) {
    all.push(b);
    options.onProgress?.({ phase: 'reading', done: all.length, total: null });
  }
  const ctx = createTileContext(all, weather, options);
  const results: BuildingAssessment[] = [];
  let roofSurfaces = 0;
  for (let i = 0; i < all.length; i++) {
    const r = assessTileBuilding(ctx, i);
    roofSurfaces += r.surfaces.length;
    results.push(r);
    options.onProgress?.({ phase: 'computing', done: i + 1, total: all.length });
  }
  return {
    buildings: results,
    optimumKwhM2: ctx.optimumKwhM2,
    gridAzimuthOfTrueNorthDeg: ctx.gridAzimuthOfTrueNorthDeg,
    roofSurfaces,
    seconds: (performance.now() - start) / 1000,
  };
}
