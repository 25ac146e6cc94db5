import pino, { type Logger } from 'pino';

/**
 * The process log. Request logging is off on purpose: the access log module is the one place
 * that records requests, with its own retention (C07); this log must not become a second copy.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.email'], remove: true },
  });
}
