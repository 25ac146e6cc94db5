import { createReadStream, type ReadStream } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip } from 'node:zlib';

/**
 * Tiles and weather years may come compressed (`.gz` or `.br`): the 3D model is XML and shrinks
 * to a sixteenth, which is how the demo data fits into the repository. A file is always known by
 * its plain name, so `tile.gml.br` and `tile.gml` are the same tile and hash the same.
 */
const COMPRESSED = /\.(gz|br)$/i;

/** `LoD2_…_NW.gml.br` → `LoD2_…_NW.gml`. */
export function plainName(file: string): string {
  return path.basename(file).replace(COMPRESSED, '');
}

export interface PlainSource {
  /** The plain bytes, decompressed on the fly. */
  stream: Readable;
  /** Bytes of the file on disk read so far (for a progress bar over the file's size). */
  bytesRead(): number;
}

export function openPlain(file: string, highWaterMark = 1 << 20): PlainSource {
  const raw: ReadStream = createReadStream(file, { highWaterMark });
  const kind = COMPRESSED.exec(file)?.[1]?.toLowerCase();
  if (!kind) return { stream: raw, bytesRead: () => raw.bytesRead };
  const inflate = kind === 'gz' ? createGunzip() : createBrotliDecompress();
  // A read error of the file must reach whoever iterates the decompressed stream.
  raw.once('error', (err) => inflate.destroy(err));
  return { stream: raw.pipe(inflate), bytesRead: () => raw.bytesRead };
}

/** The whole plain content (for files that are stored whole, like a weather year). */
export async function readPlain(file: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of openPlain(file).stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}
