/**
 * From irradiation to what the cadastre shows: usable area, peak power, yield, CO₂ avoided and a
 * suitability class per roof surface and per building. Classes are relative to the local optimum
 * (an unshaded south-facing plane at the reference tilt under the same weather year).
 */

export type SuitabilityClass = 'veryGood' | 'good' | 'suitable' | 'unsuitable';

export interface SuitabilityConfig {
  /** Distance kept free along roof edges, metres. */
  setbackM: number;
  /** Below this usable area a surface is unsuitable, m². */
  minUsableAreaM2: number;
  /** Above this shading loss a surface is unsuitable, percent. */
  maxShadingLossPercent: number;
  /** Lower bounds of the classes, percent of the local optimum. */
  veryGoodMinPercent: number;
  goodMinPercent: number;
  suitableMinPercent: number;
  /** Peak power per m² of usable area, kWp/m². */
  kWpPerM2: number;
  /** AC yield / (kWp × in-plane irradiation in kWh/m²). */
  performanceRatio: number;
  /** Emission factor of the electricity the PV yield replaces, kg CO₂ per kWh. */
  co2KgPerKWh: number;
  /** The local optimum plane. */
  referenceTiltDeg: number;
  referenceAzimuthDeg: number;
}

export const defaultSuitabilityConfig: Readonly<SuitabilityConfig> = Object.freeze({
  setbackM: 0.5,
  minUsableAreaM2: 10,
  maxShadingLossPercent: 20,
  veryGoodMinPercent: 95,
  goodMinPercent: 80,
  suitableMinPercent: 75,
  // Modern modules (≈ 400 Wp on 1.9 m²) with some spacing.
  kWpPerM2: 0.2,
  performanceRatio: 0.8,
  // German electricity mix, order of magnitude of recent UBA figures; set per deployment.
  co2KgPerKWh: 0.38,
  referenceTiltDeg: 35,
  referenceAzimuthDeg: 180,
});

export function classify(
  percentOfOptimum: number,
  shadingLossPercent: number,
  usableAreaM2: number,
  config: SuitabilityConfig = defaultSuitabilityConfig,
): SuitabilityClass {
  if (!(usableAreaM2 >= config.minUsableAreaM2) || shadingLossPercent > config.maxShadingLossPercent) return 'unsuitable';
  if (percentOfOptimum >= config.veryGoodMinPercent) return 'veryGood';
  if (percentOfOptimum >= config.goodMinPercent) return 'good';
  if (percentOfOptimum >= config.suitableMinPercent) return 'suitable';
  return 'unsuitable';
}

const CLASS_RANK: Record<SuitabilityClass, number> = { veryGood: 3, good: 2, suitable: 1, unsuitable: 0 };

export function betterClass(a: SuitabilityClass, b: SuitabilityClass): SuitabilityClass {
  return CLASS_RANK[a] >= CLASS_RANK[b] ? a : b;
}

export interface SurfaceAssessmentInput {
  surfaceId: string;
  buildingPartId: string | null;
  areaM2: number;
  usableAreaM2: number;
  tiltDeg: number;
  /** True azimuth; null for (nearly) flat surfaces. */
  azimuthDeg: number | null;
  facingDown: boolean;
  /** Annual in-plane irradiation with shading, kWh/m². */
  irradiationKwhM2: number;
  /** The same without shading. */
  unshadedIrradiationKwhM2: number;
  /** The shaded irradiation per calendar month (12 values summing to irradiationKwhM2), kWh/m². */
  monthlyIrradiationKwhM2?: number[];
  skyViewFactor: number;
}

export interface SurfaceAssessment extends SurfaceAssessmentInput {
  shadingLossPercent: number;
  percentOfOptimum: number;
  kWp: number;
  yieldKwhPerYear: number;
  /** Yield per kWp, kWh/kWp·a. */
  specificYield: number;
  co2AvoidedKgPerYear: number;
  suitability: SuitabilityClass;
}

export function assessSurface(
  input: SurfaceAssessmentInput,
  optimumKwhM2: number,
  config: SuitabilityConfig = defaultSuitabilityConfig,
): SurfaceAssessment {
  const shadingLossPercent =
    input.unshadedIrradiationKwhM2 > 0 ? Math.max(0, (1 - input.irradiationKwhM2 / input.unshadedIrradiationKwhM2) * 100) : 0;
  const percentOfOptimum = optimumKwhM2 > 0 ? (input.irradiationKwhM2 / optimumKwhM2) * 100 : 0;
  const kWp = input.usableAreaM2 * config.kWpPerM2;
  const specificYield = input.irradiationKwhM2 * config.performanceRatio;
  const yieldKwhPerYear = kWp * specificYield;
  return {
    ...input,
    shadingLossPercent,
    percentOfOptimum,
    kWp,
    yieldKwhPerYear,
    specificYield,
    co2AvoidedKgPerYear: yieldKwhPerYear * config.co2KgPerKWh,
    suitability: input.facingDown ? 'unsuitable' : classify(percentOfOptimum, shadingLossPercent, input.usableAreaM2, config),
  };
}

export interface BuildingAssessment {
  buildingId: string;
  /** The best class of any of its roof surfaces. */
  suitability: SuitabilityClass;
  surfaces: SurfaceAssessment[];
  /** Suitable surfaces, best class first, then by yield. */
  bestSurfaceIds: string[];
  /** Sums over the suitable surfaces. */
  usableAreaM2: number;
  kWp: number;
  yieldKwhPerYear: number;
  co2AvoidedKgPerYear: number;
}

export function assessBuilding(buildingId: string, surfaces: SurfaceAssessment[]): BuildingAssessment {
  const suitable = surfaces
    .filter((s) => s.suitability !== 'unsuitable')
    .sort((a, b) => CLASS_RANK[b.suitability] - CLASS_RANK[a.suitability] || b.yieldKwhPerYear - a.yieldKwhPerYear);
  const sum = (f: (s: SurfaceAssessment) => number) => suitable.reduce((acc, s) => acc + f(s), 0);
  return {
    buildingId,
    suitability: surfaces.reduce<SuitabilityClass>((best, s) => betterClass(best, s.suitability), 'unsuitable'),
    surfaces,
    bestSurfaceIds: suitable.map((s) => s.surfaceId),
    usableAreaM2: sum((s) => s.usableAreaM2),
    kWp: sum((s) => s.kWp),
    yieldKwhPerYear: sum((s) => s.yieldKwhPerYear),
    co2AvoidedKgPerYear: sum((s) => s.co2AvoidedKgPerYear),
  };
}
