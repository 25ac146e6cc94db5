import { describe, expect, test } from 'vitest';
import { isPermanentFailure, retryDelayMs } from './mail.retry.ts';

describe('mail retry policy', () => {
  test('back-off doubles from one minute and stops growing at an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  test('only a rejection of the message itself is final; outages and login failures are retried', () => {
    expect(isPermanentFailure({ code: 'EENVELOPE', responseCode: 550, permanent: true, command: 'RCPT TO' })).toBe(true);
    expect(isPermanentFailure({ code: 'EMESSAGE', responseCode: 554, permanent: true, command: 'DATA' })).toBe(true);
    expect(isPermanentFailure({ code: 'EENVELOPE', command: 'API' })).toBe(true);
    expect(isPermanentFailure({ code: 'EENVELOPE', responseCode: 452, permanent: false, command: 'RCPT TO' })).toBe(false);
    expect(isPermanentFailure({ code: 'EAUTH', responseCode: 535, permanent: true })).toBe(false);
    expect(isPermanentFailure({ code: 'ESOCKET' })).toBe(false);
    expect(isPermanentFailure(new Error('boom'))).toBe(false);
  });
});
