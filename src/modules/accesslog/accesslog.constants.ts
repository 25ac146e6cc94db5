/** The privacy statement promises deletion after 90 days at the latest (C07). */
export const ACCESSLOG_RETENTION_DAYS = 90;

/** The anonymous daily statistics are deleted after this many months (C08). */
export const STATS_RETENTION_MONTHS = 25;
