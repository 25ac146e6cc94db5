// A compute thread: holds one tile's context (obstacle index, sun lookup) and assesses the
// buildings it is sent. Loaded by Node directly (type stripping), so this file and everything it
// imports use only erasable TypeScript.
import { parentPort, workerData } from 'node:worker_threads';
import type { TileContext } from './compute/pipeline.ts';
import { assessTileBuilding, createTileContext } from './compute/pipeline.ts';
import type { ComputeWorkerData, FromComputeWorker, ToComputeWorker } from './solar.compute-protocol.ts';

const port = parentPort;
if (!port) throw new Error('solar.compute-worker must run in a worker thread');
const { year } = workerData as ComputeWorkerData;
let current: { key: string; ctx: TileContext } | null = null;

port.on('message', (msg: ToComputeWorker) => {
  if (msg.type === 'tile') {
    // The previous tile's context is dropped: a thread works on one tile at a time.
    current = null;
    const ctx = createTileContext(msg.buildings, year, {
      suitability: msg.options.suitability,
      shading: msg.options.shading,
      model: msg.options.model,
      neighbours: msg.neighbours,
    });
    current = { key: msg.key, ctx };
    return;
  }
  let reply: FromComputeWorker;
  try {
    if (current === null || current.key !== msg.key) throw new Error(`tile ${msg.key} was not sent to this thread`);
    const ctx = current.ctx;
    reply = { type: 'assessed', task: msg.task, results: msg.indices.map((i) => assessTileBuilding(ctx, i)) };
  } catch (err) {
    reply = { type: 'failed', task: msg.task, message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  port.postMessage(reply);
});
