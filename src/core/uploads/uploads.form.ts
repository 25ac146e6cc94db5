import { rm } from 'node:fs/promises';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Config } from '../config/index.ts';
import { type FieldErrors, type FormMessages, type FormValues, inFieldOrder, validateForm } from '../forms/index.ts';
import { interpolate } from '../i18n/index.ts';
import type { AppContext } from '../module.ts';
import { hashFile } from './uploads.hash.ts';
import { ImageDecodeError, reencodeImage } from './uploads.images.ts';
import { formatSize, kindNames, uploadMessages } from './uploads.messages.ts';
import { checkPdf } from './uploads.pdf.ts';
import { type EffectiveFieldPolicy, effectiveField, type FileKind, MEDIA_TYPES, type UploadPolicy } from './uploads.policy.ts';
import type { ReceivedFile } from './uploads.receive.ts';
import { sniffMediaType } from './uploads.sniff.ts';
import { reencodeVideo, VideoDecodeError, VideoTooLongError } from './uploads.video.ts';

export interface StagedRendition {
  name: string;
  path: string;
  mediaType: string;
  size: number;
  sha256: string;
  width: number | null;
  height: number | null;
}

/** A checked file, ready to be stored: the re-encoded image with its variants, or the PDF as sent. */
export interface UploadedFile {
  field: string;
  originalName: string;
  mediaType: string;
  activity: string;
  purpose: string;
  renditions: readonly StagedRendition[];
}

export type UploadFormResult<T> =
  | { ok: true; data: T; values: FormValues; files: readonly UploadedFile[] }
  | { ok: false; errors: FieldErrors; values: FormValues; status: 400 | 413 };

type Checked = { file: ReceivedFile; rule: EffectiveFieldPolicy; mediaType: string };

function fieldRules(config: Config, policy: UploadPolicy): Map<string, EffectiveFieldPolicy> {
  return new Map(Object.entries(policy.fields).map(([name, f]) => [name, effectiveField(config, f)]));
}

async function process(config: Config, checked: Checked, policy: UploadPolicy): Promise<UploadedFile | keyof typeof uploadMessages> {
  const { file, rule, mediaType } = checked;
  const base = { field: file.field, originalName: file.originalName, activity: policy.activity, purpose: policy.purpose };
  if (MEDIA_TYPES.pdf.includes(mediaType)) {
    const verdict = await checkPdf(file.path);
    if (verdict === 'active-content') return 'pdfActive';
    if (verdict === 'encrypted') return 'pdfEncrypted';
    if (verdict === 'unreadable') return 'pdfUnreadable';
    const rendition = { name: 'original', path: file.path, mediaType, size: file.size, sha256: file.sha256, width: null, height: null };
    return { ...base, mediaType, renditions: [rendition] };
  }
  if (MEDIA_TYPES.video.includes(mediaType)) return processVideo(config, checked, base);
  try {
    const images = await reencodeImage(
      file.path,
      mediaType,
      rule.variants,
      (name) => `${file.path}.${name}`,
      config.UPLOAD_MAX_IMAGE_PIXELS,
    );
    const renditions: StagedRendition[] = [];
    for (const image of images) renditions.push({ ...image, ...(await hashFile(image.path)) });
    // The upload as sent (with its metadata) is not kept beyond this request.
    await rm(file.path, { force: true });
    return { ...base, mediaType: renditions[0]?.mediaType ?? mediaType, renditions };
  } catch (err) {
    if (err instanceof ImageDecodeError) return /pixel limit/i.test(err.message) ? 'pixels' : 'image';
    throw err;
  }
}

/**
 * A video is written anew as MP4 without metadata (the original rendition); its variants are
 * JPEG posters of its first frame in the field's image sizes, so pages list it like a picture.
 */
