import { createHash } from 'node:crypto';
import type { Config } from '../../core/config/index.ts';
import type { SkyModel } from './compute/irradiance.ts';
import { defaultSuitabilityConfig, type SuitabilityConfig } from './compute/suitability.ts';

/**
 * Everything a computation depends on besides the model and the weather year. A run stores it,
 * so a resumed run and queue workers on other machines compute exactly the same way.
 */
export interface RunSettings {
  model: SkyModel;
  shading: boolean;
  albedo: number;
  suitability: SuitabilityConfig;
}

export function settingsFromConfig(config: Config, options: { shading?: boolean } = {}): RunSettings {
  const [veryGood, good, suitable] = config.SOLAR_CLASS_THRESHOLDS;
  return {
    model: 'perez',
    shading: options.shading ?? true,
    albedo: config.SOLAR_ALBEDO,
    suitability: {
      ...defaultSuitabilityConfig,
      setbackM: config.SOLAR_SETBACK_M,
      minUsableAreaM2: config.SOLAR_MIN_USABLE_AREA_M2,
      maxShadingLossPercent: config.SOLAR_MAX_SHADING_LOSS_PERCENT,
      veryGoodMinPercent: veryGood,
      goodMinPercent: good,
      suitableMinPercent: suitable,
      kWpPerM2: config.SOLAR_KWP_PER_M2,
      performanceRatio: config.SOLAR_PERFORMANCE_RATIO,
      co2KgPerKWh: config.SOLAR_CO2_KG_PER_KWH,
    },
  };
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Same settings and weather, same hash: the test for "may this run be resumed?". */
export function settingsHash(settings: RunSettings, weatherSha256: string): string {
  return createHash('sha256').update(canonical({ settings, weatherSha256 })).digest('hex');
}
