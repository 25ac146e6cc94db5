import { readFileSync } from 'node:fs';
import { SMTPServer } from 'smtp-server';

/**
 * An SMTP server that counts what it accepts by Message-ID, without keeping the messages.
 * `onAccepted` runs after the server has answered 250 for a message, with the distinct count:
 * a benchmark synchronises on it (e.g. kills the sender half-way), not on time.
 */
export async function countingSmtpServer() {
  const seen = new Map<string, number>();
  let onAccepted: ((distinct: number) => void) | undefined;
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
        callback();
        onAccepted?.(seen.size);
      });
    },
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
