import type { ChildProcess } from 'node:child_process';

/**
 * Kills a process started with TEST_PAUSE_AT=`<point>:<pass>` once it reports that it holds
 * there (src/core/pause-point.ts prints `paused at <point> <pass>`): the SIGKILL lands where the
 * process said it was, however fast or slow the machine. Fails if the process ends first.
 */
export async function killWhenPaused(child: ChildProcess, pauseAt: string): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const [point, pass] = pauseAt.split(':');
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      if (out.includes(`paused at ${point} ${pass}\n`)) resolve();
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited (${code}) without pausing at ${pauseAt}:\n${out}`)));
  });
  child.kill('SIGKILL');
  await exited;
}
