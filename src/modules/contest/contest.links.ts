import { createHmac } from 'node:crypto';
import { safeEqual } from '../../core/auth/index.ts';

/**
 * Signed links: the holder's own photo (short-lived, so the page can show it without the code in
 * a URL) and a winner's consent page (mailed to the address the entry gave).
 */
function sign(secret: string, purpose: string, payload: string): string {
  return createHmac('sha256', `stadtwerk/contest/${purpose}/v1/${secret}`).update(payload).digest('base64url');
}

export const PHOTO_LINK_SECONDS = 30 * 60;

export function photoLink(secret: string, photoId: string, now: Date): string {
  const expires = Math.floor(now.getTime() / 1000) + PHOTO_LINK_SECONDS;
  return `/fotocode/bild/${photoId}/${expires}/${sign(secret, 'photo', `${photoId}:${expires}`)}`;
}

export function photoLinkValid(secret: string, photoId: string, expires: string, signature: string, now: Date): boolean {
  if (!/^\d{1,12}$/.test(expires) || Number(expires) * 1000 < now.getTime()) return false;
  return safeEqual(signature, sign(secret, 'photo', `${photoId}:${expires}`));
}

export function consentSignature(secret: string, entryId: string): string {
  return sign(secret, 'winner-consent', entryId);
}

export function consentSignatureValid(secret: string, entryId: string, signature: string): boolean {
  return safeEqual(signature, consentSignature(secret, entryId));
}
