import type { SiteYear } from './compute/annual.ts';
import type { CityBuilding } from './compute/citygml.ts';
import type { SkyModel } from './compute/irradiance.ts';
import type { BuildingAssessment, SuitabilityConfig } from './compute/suitability.ts';

/** What a compute thread gets when it starts: the prepared weather year (plain typed arrays). */
export interface ComputeWorkerData {
  year: SiteYear;
}

/** One tile as the threads see it: the buildings to assess and the neighbours that cast shadows. */
export interface TileWork {
  key: string;
  buildings: CityBuilding[];
  neighbours: CityBuilding[];
  options: { suitability: SuitabilityConfig; shading: boolean; model: SkyModel };
}

export type ToComputeWorker = ({ type: 'tile' } & TileWork) | { type: 'assess'; task: number; key: string; indices: number[] };

export type FromComputeWorker =
  | { type: 'assessed'; task: number; results: BuildingAssessment[] }
  | { type: 'failed'; task: number; message: string };
