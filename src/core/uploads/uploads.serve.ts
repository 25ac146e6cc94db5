import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http/index.ts';
import type { AppContext } from '../module.ts';
import { findActivity, mayAccess } from '../privacy/index.ts';
import { type FileOwner, renditionOf, type StoredFile, type StoredFileRendition } from './uploads.files.ts';
import { fileStoreOf } from './uploads.store.ts';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'application/pdf': 'pdf',
};

/** The file's own name with the extension of what is served (a re-encoded image may have changed type). */
export function downloadName(file: Pick<StoredFile, 'originalName'>, rendition: Pick<StoredFileRendition, 'name' | 'mediaType'>): string {
  const stem = file.originalName.replace(/\.[A-Za-z0-9]{1,5}$/, '') || 'datei';
  const suffix = rendition.name === 'original' ? '' : `-${rendition.name}`;
  return `${stem}${suffix}.${EXTENSIONS[rendition.mediaType] ?? 'bin'}`;
}

/** RFC 6266: a plain ASCII name for old clients and the real one, UTF-8 encoded, for the rest. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii =
    name
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\%;]/g, '_') || 'datei';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

interface SendOptions {
  owner: FileOwner;
  fileId: string;
  /** `original` (default) or a variant's name. */
  rendition?: string;
  /** Images are shown in the page by default, documents are always downloaded. */
  disposition?: 'inline' | 'attachment';
}

async function send(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: AppContext,
  options: SendOptions,
  check: (file: StoredFile) => void,
  caching: (reply: FastifyReply, etag: string) => boolean,
): Promise<FastifyReply> {
  const found = await renditionOf(ctx, options.owner, options.fileId, options.rendition ?? 'original');
  if (!found) throw new HttpError(404);
  check(found.file);
  const etag = `"${found.rendition.sha256}"`;
  if (caching(reply, etag)) return reply.code(304).send();
  const body = await fileStoreOf(ctx).get(found.key);
  if (!body) {
    request.log.error({ file: found.file.id, rendition: found.rendition.name }, 'file record without bytes');
    throw new HttpError(404);
  }
  const isImage = found.rendition.mediaType.startsWith('image/');
  const disposition = isImage ? (options.disposition ?? 'inline') : 'attachment';
  return (
    reply
      .header('content-type', found.rendition.mediaType)
      .header('content-length', String(found.rendition.size))
      .header('content-disposition', contentDisposition(disposition, downloadName(found.file, found.rendition)))
      .header('x-content-type-options', 'nosniff')
      // Opened on its own, a file is a sandboxed document that may load and run nothing.
      .header('content-security-policy', "default-src 'none'; img-src 'self'; sandbox")
      .header('etag', etag)
      .send(body)
  );
}

/**
 * Sends a file to staff from a module's own staff route. The route's `config.staff` must name
 * the activity the file belongs to – whose register entry decides which roles may open it –
 * and the module must have checked that the owner row is one this member may see (its row
 * scope). The guard writes the download to the audit log, naming the owner and the file.
 * Personal files are never stored by a cache.
 */
export async function sendStaffFile(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: AppContext,
  options: SendOptions,
): Promise<FastifyReply> {
  const access = request.routeOptions.config?.staff;
  const staff = request.staff;
  if (!staff || !access || access === 'sign-in' || !('activity' in access))
    throw new Error(`${request.url}: files go to staff only from a staff route that names an activity`);
  return send(
    request,
    reply,
    ctx,
    options,
    (file) => {
      const activity = findActivity(ctx.modules, ctx.config, file.activity);
      // The route's activity must be the file's: a route of one purpose never hands out files of another.
      if (file.activity !== access.activity || !activity || !mayAccess(activity, staff.roles)) throw new HttpError(404);
      request.auditRecords = [options.owner.id, file.id];
    },
    (r) => {
      r.header('cache-control', 'no-store');
      return false;
    },
  );
}

/**
 * Sends a file that a module's public route has decided is published (a released photo, an
 * approved project's image). There is no public file URL of its own: publication is the
 * module's decision, made on every request. Caches may keep it for `maxAgeSeconds` (default
 * 5 minutes, so a takedown shows soon) and revalidate with the ETag.
 */
export async function sendPublishedFile(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: AppContext,
  options: SendOptions & { maxAgeSeconds?: number },
): Promise<FastifyReply> {
  return send(
    request,
    reply,
    ctx,
    options,
    () => {},
    (r, etag) => {
      r.header('cache-control', `public, max-age=${options.maxAgeSeconds ?? 300}, must-revalidate`);
      const match = request.headers['if-none-match'];
      if (match?.split(',').some((t) => t.trim() === etag)) {
        r.header('etag', etag);
        return true;
      }
      return false;
    },
  );
}
