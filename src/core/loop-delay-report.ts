import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Benchmarks only (`BENCH_LOOP_DELAY_FILE`): measures how long the event loop was held, so a
 * benchmark can tell a long latency tail caused by work on the loop (a write into the embedded
 * database, garbage collection) from one caused by queueing. On start the process appends
 * `{"pid":…}` to the file; on every SIGUSR2 it appends the delays since the last one (or since
 * start) in milliseconds and starts counting afresh. A signal, not a route: the server under
 * test answers exactly what it answers in production.
 */
export function reportLoopDelayOnSignal(file: string): void {
  const resolutionMs = 10;
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  appendFileSync(file, `${JSON.stringify({ pid: process.pid })}\n`);
  // The histogram holds whole timer intervals; the delay is what exceeds the timer's period.
  const ms = (ns: number) => Number(Math.max(0, ns / 1e6 - resolutionMs).toFixed(2));
  process.on('SIGUSR2', () => {
    appendFileSync(
      file,
      `${JSON.stringify({
        maxMs: ms(histogram.max),
        p99Ms: ms(histogram.percentile(99)),
        p50Ms: ms(histogram.percentile(50)),
        meanMs: ms(histogram.mean),
      })}\n`,
    );
    histogram.reset();
  });
}
