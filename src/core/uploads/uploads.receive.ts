import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyContextConfig, FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { addRouteHook, HttpError } from '../http/index.ts';
import type { AppContext } from '../module.ts';
import { bodyLimitOf, effectiveField, type UploadPolicy } from './uploads.policy.ts';

/** A file as it arrived, in the request's own folder, not yet checked beyond its size. */
export interface ReceivedFile {
  field: string;
  originalName: string;
  path: string;
  size: number;
  sha256: string;
}

export type FileProblem = { field: string; code: 'too-large' | 'too-many'; limit: number };

export interface ReceivedUpload {
  policy: UploadPolicy;
  /** The request's folder under UPLOAD_DIR/.incoming; removed when the response is sent. */
  dir: string;
  files: ReceivedFile[];
  problems: FileProblem[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes multipart form posts with files under this policy. */
    upload?: UploadPolicy;
  }
  interface FastifyRequest {
    upload?: ReceivedUpload;
  }
}

/** Errors of the file system that mean "no room or no access", not a fault in the request. */
const STORAGE_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'EMFILE', 'ENFILE']);

export function isStorageFailure(err: unknown): boolean {
  return STORAGE_CODES.has((err as { code?: string } | null)?.code ?? '');
}

class BodyOverflow extends Error {}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/** A name a person can recognise, without a path, control characters or absurd length. */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[/\\]/).pop() ?? '';
  const clean = base.normalize('NFC').replace(CONTROL_CHARACTERS, '').trim();
  return clean.slice(0, 200) || 'datei';
}

async function receive(request: FastifyRequest, ctx: AppContext, policy: UploadPolicy): Promise<Record<string, string | string[]>> {
  const limit = bodyLimitOf(ctx.config, policy);
  // A body announced as too large is refused before a byte of it is read.
  if (Number(request.headers['content-length']) > limit) throw new HttpError(413, 'error.413.upload');
  const dir = path.join(ctx.config.uploadDir, '.incoming', randomBytes(16).toString('hex'));
  const upload: ReceivedUpload = { policy, dir, files: [], problems: [] };
  request.upload = upload;
  const fields: Record<string, string | string[]> = {};
  const fileFields = Object.entries(policy.fields).map(([name, f]) => [name, effectiveField(ctx.config, f)] as const);
  const maxFileBytes = Math.max(...fileFields.map(([, f]) => f.maxBytes));
  const maxFiles = fileFields.reduce((n, [, f]) => n + f.maxFiles, 0);

  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    request.log.error({ err }, 'upload folder could not be made');
    throw new HttpError(503, 'error.503.storage');
  }
  // A body sent without a length (chunked) is counted as it arrives. Listening starts in the
  // same tick as the reader, so no byte flows past it.
  let received = 0;
  const count = (chunk: Buffer) => {
    received += chunk.length;
    if (received > limit) {
      request.raw.off('data', count);
      // The multipart reader stops on the request's error and hands the error to the loop below.
      request.raw.emit('error', new BodyOverflow());
    }
  };
  try {
    const parts = request.parts({
      // The reader's own limits are the outer fence; each field's own limits are checked below.
      limits: { fileSize: maxFileBytes + 1, files: maxFiles + 5, fields: 200, fieldSize: 100_000, parts: maxFiles + 205 },
      throwFileSizeLimit: false,
    } as Parameters<typeof request.parts>[0]);
    request.raw.on('data', count);
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.valueTruncated || part.fieldnameTruncated) throw new HttpError(413);
        if (typeof part.value !== 'string') continue;
        const previous = fields[part.fieldname];
        fields[part.fieldname] = previous === undefined ? part.value : [...(Array.isArray(previous) ? previous : [previous]), part.value];
        continue;
      }
      const rule = fileFields.find(([name]) => name === part.fieldname)?.[1];
      const already = upload.files.filter((f) => f.field === part.fieldname).length;
      // An empty file input still sends a part, without name or bytes.
      if (!rule || part.filename === '' || already >= rule.maxFiles) {
        if (rule && part.filename !== '' && !upload.problems.some((p) => p.field === part.fieldname && p.code === 'too-many')) {
          upload.problems.push({ field: part.fieldname, code: 'too-many', limit: rule.maxFiles });
        }
        part.file.resume();
        await new Promise((resolve) => part.file.once('end', resolve).once('close', resolve));
        continue;
      }
      const target = path.join(dir, `${upload.files.length}.in`);
      const hash = createHash('sha256');
      let size = 0;
      const measure = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          // Past the limit the rest is read and dropped: the person gets a message, not a broken connection.
          if (size > rule.maxBytes) return done();
          hash.update(chunk);
          done(null, chunk);
        },
      });
      await pipeline(part.file, measure, createWriteStream(target, { mode: 0o600, flags: 'wx' }));
      if (size > rule.maxBytes) {
        await rm(target, { force: true });
        upload.problems.push({ field: part.fieldname, code: 'too-large', limit: rule.maxBytes });
        continue;
      }
      if (size === 0) {
        await rm(target, { force: true });
        continue;
      }
      upload.files.push({
        field: part.fieldname,
        originalName: cleanFileName(part.filename),
        path: target,
        size,
        sha256: hash.digest('hex'),
      });
    }
  } catch (err) {
    if (
      err instanceof BodyOverflow ||
      (err as { code?: string }).code === 'FST_FILES_LIMIT' ||
      (err as { code?: string }).code === 'FST_PARTS_LIMIT'
    )
      throw new HttpError(413, 'error.413.upload');
    if (err instanceof HttpError) throw err;
    if (isStorageFailure(err)) {
      request.log.error({ err }, 'upload could not be received');
      throw new HttpError(503, 'error.503.storage');
    }
    // Broken multipart framing, a field named like a prototype property, a request cut short.
    throw new HttpError(400);
  } finally {
    request.raw.off('data', count);
  }
  return fields;
}

async function discard(request: FastifyRequest): Promise<void> {
  const upload = request.upload;
  if (!upload) return;
  request.upload = undefined;
  await rm(upload.dir, { recursive: true, force: true }).catch((err) => request.log.warn({ err }, 'upload folder not removed'));
}

/**
 * Reads multipart posts of routes that declare `config.upload`: text fields become the body,
 * exactly as a urlencoded form's would (so CSRF checks and `validateForm` see them unchanged),
 * and files are written to the request's own folder, which goes when the response is sent.
 * Routes without an upload policy refuse multipart with 415.
 */
export function installUploadReceiver(app: FastifyInstance, ctx: AppContext): void {
  // Every route refuses multipart unless it declares a policy; a plain request passes at once.
  app.addHook('preValidation', (request, _reply, done) => {
    if (!request.isMultipart()) return done();
    const policy = request.routeOptions.config?.upload;
    if (!policy) return done(new HttpError(415));
    receive(request, ctx, policy).then(
      (body) => {
        request.body = body;
        done();
      },
      (err: Error) => done(err),
    );
  });
  // Files exist only for routes with a policy. Removed before the answer leaves (so a client
  // that reads the answer finds nothing left behind), and again on an aborted request.
  const receives = (route: RouteOptions) => Boolean((route.config as FastifyContextConfig | undefined)?.upload);
  addRouteHook(app, 'onSend', receives, async (request, _reply, payload) => {
    await discard(request);
    return payload;
  });
  addRouteHook(app, 'onResponse', receives, async (request) => discard(request));
  addRouteHook(app, 'onRequestAbort', receives, async (request) => discard(request));
}
