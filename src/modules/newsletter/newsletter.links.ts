import { createHmac, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import { safeEqual, secretKey } from '../../core/auth/index.ts';
import type { Config } from '../../core/config/index.ts';
import type { Locale, Localized } from '../../core/i18n/index.ts';

export const PATHS = {
  subscribe: { de: '/newsletter', en: '/en/newsletter' },
  confirm: { de: '/newsletter/bestaetigen', en: '/en/newsletter/confirm' },
  preferences: { de: '/newsletter/einstellungen', en: '/en/newsletter/settings' },
  unsubscribe: { de: '/newsletter/abmelden', en: '/en/newsletter/unsubscribe' },
} as const satisfies Record<string, Localized>;

export const TRACK_OPEN = '/newsletter/o';
export const TRACK_CLICK = '/newsletter/c';
export const BOUNCE_PATH = '/newsletter/bounce';

const mac = (key: string | Buffer | KeyObject, text: string, bytes = 32) =>
  createHmac('sha256', key).update(text).digest().subarray(0, bytes).toString('base64url');

/**
 * The signature of a subscriber's own links (preferences, unsubscribe): 256 bits under the
 * installation's key, bound to the row, so it opens exactly that subscription and dies with it.
 */
export function subscriberSignature(config: Config, subscriberId: string): string {
  return mac(secretKey(config), `newsletter/subscriber/v1/${subscriberId}`);
}

export function validSubscriberSignature(config: Config, subscriberId: string, signature: string): boolean {
  return safeEqual(subscriberSignature(config, subscriberId), signature);
}

/** `signature`: the subscriber's, when the caller has it already (a campaign computes it once for both links). */
export function preferencesUrl(config: Config, subscriberId: string, locale: Locale, signature?: string): string {
  return `${config.PUBLIC_URL}${PATHS.preferences[locale]}/${subscriberId}/${signature ?? subscriberSignature(config, subscriberId)}`;
}

export function unsubscribeUrl(config: Config, subscriberId: string, locale: Locale, signature?: string): string {
  return `${config.PUBLIC_URL}${PATHS.unsubscribe[locale]}/${subscriberId}/${signature ?? subscriberSignature(config, subscriberId)}`;
}

export function confirmUrl(config: Config, token: string, locale: Locale): string {
  return `${config.PUBLIC_URL}${PATHS.confirm[locale]}/${token}`;
}

/** What a withdrawal keeps of the address: a keyed hash that matches it when the person asks. */
export function withdrawalHash(config: Config, email: string): string {
  return mac(secretKey(config), `newsletter/withdrawal/v1/${email.toLowerCase()}`);
}

export function newTrackingKey(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * C53: a subscriber's pseudonym within one campaign, under that campaign's own key. Without the
 * key nobody (we included) can tell whose it is; once the key is destroyed it is anonymous.
 */
export function pseudonym(trackingKey: string, subscriberId: string): string {
  return pseudonymiser(trackingKey)(subscriberId);
}

/** `pseudonym` under one campaign's key, the key imported once for all its recipients. */
export function pseudonymiser(trackingKey: string): (subscriberId: string) => string {
  const key = createSecretKey(Buffer.from(trackingKey, 'base64url'));
  return (subscriberId) => mac(key, subscriberId, 16);
}

/** A tag over campaign and pseudonym under the installation's key, so nobody can count made-up opens. */
function trackingTag(config: Config, campaignId: string, pseudo: string): string {
  return mac(secretKey(config), `newsletter/tracking/v1/${campaignId}/${pseudo}`, 12);
}

/** `<pseudonym>.<tag>` */
export function trackingToken(config: Config, campaignId: string, pseudo: string): string {
  return `${pseudo}.${trackingTag(config, campaignId, pseudo)}`;
}

/** The pseudonym in a valid token, or null. */
export function pseudonymOfToken(config: Config, campaignId: string, token: string): string | null {
  const [pseudo, tag] = token.split('.');
  if (!pseudo || !tag || !/^[A-Za-z0-9_-]{22}$/.test(pseudo)) return null;
  return safeEqual(trackingTag(config, campaignId, pseudo), tag) ? pseudo : null;
}

export function openPixelUrl(config: Config, campaignId: string, token: string): string {
  return `${config.PUBLIC_URL}${TRACK_OPEN}/${campaignId}/${token}`;
}

export function clickUrl(config: Config, campaignId: string, link: number, token: string): string {
  return `${config.PUBLIC_URL}${TRACK_CLICK}/${campaignId}/${link}/${token}`;
}
