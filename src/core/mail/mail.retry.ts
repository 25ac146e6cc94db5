const MINUTE_MS = 60_000;

/** Back-off after the n-th failed attempt: 1, 2, 4, 8 … minutes, at most an hour. */
export function retryDelayMs(attemptsMade: number): number {
  return Math.min(2 ** Math.max(0, attemptsMade - 1), 60) * MINUTE_MS;
}

/**
 * A rejection the server would repeat for this message (unknown mailbox, message refused): no
 * point retrying. Failures of the connection or of the login say nothing about the message and
 * are retried, so a misconfigured or unreachable server never loses mail.
 */
export function isPermanentFailure(err: unknown): boolean {
  const e = err as { code?: string; permanent?: boolean; command?: string };
  if (e?.code !== 'EENVELOPE' && e?.code !== 'EMESSAGE') return false;
  // 'API': nodemailer refused the message itself (e.g. an address it cannot encode).
  return e.permanent === true || e.command === 'API';
}
