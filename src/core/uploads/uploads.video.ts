import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Config } from '../config/index.ts';

const run = promisify(execFile);

/** ffmpeg from FFMPEG_PATH (ffprobe beside it), else both from the PATH. */
export function videoTools(config: Pick<Config, 'FFMPEG_PATH'>): { ffmpeg: string; ffprobe: string } {
  const ffmpeg = config.FFMPEG_PATH ?? 'ffmpeg';
  return { ffmpeg, ffprobe: path.isAbsolute(ffmpeg) ? path.join(path.dirname(ffmpeg), 'ffprobe') : 'ffprobe' };
}

/** The upload is no video ffmpeg can decode, or has no picture. */
export class VideoDecodeError extends Error {}
/** Longer than UPLOAD_MAX_VIDEO_SECONDS. */
export class VideoTooLongError extends Error {}

export interface VideoFacts {
  seconds: number;
  width: number;
  height: number;
}

export async function probeVideo(config: Pick<Config, 'FFMPEG_PATH'>, file: string): Promise<VideoFacts> {
  let out: string;
  try {
    ({ stdout: out } = await run(
      videoTools(config).ffprobe,
      ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height:format=duration', '-of', 'json', file],
      { maxBuffer: 1_048_576 },
    ));
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') throw err;
    throw new VideoDecodeError((err as Error).message);
  }
  const facts = JSON.parse(out) as { streams?: { width?: number; height?: number }[]; format?: { duration?: string } };
  const stream = facts.streams?.[0];
  const seconds = Number(facts.format?.duration);
  if (!stream?.width || !stream.height || !Number.isFinite(seconds)) throw new VideoDecodeError('no picture stream');
  return { seconds, width: stream.width, height: stream.height };
}

/**
 * The output every stored video gets: H.264 in MP4 (every browser plays it), at most 1280
 * pixels wide, with no metadata: `-map_metadata -1` drops the container's and the stream's tags
 * (recording time, GPS position `©xyz`, camera, owner's name), `-map_chapters -1` the chapters,
 * only the first picture stream is kept (no data or subtitle tracks, where phones put positions
 * too), and `bitexact` keeps the tool's version out. No sound (decision 018): bystanders' voices
 * are personal data a pixelation cannot reach, and a silent video needs no captions (WCAG 1.2.2).
 */
const ENCODE = [
  ...['-map_metadata', '-1', '-map_metadata:s', '-1', '-map_chapters', '-1', '-sn', '-dn', '-an'],
  ...['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '26', '-pix_fmt', 'yuv420p', '-movflags', '+faststart'],
  ...['-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact', '-f', 'mp4'],
];

async function ffmpeg(config: Pick<Config, 'FFMPEG_PATH'>, args: string[]): Promise<void> {
  try {
    await run(videoTools(config).ffmpeg, ['-nostdin', '-v', 'error', '-y', ...args], { maxBuffer: 4 * 1_048_576 });
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') throw err;
    throw new VideoDecodeError((err as Error).message);
  }
}

/**
 * Writes the upload anew as MP4 without metadata (see ENCODE) and a poster frame as PNG, for
 * the caller to turn into image sizes. The upload as sent is not kept. Returns the facts of the
 * written video.
 */
export async function reencodeVideo(
  config: Pick<Config, 'FFMPEG_PATH' | 'UPLOAD_MAX_VIDEO_SECONDS'>,
  source: string,
  target: string,
  poster: string,
): Promise<VideoFacts> {
  const facts = await probeVideo(config, source);
  if (facts.seconds > config.UPLOAD_MAX_VIDEO_SECONDS) throw new VideoTooLongError(`${facts.seconds} s`);
  await ffmpeg(config, [...['-i', source, '-map', '0:v:0', '-map', '0:a:0?'], ...['-vf', "scale='min(1280,iw)':-2", ...ENCODE, target]]);
  // The poster is taken from the written video, so it shows what is published.
  await ffmpeg(config, ['-i', target, '-frames:v', '1', '-map_metadata', '-1', '-f', 'image2', '-c:v', 'png', poster]);
  return probeVideo(config, target);
}

/** A region in whole pixels, even-sized and inside the picture (the encoder works on 2×2 blocks). */
export interface PixelBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

function evenBox(b: PixelBox, width: number, height: number): PixelBox {
  const left = Math.min(Math.max(0, b.left - (b.left % 2)), Math.max(0, width - 2));
  const top = Math.min(Math.max(0, b.top - (b.top % 2)), Math.max(0, height - 2));
  const w = Math.max(2, Math.min(width - left, b.width + (b.width % 2)));
  const h = Math.max(2, Math.min(height - top, b.height + (b.height % 2)));
  return { left, top, width: w - (w % 2), height: h - (h % 2) };
}

/**
 * Makes regions unrecognisable in every frame of a video and encodes it anew without metadata.
 * Pixelation keeps at most 6 blocks across a region's longer side; blurring is strong – the
 * same as for pictures (media.obscure.ts), so posters and video match. `boxes` gets the video's
 * size and returns the regions in its pixels.
 */
export async function obscureVideo(
  config: Pick<Config, 'FFMPEG_PATH' | 'uploadDir'>,
  bytes: Buffer,
  boxes: (width: number, height: number) => PixelBox[],
  effect: 'pixelate' | 'blur',
): Promise<Buffer> {
  // In the upload folder, not the shared temporary one: these are the bytes being destroyed. A
  // crash leaves the folder to the sweep of strays (collectStrayFiles).
  const incoming = path.join(config.uploadDir, '.incoming');
  await mkdir(incoming, { recursive: true, mode: 0o700 });
  const dir = await mkdtemp(path.join(incoming, 'video-'));
  try {
    const source = path.join(dir, 'in.mp4');
    const target = path.join(dir, 'out.mp4');
    await writeFile(source, bytes, { mode: 0o600 });
    const { width, height } = await probeVideo(config, source);
    const regions = boxes(width, height).map((b) => evenBox(b, width, height));
    const steps: string[] = [];
    let last = '0:v';
    regions.forEach((r, i) => {
      const cover =
        effect === 'pixelate'
          ? (() => {
              const block = Math.max(2, Math.ceil(Math.max(r.width, r.height) / 6));
              const w = Math.max(1, Math.ceil(r.width / block));
              const h = Math.max(1, Math.ceil(r.height / block));
              return `scale=${w}:${h}:flags=area,scale=${r.width}:${r.height}:flags=neighbor`;
            })()
          : `gblur=sigma=${Math.min(1000, Math.max(8, Math.max(r.width, r.height) / 4)).toFixed(1)}:steps=3`;
      steps.push(`[${last}]split=2[b${i}][c${i}]`);
      steps.push(`[c${i}]crop=${r.width}:${r.height}:${r.left}:${r.top},${cover}[p${i}]`);
      steps.push(`[b${i}][p${i}]overlay=${r.left}:${r.top}[v${i}]`);
      last = `v${i}`;
    });
    const graph = steps.length ? ['-filter_complex', steps.join(';'), '-map', `[${last}]`] : ['-map', '0:v:0'];
    await ffmpeg(config, ['-i', source, ...graph, ...ENCODE, target]);
    return await readFile(target);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
