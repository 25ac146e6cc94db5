import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');
export const nodeBin = path.join(root, 'node_modules/.bin/node');
export const tsxBin = path.join(root, 'node_modules/.bin/tsx');

export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** What a started process wrote on stderr lately, for the message when it fails. */
const stderrTails = new WeakMap<ChildProcess, string>();
/** Resolves when a started process and every process it started have ended (see stop). */
const allEnded = new WeakMap<ChildProcess, Promise<void>>();

/**
 * Resolves when the URL answers 200 (polling), with the milliseconds it took. Given the process
 * that should answer, fails as soon as that process ends, with what it wrote on stderr (a data
 * folder still locked, a bad setting), instead of polling on until the timeout.
 */
export async function waitForHttp(url: string, child?: ChildProcess, timeoutMs = 60_000): Promise<number> {
  const started = performance.now();
  const ended = child
    ? new Promise<never>((_, reject) => {
        const fail = () =>
          reject(new Error(`the process for ${url} ended (${child.exitCode ?? child.signalCode}):\n${stderrTails.get(child) ?? ''}`));
        if (child.exitCode !== null || child.signalCode !== null) fail();
        else child.once('exit', fail);
      })
    : undefined;
  ended?.catch(() => {}); // raced below; unobserved once the URL answers
  for (;;) {
    const answer = fetch(url)
      .then(async (res) => {
        await res.arrayBuffer();
        return res.status === 200;
      })
      .catch(() => false); // not listening yet
    if (await (ended ? Promise.race([answer, ended]) : answer)) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function start(command: string, args: string[], env: Record<string, string>, cwd = root): ChildProcess {
  // A process group of its own, so stop() reaches npm's and tsx's children too.
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  allEnded.set(child, new Promise((resolve) => child.once('close', () => resolve())));
  child.stdout?.resume();
  child.stderr?.on('data', (d: Buffer) => {
    const text = d.toString();
    stderrTails.set(child, ((stderrTails.get(child) ?? '') + text).slice(-4000));
    if (/error/i.test(text)) process.stderr.write(text);
  });
  return child;
}

/**
 * Stops the process and everything it started (npm → sh → tsx → node), and resolves only when
 * all of them are gone. The signal of that is the end of the output pipes, which every process
 * of the group holds open until it exits: the leader (npm, tsx) may exit while the server is
 * still closing its embedded database and holding the data folder's lock, and the next server
 * on that folder must not start before then.
 */
export async function stop(child: ChildProcess): Promise<void> {
  const closed = allEnded.get(child);
  if (!closed) throw new Error('stop() takes a process from start()');
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), s);
    } catch {
      // the group is gone
    }
  };
  signal('SIGTERM');
  // A server that has not shut down after 15 s is killed, with everything it started.
  let grace: NodeJS.Timeout | undefined;
  await Promise.race([closed, new Promise<void>((resolve) => (grace = setTimeout(resolve, 15_000)))]);
  clearTimeout(grace);
  signal('SIGKILL');
  await closed;
}