async function processVideo(
  config: Config,
  checked: Checked,
  base: Omit<UploadedFile, 'mediaType' | 'renditions'>,
): Promise<UploadedFile | keyof typeof uploadMessages> {
  const { file, rule } = checked;
  const target = `${file.path}.mp4`;
  const poster = `${file.path}.poster.png`;
  try {
    const facts = await reencodeVideo(config, file.path, target, poster);
    const posters = await reencodeImage(
      poster,
      'image/jpeg',
      rule.variants,
      (name) => `${file.path}.${name}`,
      config.UPLOAD_MAX_IMAGE_PIXELS,
    );
    const renditions: StagedRendition[] = [
      { name: 'original', path: target, mediaType: 'video/mp4', width: facts.width, height: facts.height, ...(await hashFile(target)) },
    ];
    // The poster's own full size is not kept: the video is the original.
    for (const image of posters.filter((p) => p.name !== 'original')) renditions.push({ ...image, ...(await hashFile(image.path)) });
    return { ...base, mediaType: 'video/mp4', renditions };
  } catch (err) {
    if (err instanceof VideoTooLongError) return 'videoTooLong';
    if (err instanceof VideoDecodeError || err instanceof ImageDecodeError) return 'video';
    throw err;
  } finally {
    // The upload as sent (with its metadata) is not kept beyond this request.
    await rm(file.path, { force: true });
  }
}

const kindOf = (mediaType: string): FileKind =>
  (Object.entries(MEDIA_TYPES) as [FileKind, readonly string[]][]).find(([, types]) => types.includes(mediaType))?.[0] ?? 'image';

/**
 * `validateForm` for a form with files: the text fields are validated as in any form, and
 * each file is checked against the route's upload policy – its type sniffed from the content,
 * its size and count – then images are re-encoded and PDFs inspected. Files are only
 * processed once everything else is valid: a form sent back has to have its files chosen
 * again anyway (a browser never keeps them).
 */
export async function validateUploadForm<S extends z.ZodType>(
  request: FastifyRequest,
  ctx: AppContext,
  schema: S,
  opts: FormMessages,
): Promise<UploadFormResult<z.output<S>>> {
  const policy = request.routeOptions.config?.upload;
  if (!policy) throw new Error(`${request.routeOptions.url} validates uploads but declares no config.upload`);
  const form = validateForm(schema, request.body, opts);
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };
  const L = opts.locale;
  const say = (field: string, key: keyof typeof uploadMessages, params: Record<string, string | number> = {}) => {
    errors[field] ??= interpolate(uploadMessages[key][L], { label: opts.labels[field] ?? field, ...params });
  };
  const rules = fieldRules(ctx.config, policy);
  const received = request.upload?.files ?? [];
  let tooLarge = false;
  for (const problem of request.upload?.problems ?? []) {
    if (problem.code === 'too-large') {
      tooLarge = true;
      say(problem.field, 'tooLarge', { size: formatSize(problem.limit, L) });
    } else say(problem.field, 'tooMany', { n: problem.limit });
  }
  const checked: Checked[] = [];
  for (const file of received) {
    const rule = rules.get(file.field);
    if (!rule) continue;
    const mediaType = await sniffMediaType(file.path);
    if (!mediaType || !rule.mediaTypes.includes(mediaType))
      say(file.field, 'type', { name: file.originalName, kinds: kindNames(rule.accept, L) });
    else if (file.size > rule.maxBytesOf[kindOf(mediaType)]) {
      tooLarge = true;
      say(file.field, 'tooLarge', { size: formatSize(rule.maxBytesOf[kindOf(mediaType)], L) });
    } else checked.push({ file, rule, mediaType });
  }
  for (const [name, rule] of rules) {
    if (rule.required && !received.some((f) => f.field === name)) say(name, 'required');
  }
  const fail = () => ({
    ok: false as const,
    errors: inFieldOrder(errors, opts.labels),
    values: form.values,
    status: tooLarge ? (413 as const) : (400 as const),
  });
  if (!form.ok || Object.keys(errors).length > 0) return fail();

  const files: UploadedFile[] = [];
  for (const item of checked) {
    const outcome = await process(ctx.config, item, policy);
    if (typeof outcome === 'string')
      say(item.file.field, outcome, {
        name: item.file.originalName,
        n: outcome === 'videoTooLong' ? ctx.config.UPLOAD_MAX_VIDEO_SECONDS : Math.floor(ctx.config.UPLOAD_MAX_IMAGE_PIXELS / 1e6),
      });
    else files.push(outcome);
  }
  if (Object.keys(errors).length > 0) return fail();
  return { ok: true, data: form.data, values: form.values, files };
}
