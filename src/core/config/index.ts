/**
 * The public face of core/config: the validated environment and the organisation's data.
 * Modules import from this file only (dependency rule `module-through-index`).
 */
export { type Config, ConfigError, type Env, envSchema, loadConfig } from './config.ts';
export {
  type CallbackHours,
  type CareersConfig,
  callbackHoursSchema,
  demoOrganisation,
  loadOrganisation,
  type Organisation,
} from './organisation.ts';
