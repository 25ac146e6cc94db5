import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

const PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpFor(secret: string, issuer: string, label: string): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

export function totpUri(secret: string, issuer: string, label: string): string {
  return totpFor(secret, issuer, label).toString();
}

/** The otpauth URI as an SVG QR code, for authenticator apps. */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
}

/**
 * Checks a 6-digit code (RFC 6238, one step of clock drift either way) and returns its time
 * step, or null. The caller stores the step and refuses any step not newer: no code works twice.
 */
export function verifyTotp(secret: string, code: string, now: Date, lastStep: number | null): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secret, 'x', 'x').validate({ token, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now.getTime() / 1000 / PERIOD) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

/** The current code, for tests and the CLI's demo helper. */
export function currentTotp(secret: string, now: Date): string {
  return totpFor(secret, 'x', 'x').generate({ timestamp: now.getTime() });
}
