import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import type { Logger } from 'pino';
import type { Config } from '../../core/config/index.ts';

/** What leaves the system for each SMS (C63): the recipient's number and the text, nothing else. */
export interface OutgoingSms {
  to: string;
  text: string;
}

export interface SmsProvider {
  /** Resolves once the provider accepted the message. Rejects with a ProviderError. */
  send(message: OutgoingSms): Promise<void>;
}

/** A failed hand-over; `permanent` when sending the same message again cannot succeed. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

const TIMEOUT_MS = 10_000;

/**
 * The SMS provider over HTTPS (docs/decisions): one POST of `{"to","text"}` as JSON to
 * SMS_PROVIDER_URL, authorised by a bearer token. No cookie, no user agent, no customer data in
 * headers. Certificates are checked against the system's authorities and, when configured, one
 * more (SMS_PROVIDER_CA_FILE). 2xx is accepted; 4xx other than 408/429 is the message's fault
 * and not retried; anything else (5xx, timeouts, refused connections) is tried again later.
 */
export function httpsProvider(config: Pick<Config, 'SMS_PROVIDER_URL' | 'SMS_PROVIDER_TOKEN' | 'SMS_PROVIDER_CA_FILE'>): SmsProvider {
  const url = new URL(config.SMS_PROVIDER_URL as string);
  if (url.protocol !== 'https:') throw new Error('SMS_PROVIDER_URL must be an https:// URL');
  const ca = config.SMS_PROVIDER_CA_FILE ? [...rootCertificates, readFileSync(config.SMS_PROVIDER_CA_FILE, 'utf8')] : undefined;
  // No keep-alive: a handful of messages a minute need no pool, and no idle socket outlives a run.
  const agent = new https.Agent({ keepAlive: false, ...(ca ? { ca } : {}) });
  return {
    send: (message) =>
      new Promise<void>((resolve, reject) => {
        const body = Buffer.from(JSON.stringify({ to: message.to, text: message.text }), 'utf8');
        const headers: Record<string, string | number> = {
          'content-type': 'application/json; charset=utf-8',
          'content-length': body.length,
          accept: 'application/json',
        };
        if (config.SMS_PROVIDER_TOKEN) headers.authorization = `Bearer ${config.SMS_PROVIDER_TOKEN}`;
        const req = https.request(url, { method: 'POST', agent, headers, timeout: TIMEOUT_MS }, (res) => {
          const status = res.statusCode ?? 0;
          // The answer is read and dropped: it may echo the number, and it belongs in no log.
          res.resume();
          res.on('end', () => {
            if (status >= 200 && status < 300) resolve();
            else
              reject(new ProviderError(`provider answered ${status}`, status >= 400 && status < 500 && status !== 408 && status !== 429));
          });
        });
        req.on('timeout', () => req.destroy(new Error('provider timed out')));
        req.on('error', (err: Error & { code?: string }) =>
          reject(new ProviderError(`cannot reach the provider: ${err.code ?? err.message}`, false)),
        );
        req.end(body);
      }),
  };
}

/**
 * Without a provider (outside production only) each SMS is written to DATA_DIR/sms as a file,
 * so the demo runs without an account at an SMS provider.
 */
export function fileProvider(dir: string, log: Logger): SmsProvider {
  return {
    send: async (message) => {
      // Number and text of a person's message: readable by the service's own user only.
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const file = path.join(dir, `${new Date().toISOString().replace(/[-:.]/g, '')}-${Math.random().toString(36).slice(2, 8)}.json`);
      writeFileSync(file, `${JSON.stringify(message, null, 2)}\n`, { mode: 0o600 });
      log.info({ file }, 'no SMS_PROVIDER_URL set: SMS written to a file instead of sent');
    },
  };
}

/** Whether the free SMS can be offered: with a provider, or outside production with the file fallback. */
export function smsAvailable(config: Pick<Config, 'SMS_PROVIDER_URL' | 'isProduction'>): boolean {
  return Boolean(config.SMS_PROVIDER_URL) || !config.isProduction;
}

/** The configured provider: HTTPS, or outside production the file fallback. */
export function smsProvider(config: Config, log: Logger): SmsProvider {
  return config.SMS_PROVIDER_URL ? httpsProvider(config) : fileProvider(path.join(config.dataDir, 'sms'), log);
}
