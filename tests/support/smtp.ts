import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope sender (MAIL FROM). */
  from: string;
  /** Envelope recipients (RCPT TO). */
  to: string[];
  /** The message exactly as it arrived. */
  raw: string;
  /** An unfolded header field's raw value (first occurrence), case-insensitive name. */
  header(name: string): string | undefined;
  /** Everything after the header block, still transfer-encoded. */
  body: string;
}

export interface TestSmtpServer {
  port: number;
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  /** Every message accepted so far, in order. */
  received: ReceivedMail[];
  /** Recipients answered with `550 no such mailbox` at RCPT TO. */
  unknownMailboxes: Set<string>;
  /** Resolves when at least `count` messages have arrived. */
  waitForMessages(count: number): Promise<ReceivedMail[]>;
  /** Stops listening and drops open connections; mail arriving now is refused. */
  stop(): Promise<void>;
  /** Listens again on the same port, keeping what was received. */
  restart(): Promise<void>;
}

function parse(raw: string, from: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split + 4);
  const fields: [string, string][] = [];
  for (const line of head.split('\r\n')) {
    const last = fields.at(-1);
    if (/^[ \t]/.test(line) && last) last[1] = `${last[1]} ${line.trim()}`.trim();
    else {
      const colon = line.indexOf(':');
      if (colon > 0) fields.push([line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()]);
    }
  }
  return {
    from,
    to,
    raw,
    body,
    header: (name) => fields.find(([n]) => n === name.toLowerCase())?.[1],
  };
}

/**
 * A real SMTP server in the test process (no TLS, no login), collecting what it accepts. It can
 * be stopped and restarted on the same port, to play an outage of the utility's mail server.
 */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const unknownMailboxes = new Set<string>();
  const waiters: { count: number; resolve: () => void }[] = [];

  const options: SMTPServerOptions = {
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    closeTimeout: 200,
    onRcptTo(address, _session, callback) {
      if (unknownMailboxes.has(address.address.toLowerCase())) {
        const err = new Error('no such mailbox') as Error & { responseCode: number };
        err.responseCode = 550;
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const envelope = session.envelope;
        received.push(
          parse(
            Buffer.concat(chunks).toString('utf8'),
            envelope.mailFrom ? envelope.mailFrom.address : '',
            envelope.rcptTo.map((r) => r.address),
          ),
        );
        for (const w of waiters.filter((w) => received.length >= w.count)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
        callback();
      });
    },
  };

  let server = new SMTPServer(options);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      const net = server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((net.address() as AddressInfo).port);
      });
    });
  const port = await listen(0);

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    unknownMailboxes,
    waitForMessages(count) {
      if (received.length >= count) return Promise.resolve(received);
      // No timer of its own: the test's timeout bounds the wait, on a slow machine as on a fast one.
      return new Promise((resolve) => waiters.push({ count, resolve: () => resolve(received) }));
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    restart: async () => {
      server = new SMTPServer(options);
      await listen(port);
    },
  };
}
