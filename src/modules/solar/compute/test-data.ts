import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BuildingIssue, CityBuilding } from './citygml.ts';
import { readCityGml } from './citygml.ts';

/**
 * Location of the shared reference data (README.md in that folder describes every file).
 * Tests read it from the shared data folder instead of copying 3 MB of fixtures into the source tree.
 */
export const solarDataDir: string =
  process.env.SOLAR_DATA_DIR ?? fileURLToPath(new URL('../../../../../shared/data/solar/', import.meta.url));

export function solarDataPath(name: string): string {
  const path = `${solarDataDir.replace(/\/?$/, '/')}${name}`;
  if (!existsSync(path)) throw new Error(`Solar reference file missing: ${path} (set SOLAR_DATA_DIR to the folder holding it)`);
  return path;
}

export function readSolarJson<T>(name: string): T {
  return JSON.parse(readFileSync(solarDataPath(name), 'utf8')) as T;
}

export const tileFile = 'LoD2_32_280_5657_1_NW.gml';
export const epwFile = 'DEU_NW_Aachen.105010_TMYx.epw';

type Poa = { poa_global: number; poa_direct: number; poa_sky_diffuse: number; poa_ground_diffuse: number };

export interface Golden {
  tolerances: {
    spa_angles_deg: number;
    spa_sunrise_sunset_s: number;
    airmass_relative: number;
    dni_extra_relative: number;
    clear_sky_irradiance: { relative: number; absolute_w_m2: number };
    poa_instantaneous: { relative: number; absolute_w_m2: number };
    epw_annual_ghi_kwh_m2: number;
    epw_annual_poa_relative: number;
    percent_of_optimum_points: number;
    roof_geometry: { area_relative: number; area_absolute_m2: number; tilt_deg: number; azimuth_deg: number };
  };
  spa_nrel_test_case: {
    inputs: {
      utc_time: string;
      timezone_hours: number;
      latitude_deg: number;
      longitude_deg: number;
      elevation_m: number;
      pressure_mbar: number;
      temperature_c: number;
      delta_t_s: number;
      delta_ut1_s: number;
      atmos_refract_deg: number;
      surface_slope_deg: number;
      surface_azimuth_deg_from_north: number;
    };
    expected_published: Record<string, number | string>;
    pvlib_computed: Record<string, number | string>;
  };
  clearsky_poa: {
    site: { latitude_deg: number; longitude_deg: number; altitude_m: number };
    linke_turbidity: number;
    albedo: number;
    cases: Array<{
      time_utc: string;
      apparent_zenith_deg: number;
      zenith_geometric_deg: number;
      azimuth_deg: number;
      airmass_relative: number | null;
      airmass_absolute: number | null;
      dni_extra: number;
      ghi: number;
      dni: number;
      dhi: number;
      surfaces: Array<{ tilt_deg: number; azimuth_deg: number; aoi_deg: number; isotropic: Poa; haydavies: Poa; perez: Poa }>;
    }>;
  };
  epw_annual: {
    site: { latitude_deg: number; longitude_deg: number; altitude_m: number; tz_hours: number };
    annual_ghi_kwh_m2: number;
    annual_dni_kwh_m2: number;
    annual_dhi_kwh_m2: number;
    monthly_ghi_kwh_m2: number[];
    poa_annual_kwh_m2: Array<{ tilt_deg: number; azimuth_deg: number; perez: number; isotropic: number; haydavies: number }>;
    percent_of_perez_optimum: Array<{ tilt_deg: number; azimuth_deg: number; perez_pct: number }>;
  };
}

export function loadGolden(): Golden {
  return readSolarJson<Golden>('golden.json');
}

/** All buildings of the sample tile; throws if the reader reports any issue. */
export async function readTile(): Promise<CityBuilding[]> {
  const buildings: CityBuilding[] = [];
  const onIssue = (issue: BuildingIssue) => {
    throw new Error(`unexpected issue in the sample tile: ${JSON.stringify(issue)}`);
  };
  for await (const b of readCityGml(createReadStream(solarDataPath(tileFile)), { onIssue })) buildings.push(b);
  return buildings;
}

export interface RoofReference {
  roof_surface_id: string;
  polygon_id: string;
  building_id: string;
  building_part_id: string | null;
  area_m2: number;
  tilt_deg: number;
  azimuth_deg: number | null;
  azimuth_true_deg: number | null;
  normal: [number, number, number];
  vertices: number;
  facing_down: boolean;
  max_plane_dev_m: number;
  centroid: [number, number, number];
}

export interface RoofsReference {
  grid_azimuth_of_true_north_at_center_deg: number;
  tile_center_lonlat: [number, number];
  counts: Record<string, number>;
  stats: { total_roof_area_m2: number; tilt_deg_max: number; max_plane_dev_m: number; polygons_plane_dev_gt_1cm: number };
  roofs: RoofReference[];
  roof_surfaces: Array<{
    roof_surface_id: string;
    building_id: string;
    building_part_id: string | null;
    polygons: number;
    area_m2: number;
    tilt_deg: number;
    azimuth_deg: number | null;
  }>;
  buildings: Array<{
    building_id: string;
    parts: string[];
    roof_types: string[];
    function: string;
    roof_polygons: number;
    addresses: Array<{ locality: string; street: string; number: string }>;
  }>;
}

export function loadRoofsReference(): RoofsReference {
  return readSolarJson<RoofsReference>('roofs-LoD2_32_280_5657_1_NW.json');
}
