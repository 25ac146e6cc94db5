import { Worker } from 'node:worker_threads';
import type { SiteYear } from './compute/annual.ts';
import type { BuildingAssessment } from './compute/suitability.ts';
import type { ComputeWorkerData, FromComputeWorker, TileWork, ToComputeWorker } from './solar.compute-protocol.ts';

const workerUrl = new URL('./solar.compute-worker.ts', import.meta.url);

export interface AssessedBatch {
  indices: number[];
  results: BuildingAssessment[];
}

interface Thread {
  worker: Worker;
  tileKey: string | null;
  pending: { task: number; resolve: (r: BuildingAssessment[]) => void; reject: (e: Error) => void } | null;
}

/**
 * Worker threads that assess buildings. A tile is sent to a thread once; then small batches of
 * building indices go to whichever thread is free, so threads finish together even when some
 * buildings take much longer than others.
 */
export class ComputePool {
  readonly size: number;
  readonly #threads: Thread[];
  #task = 0;
  #broken: Error | null = null;

  constructor(threads: number, year: SiteYear) {
    this.size = Math.max(1, threads);
    this.#threads = Array.from({ length: this.size }, () => {
      const thread: Thread = {
        worker: new Worker(workerUrl, { workerData: { year } satisfies ComputeWorkerData }),
        tileKey: null,
        pending: null,
      };
      thread.worker.on('message', (msg: FromComputeWorker) => {
        const p = thread.pending;
        if (!p || p.task !== msg.task) return;
        thread.pending = null;
        if (msg.type === 'assessed') p.resolve(msg.results);
        else p.reject(new Error(`compute thread failed: ${msg.message}`));
      });
      const fail = (err: Error) => {
        this.#broken ??= err;
        thread.pending?.reject(err);
        thread.pending = null;
      };
      thread.worker.on('error', fail);
      thread.worker.on('exit', (code) => {
        if (code !== 0) fail(new Error(`compute thread stopped with code ${code}`));
      });
      return thread;
    });
  }

  #run(thread: Thread, tile: TileWork, indices: number[]): Promise<BuildingAssessment[]> {
    if (this.#broken) return Promise.reject(this.#broken);
    if (thread.tileKey !== tile.key) {
      thread.worker.postMessage({ type: 'tile', ...tile } satisfies ToComputeWorker);
      thread.tileKey = tile.key;
    }
    const task = ++this.#task;
    return new Promise((resolve, reject) => {
      thread.pending = { task, resolve, reject };
      thread.worker.postMessage({ type: 'assess', task, key: tile.key, indices } satisfies ToComputeWorker);
    });
  }

  /**
   * Assesses the given buildings of a tile; `onBatch` receives each finished batch (in completion
   * order) and is awaited before that thread gets more, which bounds unwritten results. Stops
   * handing out work once `signal` aborts; what is in flight still completes.
   */
  async assess(
    tile: TileWork,
    indices: readonly number[],
    onBatch: (batch: AssessedBatch) => Promise<void> | void,
    options: { batchSize?: number; signal?: AbortSignal } = {},
  ): Promise<void> {
    const batchSize = options.batchSize ?? 4;
    let next = 0;
    let failed = false;
    const lane = async (thread: Thread) => {
      try {
        while (next < indices.length && !failed && !options.signal?.aborted) {
          const batch = indices.slice(next, next + batchSize);
          next += batch.length;
          const results = await this.#run(thread, tile, batch);
          await onBatch({ indices: batch, results });
        }
      } catch (err) {
        // The other threads finish what they hold, then stop too.
        failed = true;
        throw err;
      }
    };
    const lanes = this.#threads.map(lane);
    const settled = await Promise.allSettled(lanes);
    const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (rejected) throw rejected.reason;
  }

  async close(): Promise<void> {
    await Promise.all(this.#threads.map((t) => t.worker.terminate()));
  }
}
