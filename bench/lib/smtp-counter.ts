import { readFileSync } from 'node:fs';
import { SMTPServer } from 'smtp-server';

/**
 * An SMTP server that counts what it accepts by Message-ID, without keeping the messages.
 * `onAccepted` runs after the server has answered 250 for a message, with the distinct count:
 * a benchmark synchronises on it (e.g. kills the sender half-way), not on time. It also notes
 * when it accepted the first and the last message since the last reset: a sender's rate measured
 * here leaves out its own start-up and shut-down, whoever the sender is.
 */
export async function countingSmtpServer() {
  const seen = new Map<string, number>();
  let onAccepted: ((distinct: number) => void) | undefined;
  let firstAcceptedAt: number | undefined;
  let lastAcceptedAt: number | undefined;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (c: Buffer) => {
        if (head.length < 4096) head += c.toString('latin1');
      });
      stream.on('end', () => {
        const id = /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? '?';
        seen.set(id, (seen.get(id) ?? 0) + 1);
        lastAcceptedAt = performance.now();
        firstAcceptedAt ??= lastAcceptedAt;
        callback();
        onAccepted?.(seen.size);
      });
    },
  });
  // A sender that is killed, or exits without QUIT, resets its connections: expected here, and
  // without a listener the server's 'error' event would end the benchmark.
  server.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'ECONNRESET') process.stderr.write(`smtp counter: ${err.message}\n`);
  });
  const port = await new Promise<number>((resolve) => {
    const net = server.listen(0, '127.0.0.1', () => resolve((net.address() as { port: number }).port));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    seen,
    /** Messages that arrived more than once, and how many extra copies in all. */
    duplicates() {
      const repeated = [...seen.values()].filter((n) => n > 1);
      return { messages: repeated.length, extraCopies: repeated.reduce((a, n) => a + n - 1, 0) };
    },
    /** performance.now() of the first and the last acceptance since the last reset (undefined before one). */
    acceptedBetween: () => ({ first: firstAcceptedAt, last: lastAcceptedAt }),
    /** Forgets the counts and the times: the next sender starts from nothing. */
    reset() {
      seen.clear();
      firstAcceptedAt = undefined;
      lastAcceptedAt = undefined;
    },
    whenAccepted(listener: ((distinct: number) => void) | undefined) {
      onAccepted = listener;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A process's peak resident memory so far in MiB (Linux: VmHWM), or null once it is gone. */
export function peakRssMiB(pid: number): number | null {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}
