import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../module.ts';
import type { UploadedFile } from './uploads.form.ts';
import { hashFile } from './uploads.hash.ts';
import { ImageDecodeError, reencodeImage } from './uploads.images.ts';
import { effectiveField, MEDIA_TYPES, type UploadPolicy } from './uploads.policy.ts';
import { cleanFileName } from './uploads.receive.ts';
import { sniffMediaType } from './uploads.sniff.ts';

export type LocalFileProblem = 'type' | 'too-large' | 'image';

/**
 * An image from the operator's disk (a CLI import), checked and re-encoded exactly as an
 * uploaded one: type sniffed from the content, the field's size limit, metadata stripped, the
 * policy's variants made. The staged copies live in a folder of their own under the upload
 * directory; `saveWithFiles` stores them, `discard` removes the folder afterwards.
 */
export async function stageLocalImage(
  ctx: Pick<AppContext, 'config'>,
  policy: UploadPolicy,
  field: string,
  source: string,
): Promise<{ ok: true; file: UploadedFile; discard: () => Promise<void> } | { ok: false; problem: LocalFileProblem }> {
  const declared = policy.fields[field];
  if (!declared?.accept.includes('image')) throw new Error(`upload field ${field} takes no images`);
  const rule = effectiveField(ctx.config, declared);
  const mediaType = await sniffMediaType(source);
  if (!mediaType || !MEDIA_TYPES.image.includes(mediaType)) return { ok: false, problem: 'type' };
  const { size } = await hashFile(source);
  if (size > rule.maxBytes) return { ok: false, problem: 'too-large' };
  await mkdir(path.join(ctx.config.uploadDir, '.incoming'), { recursive: true, mode: 0o700 });
  const dir = await mkdtemp(path.join(ctx.config.uploadDir, '.incoming', 'local-'));
  const discard = () => rm(dir, { recursive: true, force: true });
  try {
    const input = path.join(dir, 'in');
    await copyFile(source, input);
    const images = await reencodeImage(input, mediaType, rule.variants, (name) => `${input}.${name}`, ctx.config.UPLOAD_MAX_IMAGE_PIXELS);
    const renditions = [];
    for (const image of images) renditions.push({ ...image, ...(await hashFile(image.path)) });
    await rm(input, { force: true });
    const file: UploadedFile = {
      field,
      originalName: cleanFileName(path.basename(source)),
      mediaType: renditions[0]?.mediaType ?? mediaType,
      activity: policy.activity,
      purpose: policy.purpose,
      renditions,
    };
    return { ok: true, file, discard };
  } catch (err) {
    await discard();
    if (err instanceof ImageDecodeError) return { ok: false, problem: 'image' };
    throw err;
  }
}
