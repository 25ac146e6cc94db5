import type { Config } from './config/index.ts';

/** The named points a test can hold a process at (TEST_PAUSE_AT=<point>:<pass>). */
export type PausePoint =
  | 'retention-batch-open'
  | 'retention-batch-committed'
  | 'newsletter-send-claimed'
  | 'newsletter-send-accepted'
  | 'accesslog-import-entries-written'
  | 'accesslog-import-stats-written';

const passes = new Map<string, number>();

/**
 * Holds the process here when a test asked for it: with `TEST_PAUSE_AT=<point>:<pass>`, the
 * given pass through `point` prints `paused at <point> <pass>` on stderr and waits until standard
 * input closes. A test kills the process there, so the kill lands at a moment the process
 * reported (inside a batch, after a committed one) on a fast machine as on a slow one, not after
 * a guessed time. When the test's side of the pipe goes away, the process carries on.
 */
export async function pausePoint(config: Pick<Config, 'TEST_PAUSE_AT'>, point: PausePoint): Promise<void> {
  const wanted = config.TEST_PAUSE_AT;
  if (wanted?.point !== point) return;
  const pass = (passes.get(point) ?? 0) + 1;
  passes.set(point, pass);
  if (pass !== wanted.pass) return;
  process.stderr.write(`paused at ${point} ${pass}\n`);
  await new Promise<void>((resolve) => {
    process.stdin.once('end', resolve).once('close', resolve).once('error', resolve).resume();
  });
  process.stdin.pause();
}
