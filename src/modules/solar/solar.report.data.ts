import { type Kysely, sql } from 'kysely';
import type { SkyModel } from './compute/irradiance.ts';
import type { SuitabilityClass } from './compute/suitability.ts';
import { buildingReport, buildingsAtAddress } from './solar.queries.ts';
import type { RunSettings } from './solar.settings.ts';
import type { SolarTables } from './solar.tables.ts';

/** One roof surface as the detailed report shows it. */
export interface ReportSurface {
  /** 1-based, in the building's roof order (the numbering staff and owner share). */
  number: number;
  areaM2: number;
  usableAreaM2: number;
  tiltDeg: number;
  /** True azimuth; null for a (nearly) flat surface. */
  azimuthDeg: number | null;
  irradiationKwhM2: number;
  percentOfOptimum: number;
  shadingLossPercent: number;
  kwp: number;
  yieldKwhPerYear: number;
  co2KgPerYear: number;
  suitability: SuitabilityClass;
  /** Yield per calendar month, kWh; null for a result computed before months were kept. */
  monthlyYieldKwh: number[] | null;
}

export interface ReportBuilding {
  alkisId: string;
  /** "Holzstraße 2, 52538 Selfkant", each distinct address once. */
  addresses: string[];
  /** Since when the public does not see it (C26); the owner's own request still gets it. */
  blackedOutSince: Date | null;
  /** Null until the building has been computed. */
  totals: {
    suitability: SuitabilityClass;
    usableAreaM2: number;
    kwp: number;
    yieldKwhPerYear: number;
    co2KgPerYear: number;
    /** Sum over the suitable surfaces (those the totals count); null when there are none or months are missing. */
    monthlyYieldKwh: number[] | null;
    computedAt: Date;
    runId: number;
  } | null;
  /** Surfaces facing upwards, with their results. */
  surfaces: ReportSurface[];
  /** Surfaces facing downwards (overhangs), never suitable and left out of the report. */
  facingDown: number;
}

/** How the figures were computed: the run's settings and weather year, for the report's method section. */
export interface ReportMethod {
  model: SkyModel;
  shading: boolean;
  weatherLocation: string;
  kwpPerM2: number;
  setbackM: number;
  performanceRatio: number;
  co2KgPerKwh: number;
  minUsableAreaM2: number;
  maxShadingLossPercent: number;
  thresholds: [number, number, number];
}

export interface ReportData {
  buildings: ReportBuilding[];
  method: ReportMethod | null;
}

export interface BuildingAddress {
  street: string;
  number: string;
  postcode?: string | undefined;
  town?: string | undefined;
}

const monthsOf = (value: unknown): number[] | null =>
  Array.isArray(value) && value.length === 12 && value.every((v) => typeof v === 'number' && Number.isFinite(v))
    ? (value as number[])
    : null;

/**
 * Everything the detailed report says about the buildings at an address, blacked out or not: a
 * blackout keeps a building from the public, not from its owner's or tenant's own request.
 * Buildings come largest usable roof first, so the house precedes its garage.
 */
