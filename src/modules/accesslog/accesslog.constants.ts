/** The privacy statement promises deletion after 90 days at the latest (C07). */
export const ACCESSLOG_RETENTION_DAYS = 90;
