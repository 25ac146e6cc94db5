import type { Config } from '../config/index.ts';

/** MAIL_FROM, or `noreply@` at the organisation's own mail domain. */
export function senderAddress(config: Pick<Config, 'MAIL_FROM' | 'organisation'>): string {
  return config.MAIL_FROM ?? `noreply@${domainOf(config.organisation.email)}`;
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}