export async function loadReportData(db: Kysely<SolarTables>, address: BuildingAddress): Promise<ReportData> {
  const matches = await buildingsAtAddress(db, address);
  const ids = [...new Set(matches.map((m) => m.alkisId))];
  const buildings: ReportBuilding[] = [];
  for (const alkisId of ids) {
    const report = await buildingReport(db, alkisId);
    if (!report) continue;
    const { building, addresses, surfaces } = report;
    const { rows: blackout } = await sql<{ since: Date | null }>`
      select min(k.created_at) as since from solar_blackouts k
      where k.alkis_id = ${alkisId}
        or k.address_key in (select a.address_key from solar_addresses a where a.building_id = ${building.id})`.execute(db);
    const shown: ReportSurface[] = [];
    surfaces.forEach((s, index) => {
      if (s.facing_down || s.irradiation_kwh_m2 === null || s.kwp === null || s.yield_kwh_per_year === null || s.suitability === null)
        return;
      const months = monthsOf(s.monthly_kwh_m2);
      const irradiation = s.irradiation_kwh_m2;
      const yearly = s.yield_kwh_per_year;
      shown.push({
        number: index + 1,
        areaM2: s.area_m2,
        usableAreaM2: s.usable_area_m2 ?? 0,
        tiltDeg: s.tilt_deg,
        azimuthDeg: s.azimuth_deg,
        irradiationKwhM2: irradiation,
        percentOfOptimum: s.percent_of_optimum ?? 0,
        shadingLossPercent: s.shading_loss_percent ?? 0,
        kwp: s.kwp,
        yieldKwhPerYear: yearly,
        co2KgPerYear: s.co2_avoided_kg_per_year ?? 0,
        suitability: s.suitability,
        // Yield is kWp × performance ratio × irradiation, so each month's share of the
        // irradiation is its share of the yield.
        monthlyYieldKwh: months ? months.map((m) => (irradiation > 0 ? (yearly * m) / irradiation : 0)) : null,
      });
    });
    const counted = shown.filter((s) => s.suitability !== 'unsuitable');
    const monthly =
      counted.length > 0 && counted.every((s) => s.monthlyYieldKwh !== null)
        ? Array.from({ length: 12 }, (_, m) => counted.reduce((sum, s) => sum + (s.monthlyYieldKwh?.[m] ?? 0), 0))
        : null;
    const computed =
      building.suitability !== null && building.run_id !== null && building.computed_at !== null
        ? {
            suitability: building.suitability,
            usableAreaM2: building.usable_area_m2 ?? 0,
            kwp: building.kwp ?? 0,
            yieldKwhPerYear: building.yield_kwh_per_year ?? 0,
            co2KgPerYear: building.co2_avoided_kg_per_year ?? 0,
            monthlyYieldKwh: monthly,
            computedAt: building.computed_at,
            runId: building.run_id,
          }
        : null;
    const lines = addresses
      .filter((a) => a.street)
      .map((a) => [`${a.street ?? ''} ${a.number ?? ''}`.trim(), `${a.postcode ?? ''} ${a.town ?? ''}`.trim()].filter(Boolean).join(', '));
    buildings.push({
      alkisId,
      addresses: [...new Set(lines)],
      blackedOutSince: blackout[0]?.since ?? null,
      totals: computed,
      surfaces: shown,
      facingDown: surfaces.filter((s) => s.facing_down).length,
    });
  }
  buildings.sort((a, b) => (b.totals?.usableAreaM2 ?? 0) - (a.totals?.usableAreaM2 ?? 0) || a.alkisId.localeCompare(b.alkisId));
  return { buildings, method: await methodOf(db, buildings) };
}

/** The settings of the newest run behind the buildings' results. */
async function methodOf(db: Kysely<SolarTables>, buildings: readonly ReportBuilding[]): Promise<ReportMethod | null> {
  const runIds = buildings.flatMap((b) => (b.totals ? [b.totals.runId] : []));
  if (runIds.length === 0) return null;
  const run = await db
    .selectFrom('solar_runs as r')
    .innerJoin('solar_weather as w', 'w.sha256', 'r.weather_sha256')
    .select(['r.settings', 'w.location'])
    .where('r.id', '=', Math.max(...runIds))
    .executeTakeFirst();
  if (!run) return null;
  const settings = run.settings as RunSettings;
  const s = settings.suitability;
  return {
    model: settings.model,
    shading: settings.shading,
    weatherLocation: run.location,
    kwpPerM2: s.kWpPerM2,
    setbackM: s.setbackM,
    performanceRatio: s.performanceRatio,
    co2KgPerKwh: s.co2KgPerKWh,
    minUsableAreaM2: s.minUsableAreaM2,
    maxShadingLossPercent: s.maxShadingLossPercent,
    thresholds: [s.veryGoodMinPercent, s.goodMinPercent, s.suitableMinPercent],
  };
}
