import type { ColumnType, Generated } from 'kysely';
import type { SuitabilityClass } from './compute/suitability.ts';

type Id = Generated<number>;
/** Polygons, EPSG:25832, encoded by solar.geometry-codec.ts. pg returns a Buffer, PGlite a Uint8Array. */
type Bytea = ColumnType<Uint8Array, Uint8Array, Uint8Array>;
/** jsonb: read as the parsed value, written as its JSON text. */
type Json<T> = ColumnType<T, string, string>;

export interface GeoJsonMultiPolygon {
  type: 'MultiPolygon';
  coordinates: [number, number][][][];
}

export interface SolarTilesTable {
  id: Id;
  file_name: string;
  name: string;
  file_sha256: string;
  srs_name: string | null;
  buildings: number;
  skipped: number;
  min_x: number | null;
  min_y: number | null;
  max_x: number | null;
  max_y: number | null;
  imported_at: Date;
}

export interface SolarBuildingsTable {
  id: Id;
  tile_id: number;
  /** The ALKIS building id (gml:id), e.g. DENW43AL00001j2W. Never shown to the public (C24). */
  alkis_id: string;
  function: string | null;
  roof_type: string | null;
  measured_height_m: number | null;
  part_count: number;
  source_line: number;
  footprint: Json<GeoJsonMultiPolygon>;
  centroid_lon: number;
  centroid_lat: number;
  min_x: number;
  min_y: number;
  max_x: number;
  max_y: number;
  obstacle_polygons: Bytea;
}

export interface SolarAddressesTable {
  id: Id;
  building_id: number;
  part_id: string | null;
  street: string | null;
  number: string | null;
  postcode: string | null;
  town: string | null;
  street_key: string;
  number_key: string;
  address_key: string;
}

export interface SolarRoofSurfacesTable {
  id: Id;
  building_id: number;
  ordinal: number;
  part_id: string | null;
  gml_id: string | null;
  polygons: Bytea;
  polygon_count: number;
  area_m2: number;
  tilt_deg: number;
  azimuth_deg: number | null;
  facing_down: boolean;
}

export interface SolarWeatherTable {
  sha256: string;
  file_name: string;
  location: string;
  epw: string;
  stored_at: Date;
}

export type RunStatus = 'running' | 'done' | 'abandoned';

export interface SolarRunsTable {
  id: Id;
  tile_id: number | null;
  settings: Json<unknown>;
  settings_hash: string;
  weather_sha256: string;
  mode: 'local' | 'queue';
  recompute: boolean;
  status: RunStatus;
  buildings_total: number;
  started_at: Date;
  finished_at: Date | null;
}

export interface SolarBuildingResultsTable {
  building_id: number;
  run_id: number;
  suitability: SuitabilityClass;
  optimum_kwh_m2: number;
  usable_area_m2: number;
  kwp: number;
  yield_kwh_per_year: number;
  co2_avoided_kg_per_year: number;
  computed_at: Date;
}

export interface SolarSurfaceResultsTable {
  surface_id: number;
  building_id: number;
  run_id: number;
  irradiation_kwh_m2: number;
  unshaded_kwh_m2: number;
  shading_loss_percent: number;
  sky_view_factor: number;
  percent_of_optimum: number;
  usable_area_m2: number;
  kwp: number;
  yield_kwh_per_year: number;
  specific_yield_kwh_per_kwp: number;
  co2_avoided_kg_per_year: number;
  suitability: SuitabilityClass;
  best_rank: number | null;
  /** Shaded in-plane irradiation per calendar month, kWh/m² (12 values); null for results computed before it was kept. */
  monthly_kwh_m2: ColumnType<number[] | null, string | null, string | null>;
  computed_at: Date;
}

/**
 * Who objected (C26): personal data, kept apart from the blackout itself, and kept as long as the
 * building is in the model (solar.privacy.ts).
 */
export interface SolarObjectionsTable {
  id: Id;
  received_at: Date;
  role: 'owner' | 'tenant';
  name: string;
  email: string;
  street: string;
  number: string;
  postcode: string | null;
  town: string | null;
  locale: 'de' | 'en';
  /** When the model stopped holding any building the objection blacked out; null while it does. */
  building_gone_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** What the public views exclude (C26): a building, never a person. */
export interface SolarBlackoutsTable {
  id: Id;
  alkis_id: string;
  address_key: string | null;
  created_at: Date;
  objection_id: number | null;
}

export type ReportRequestStatus = 'received' | 'verified' | 'sent' | 'handled' | 'rejected';
export type Delivery = 'email' | 'letter';

/** A request for the detailed figures of a building (C25); deleted once handled (solar.privacy.ts). */
export interface SolarReportRequestsTable {
  id: string;
  reference: string;
  received_at: Date;
  locale: 'de' | 'en';
  role: 'owner' | 'tenant';
  /** How the person would like the report. */
  delivery: Delivery;
  name: string;
  email: string;
  postal_street: string;
  postal_postcode: string;
  postal_town: string;
  postal_country: string | null;
  building_street: string;
  building_number: string;
  building_postcode: string | null;
  building_town: string | null;
  status: ReportRequestStatus;
  verified_at: Date | null;
  verified_by: string | null;
  verification_note: string | null;
  sent_at: Date | null;
  sent_via: Delivery | null;
  sent_by: string | null;
  rejection_note: string | null;
  handled_at: Date | null;
  handled_by: string | null;
}

export type SolarTables = {
  solar_tiles: SolarTilesTable;
  solar_buildings: SolarBuildingsTable;
  solar_addresses: SolarAddressesTable;
  solar_roof_surfaces: SolarRoofSurfacesTable;
  solar_weather: SolarWeatherTable;
  solar_runs: SolarRunsTable;
  solar_building_results: SolarBuildingResultsTable;
  solar_surface_results: SolarSurfaceResultsTable;
  solar_objections: SolarObjectionsTable;
  solar_blackouts: SolarBlackoutsTable;
  solar_report_requests: SolarReportRequestsTable;
};
