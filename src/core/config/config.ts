import path from 'node:path';
import { z } from 'zod';
import { loadOrganisation, type Organisation } from './organisation.ts';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * TRUST_PROXY: "false" (default; X-Forwarded-* are ignored), "true" (trust every hop),
 * a hop count, or a comma-separated list of proxy addresses/CIDRs.
 */
const trustProxy = z.string().transform((v, ctx): boolean | number | string[] => {
  if (v === 'false' || v === '') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  const list = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.every((s) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(s))) return list;
  ctx.addIssue({ code: 'custom', message: 'expected false, true, a hop count or a list of addresses/CIDRs' });
  return z.NEVER;
});

/** Every environment key the platform reads. README's configuration table mirrors this. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // Listening sockets on PORT (src/core/http/listen.ts): new connections are accepted this many per turn of the loop.
  HTTP_ACCEPT_SOCKETS: z.coerce.number().int().min(1).max(64).default(16),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
    .optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'expected a lower-case SQL identifier')
    .optional(),
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  HTTP_REDIRECT_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  TRUST_PROXY: trustProxy.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  FORM_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  ORGANISATION_FILE: z.string().min(1).optional(),
  ACCESSLOG_FLUSH_INTERVAL_MS: z.coerce.number().int().min(10).default(1000),
  ACCESSLOG_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  // k-anonymity of the statistics: a key counted fewer times in a reporting period is shown as "other".
  STATS_MIN_COUNT: z.coerce.number().int().min(2).max(1000).default(5),
  RUN_JOBS: bool.optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  // Solar cadastre (src/modules/solar). The weather year is needed only by `solar compute`.
  SOLAR_WEATHER_FILE: z.string().min(1).optional(),
  SOLAR_ALBEDO: z.coerce.number().min(0).max(1).default(0.2),
  SOLAR_KWP_PER_M2: z.coerce.number().gt(0).max(1).default(0.2),
  SOLAR_PERFORMANCE_RATIO: z.coerce.number().gt(0).max(1).default(0.8),
  SOLAR_CO2_KG_PER_KWH: z.coerce.number().min(0).max(2).default(0.38),
  SOLAR_CLASS_THRESHOLDS: z
    .string()
    .regex(/^\s*\d+(\.\d+)?\s*,\s*\d+(\.\d+)?\s*,\s*\d+(\.\d+)?\s*$/, 'expected three percentages, e.g. 95,80,75')
    .transform((v) => v.split(',').map(Number) as [number, number, number])
    .refine(([a, b, c]) => a > b && b > c && c > 0, 'expected very good > good > suitable > 0')
    .default([95, 80, 75]),
  SOLAR_MIN_USABLE_AREA_M2: z.coerce.number().min(0).default(10),
  SOLAR_MAX_SHADING_LOSS_PERCENT: z.coerce.number().min(0).max(100).default(20),
  SOLAR_SETBACK_M: z.coerce.number().min(0).max(5).default(0.5),
  SOLAR_COMPUTE_THREADS: z.coerce.number().int().min(1).max(256).optional(),
  SOLAR_BASEMAP_URL: z
    .string()
    .regex(/^https:\/\/[^/\s]+\/\S*$/, 'expected an https:// raster tile URL with {z}, {x} and {y}')
    .refine((v) => v.includes('{z}') && v.includes('{x}') && v.includes('{y}'), 'expected {z}, {x} and {y} in the URL')
    .optional(),
  SOLAR_BASEMAP_ATTRIBUTION: z.string().min(1).max(300).optional(),
  // A self-hosted base map served from this origin: a folder of {z}/{x}/{y} raster tiles or a .pmtiles file.
  SOLAR_BASEMAP_TILES: z.string().min(1).optional(),
  SOLAR_BASEMAP_TILES_ATTRIBUTION: z.string().min(1).max(300).optional(),
  SOLAR_DATA_ATTRIBUTION: z.string().min(1).max(300).default('3D-Gebäudemodelle LoD2: Geobasis NRW (dl-de/zero-2-0)'),
  // The URL may carry credentials: it is never logged.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/?#]+/, 'expected an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.email().optional(),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  MAIL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  LETTER_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // Customer portal (src/modules/portal).
  PORTAL_ACTIVATION_POST_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  PORTAL_ACTIVATION_EMAIL_HOURS: z.coerce.number().int().min(1).max(168).default(48),
  PORTAL_ACTIVATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  PORTAL_INSTALMENT_MIN_PERCENT: z.coerce.number().int().min(0).max(100).default(70),
  PORTAL_INSTALMENT_MAX_PERCENT: z.coerce.number().int().min(100).max(1000).default(200),
  PORTAL_INSTALMENT_MIN_CENTS: z.coerce.number().int().min(0).default(500),
  // Free SMS (src/modules/sms). The token is a credential: it is never logged.
  SMS_PROVIDER_URL: z
    .string()
    .regex(/^https:\/\/[^/\s?#]+(\/\S*)?$/, 'expected an https:// URL')
    .optional(),
  SMS_PROVIDER_TOKEN: z.string().min(1).optional(),
  SMS_PROVIDER_CA_FILE: z.string().min(1).optional(),
  SMS_DAILY_LIMIT: z.coerce.number().int().min(0).max(100).default(5),
  SMS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  SMS_RETENTION_DAYS: z.coerce.number().int().min(1).max(90).default(1),
  SMS_PROCESSOR: z.string().min(1).default('Muster SMS GmbH'),
  // Countries whose mobile numbers the free SMS reaches (ISO 3166 codes, comma-separated).
  SMS_COUNTRIES: z
    .string()
    .default('DE')
    .transform((v) => v.split(',').map((c) => c.trim().toUpperCase()))
    .refine((list) => list.length > 0 && list.every((c) => /^[A-Z]{2}$/.test(c)), 'expected ISO country codes such as DE or DE,AT'),
  // Newsletter (src/modules/newsletter): sending speed, confirmation window, evaluation period, bounce endpoint.
  NEWSLETTER_RATE_PER_SECOND: z.coerce.number().int().min(1).max(100_000).default(200),
  NEWSLETTER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  // Mails handed to each SMTP connection at once, so it never waits for the next; at a crash, at most connections × this many may arrive twice.
  NEWSLETTER_IN_FLIGHT: z.coerce.number().int().min(1).max(16).default(2),
  NEWSLETTER_SEND_LEASE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
  NEWSLETTER_CONFIRM_DAYS: z.coerce.number().int().min(1).max(30).default(7),
  NEWSLETTER_EVALUATION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  // A credential of the mail server that reports bounces: never logged.
  NEWSLETTER_BOUNCE_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  NEWSLETTER_BOUNCE_MAILDIR: z.string().min(1).optional(),
  SECRET_KEY: z.string().min(32, 'at least 32 characters').optional(),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(30).default(730),
  DELETION_RECORD_RETENTION_DAYS: z.coerce.number().int().min(365).default(1095),
  RETENTION_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000_000).default(100_000),
  // Uploads (src/core/uploads): where files live, and the bounds every module's policy stays within.
  UPLOAD_STORE: z.enum(['disk', 'database']).default('disk'),
  UPLOAD_DIR: z.string().min(1).optional(),
  UPLOAD_DEFAULT_MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(5 * 1_048_576),
  UPLOAD_MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1_073_741_824)
    .default(20 * 1_048_576),
  UPLOAD_MAX_FILES: z.coerce.number().int().min(1).max(100).default(10),
  UPLOAD_MAX_IMAGE_PIXELS: z.coerce.number().int().min(10_000).default(40_000_000),
  // Videos (fields that accept them): re-encoded with ffmpeg, found at FFMPEG_PATH (ffprobe beside it) or on the PATH.
  UPLOAD_MAX_VIDEO_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(4_294_967_296)
    .default(200 * 1_048_576),
  UPLOAD_MAX_VIDEO_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  FFMPEG_PATH: z.string().min(1).optional(),
  // Event photo codes (src/modules/contest): wrong codes accepted per hour, site-wide, before look-ups pause.
  CONTEST_CODE_FAILURES_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  // Sponsoring vote (src/modules/sponsoring): the yearly schedule of cycles, budgets and allowances.
  SPONSORING_CYCLE_STARTS: z
    .string()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(,(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))*$/, 'expected MM-DD[,MM-DD…], e.g. 02-01,08-01')
    .default('02-01,08-01'),
  SPONSORING_PHASE_DAYS: z
    .string()
    .regex(
      /^[1-9]\d{0,2},[1-9]\d{0,2},[1-9]\d{0,2},[1-9]\d{0,2},[1-9]\d{0,2}$/,
      'expected five day counts: application,review,voting,result,sponsoring',
    )
    .default('28,21,21,14,60'),
  SPONSORING_BUDGET_CENTS: z.coerce.number().int().min(0).default(1_000_000),
  SPONSORING_MIN_REQUEST_CENTS: z.coerce.number().int().min(100).default(10_000),
  SPONSORING_MAX_REQUEST_CENTS: z.coerce.number().int().min(100).default(500_000),
  SPONSORING_VOTES: z.coerce.number().int().min(1).max(100).default(5),
  SPONSORING_CUSTOMER_VOTES: z.coerce.number().int().min(0).max(100).default(5),
  SPONSORING_MAX_PROJECTS_PER_BALLOT: z.coerce.number().int().min(1).max(100).default(5),
  SPONSORING_CRITERIA: z
    .string()
    .min(3)
    .default(
      'Das Projekt kommt Menschen in unserem Versorgungsgebiet zugute=The project benefits people in our supply area;Gemeinnütziger Zweck, kein Gewinn für Einzelne=A charitable purpose, no profit for individuals;Der Kostenplan ist nachvollziehbar=The budget is plausible;Keine parteipolitische oder religiöse Werbung=No party-political or religious campaigning',
    ),
  // Days the personal data of projects without budget is kept after the result (must end before the next cycle).
  SPONSORING_UNFUNDED_KEEP_DAYS: z.coerce.number().int().min(0).max(90).default(14),
  // Days winning projects' data is kept after the sponsoring is carried out (C48).
  SPONSORING_WINNER_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(1095),
  SPONSORING_HOSTING_PROCESSOR: z.string().min(1).default('Kommunales Rechenzentrum Musterland AöR'),
  // Benchmarks only: report event-loop delays to this file on SIGUSR2 (src/core/loop-delay-report.ts).
  BENCH_LOOP_DELAY_FILE: z.string().min(1).optional(),
  // Tests only: hold the process at a named point (src/core/pause-point.ts).
  TEST_PAUSE_AT: z
    .string()
    .regex(/^[a-z][a-z-]*:[1-9]\d*$/, 'expected <point>:<pass>, e.g. retention-batch-committed:2')
    .transform((v) => {
      const [point, pass] = v.split(':') as [string, string];
      return { point, pass: Number(pass) };
    })
    .optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Omit<Env, 'PUBLIC_URL' | 'RUN_JOBS'> {
  PUBLIC_URL: string;
  /** Whether this process runs the scheduled jobs. Default: yes on the embedded database. */
  RUN_JOBS: boolean;
  isProduction: boolean;
  tls: boolean;
  dataDir: string;
  /** Folder of the disk file store and of uploads being received (UPLOAD_DIR, default DATA_DIR/files). */
  uploadDir: string;
  organisation: Organisation;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; every bad key is listed, not just the first. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const result = envSchema.safeParse(cleaned);
  const problems: string[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  const e = result.data;
  // Cross-field checks read the raw values, so they are reported even when other keys are bad.
  if (Boolean(cleaned.TLS_CERT_FILE) !== Boolean(cleaned.TLS_KEY_FILE)) {
    problems.push('TLS_CERT_FILE/TLS_KEY_FILE: set both or neither');
  }
  if (cleaned.NODE_ENV === 'production') {
    if (!cleaned.TLS_CERT_FILE && (!cleaned.TRUST_PROXY || cleaned.TRUST_PROXY === 'false')) {
      problems.push('TRUST_PROXY: production needs TLS_CERT_FILE/TLS_KEY_FILE or a TLS-terminating proxy (TRUST_PROXY)');
    }
    if (!String(cleaned.PUBLIC_URL ?? '').startsWith('https://')) problems.push('PUBLIC_URL: production needs an https:// URL');
    if (!cleaned.SECRET_KEY) problems.push('SECRET_KEY: production needs a secret key of at least 32 characters');
    if (!cleaned.SMTP_URL) problems.push('SMTP_URL: production needs an SMTP server (smtp:// or smtps:// URL)');
  }
  if (e && e.UPLOAD_DEFAULT_MAX_FILE_BYTES > e.UPLOAD_MAX_FILE_BYTES) {
    problems.push('UPLOAD_DEFAULT_MAX_FILE_BYTES: must not exceed UPLOAD_MAX_FILE_BYTES');
  }
  let organisation: Organisation | undefined;
  try {
    organisation = loadOrganisation(e?.ORGANISATION_FILE);
  } catch (err) {
    const detail =
      err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ') : (err as Error).message;
    problems.push(`ORGANISATION_FILE: ${detail}`);
  }
  if (problems.length > 0 || !e || !organisation) throw new ConfigError(problems);

  const tls = Boolean(e.TLS_CERT_FILE && e.TLS_KEY_FILE);
  const scheme = tls ? 'https' : 'http';
  const shownHost = e.HOST === '0.0.0.0' || e.HOST === '::' || e.HOST === '127.0.0.1' ? 'localhost' : e.HOST;
  return {
    ...e,
    PUBLIC_URL: (e.PUBLIC_URL ?? `${scheme}://${shownHost}:${e.PORT}`).replace(/\/$/, ''),
    RUN_JOBS: e.RUN_JOBS ?? !e.DATABASE_URL,
    isProduction: e.NODE_ENV === 'production',
    tls,
    dataDir: path.resolve(e.DATA_DIR),
    uploadDir: path.resolve(e.UPLOAD_DIR ?? path.join(e.DATA_DIR, 'files')),
    organisation,
  };
}
