import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { postOverSocket } from '../../../tests/support/post-over-socket.ts';
import { createTestStaff, type StaffAgent, signIn } from '../../../tests/support/staff.ts';
import { createTestDatabase } from '../../../tests/support/test-db.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { ACTIVITY, TABLE, uploadFixtureModule } from '../../../tests/support/upload-fixture/index.tsx';
import { modules } from '../../modules.ts';
import { migrateToLatest } from '../db/index.ts';
import { eraseSubject, findSubject, runRetention } from '../privacy/index.ts';
import { collectStrayFiles, type FileStore, fileStoreOf, filesOf, useFileStore } from './index.ts';

type Part = [name: string, value: string] | [name: string, bytes: Buffer, filename: string, type?: string];

/** A multipart body as a browser would send it. */
async function multipart(parts: Part[]): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const p of parts) {
    if (typeof p[1] === 'string') form.append(p[0], p[1]);
    else form.append(p[0], new Blob([new Uint8Array(p[1])], { type: p[3] ?? 'application/octet-stream' }), p[2]);
  }
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type') as string } };
}

let photo: Buffer; // JPEG, 40×20, EXIF orientation 6 (rotated), camera and GPS tags
let png: Buffer;
let pdf: Buffer;
let pdfWithScript: Buffer;
const script = Buffer.from('#!/bin/sh\n<script>alert(1)</script>\n');

beforeAll(async () => {
  photo = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#c00' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Leaky 3000' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '7/1 28/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
  png = await sharp({ create: { width: 8, height: 8, channels: 4, background: '#0c0' } })
    .png()
    .toBuffer();
  const doc = await PDFDocument.create();
  doc.addPage().drawText('Zeugnis');
  pdf = Buffer.from(await doc.save());
  const active = await PDFDocument.create();
  active.addPage();
  active.addJavaScript('hello', 'app.alert("hi")');
  // Saved with compressed object streams: the script sits where a scan of raw bytes sees nothing.
  pdfWithScript = Buffer.from(await active.save({ useObjectStreams: true }));
});

const allModules = [...modules, uploadFixtureModule];

async function setup(
  store: 'disk' | 'database',
  uploadDir = mkdtempSync(path.join(os.tmpdir(), 'uploads-')),
): Promise<{ t: TestApp; dir: string }> {
  const database = await createTestDatabase();
  await migrateToLatest(database, allModules);
  const t = await createTestApp({ database, modules: allModules, env: { UPLOAD_STORE: store, UPLOAD_DIR: uploadDir } });
  return { t, dir: uploadDir };
}

async function counts(t: TestApp, dir: string) {
  const db = t.ctx.db;
  const n = async (table: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)).rows[0]?.n ?? 0;
  let blobsOnDisk = 0;
  for (const shard of readdirSync(dir).filter((d) => /^[0-9a-f]{2}$/.test(d))) blobsOnDisk += readdirSync(path.join(dir, shard)).length;
  let incoming = 0;
  try {
    incoming = readdirSync(path.join(dir, '.incoming')).length;
  } catch {}
  return { entries: await n(TABLE), files: await n('files'), blobRows: await n('file_blobs'), blobsOnDisk, incoming };
}

const NOTHING = { entries: 0, files: 0, blobRows: 0, blobsOnDisk: 0, incoming: 0 };

describe.each(['disk', 'database'] as const)('uploads with the %s store', (store) => {
  let t: TestApp;
  let dir: string;
  let hr: StaffAgent;
  let marketing: StaffAgent;

  beforeAll(async () => {
    ({ t, dir } = await setup(store));
    hr = await signIn(t.app, await createTestStaff(t.ctx.db, ['hr']), t.clock);
    marketing = await signIn(t.app, await createTestStaff(t.ctx.db, ['marketing']), t.clock);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function clear() {
    await t.ctx.db.withTables<Record<string, never>>().executeQuery(sql`delete from ${sql.table(TABLE)}`.compile(t.ctx.db));
    await sql`delete from files`.execute(t.ctx.db);
    await sql`delete from file_blobs`.execute(t.ctx.db);
    for (const shard of readdirSync(dir).filter((d) => /^[0-9a-f]{2}$/.test(d))) rmSync(path.join(dir, shard), { recursive: true });
  }

  async function post(parts: Part[], url = '/upload-test', headers: Record<string, string> = {}) {
    const body = await multipart(parts);
    return t.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, ...headers } });
  }

  const entryId = (location: unknown) => String(location).split('/').pop() as string;

  test('an image is re-encoded upright and without EXIF or GPS, with its variant; a PDF is stored as sent', async () => {
    await clear();
    const before = await sharp(photo).metadata();
    expect(before.exif).toBeDefined();
    expect(before.orientation).toBe(6);
    expect(photo.includes('TestCam')).toBe(true);
    const res = await post([
      ['name', 'Erika Muster'],
      ['photo', photo, 'IMG_0001.jpg', 'image/jpeg'],
      ['documents', pdf, 'Zeugnis Müller.pdf', 'application/pdf'],
    ]);
    expect(res.statusCode, /error-summary[\s\S]*?<\/ul>/.exec(res.body)?.[0]).toBe(303);
    const files = await filesOf(t.ctx, { table: TABLE, id: entryId(res.headers.location) });
    const byField = (field: string) => files.find((f) => f.field === field);
    expect(files.map((f) => [f.field, f.mediaType, f.originalName]).sort()).toEqual([
      ['documents', 'application/pdf', 'Zeugnis Müller.pdf'],
      ['photo', 'image/jpeg', 'IMG_0001.jpg'],
    ]);
    const [image, document] = [byField('photo'), byField('documents')];
    expect(image?.renditions.map((r) => [r.name, r.width, r.height])).toEqual([
      ['original', 20, 40],
      ['w64', 20, 40],
    ]);
    const stored = await fileStoreOf(t.ctx).get(
      (
        await sql<{ k: string }>`select storage_key as k from file_renditions where file_id = ${image?.id} and name = 'original'`.execute(
          t.ctx.db,
        )
      ).rows[0]?.k as string,
    );
    const bytes = Buffer.concat(await (stored as Readable).toArray());
    const after = await sharp(bytes).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect([after.width, after.height]).toEqual([20, 40]);
    expect(bytes.includes('TestCam')).toBe(false);
    expect(document?.sha256).toBe((await import('node:crypto')).createHash('sha256').update(pdf).digest('hex'));
    expect((await counts(t, dir)).incoming).toBe(0);
  });

  test('the type comes from the content: a PNG named .pdf is no PDF, a script named .jpg no image', async () => {
    await clear();
    const res = await post([
      ['name', 'Erika Muster'],
      ['photo', script, 'urlaub.jpg', 'image/jpeg'],
      ['documents', png, 'lebenslauf.pdf', 'application/pdf'],
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('„urlaub.jpg“ ist keine Datei der erlaubten Art');
    expect(res.body).toContain('„lebenslauf.pdf“ ist keine Datei der erlaubten Art (PDF)');
    expect(await counts(t, dir)).toEqual(NOTHING);

    // The same PNG, named .pdf, is a fine photo: it is stored as the PNG it is.
    const ok = await post([
      ['name', 'Erika Muster'],
      ['photo', png, 'foto.pdf', 'application/pdf'],
    ]);
    expect(ok.statusCode).toBe(303);
    const [file] = await filesOf(t.ctx, { table: TABLE, id: entryId(ok.headers.location) });
    expect(file?.mediaType).toBe('image/png');
  });

  test('a form sent back keeps what was typed, asks for the files again and stores nothing', async () => {
    await clear();
    const res = await post([
      ['name', ''],
      ['email', 'erika@example.org'],
      ['photo', photo, 'IMG_0001.jpg', 'image/jpeg'],
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Bitte füllen Sie „Name“ aus.');
    expect(res.body).toContain('value="erika@example.org"');
    expect(res.body).toContain('Bitte wählen Sie die Datei erneut aus.');
    expect(res.body).toContain('enctype="multipart/form-data"');
    expect(await counts(t, dir)).toEqual(NOTHING);
  });

  test('limits: a file too large gets 413 with a field message, too many files a 400; nothing is stored', async () => {
    await clear();
    const big = await post([
      ['name', 'Erika Muster'],
      ['photo', Buffer.concat([photo, Buffer.alloc(1_100_000)]), 'gross.jpg', 'image/jpeg'],
    ]);
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('„Foto“: Eine Datei ist größer als 1 MB.');
    const many = await post([
      ['name', 'Erika Muster'],
      ...[1, 2, 3, 4].map((i) => ['documents', pdf, `z${i}.pdf`, 'application/pdf'] as Part),
    ]);
    expect(many.statusCode).toBe(400);
    expect(many.body).toContain('„Unterlagen“: Bitte wählen Sie höchstens 3 Dateien aus.');
    const multi = await post([
      ['name', 'Erika Muster'],
      ['photo', photo, 'a.jpg'],
      ['photo', photo, 'b.jpg'],
    ]);
    expect(multi.statusCode).toBe(400);
    expect(await counts(t, dir)).toEqual(NOTHING);
  });

  test('a PDF with JavaScript is refused', async () => {
    await clear();
    const res = await post([
      ['name', 'Erika Muster'],
      ['documents', pdfWithScript, 'formular.pdf', 'application/pdf'],
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('enthält Skripte oder eingebettete Dateien');
    expect(await counts(t, dir)).toEqual(NOTHING);
  });

  test('all or nothing: when the store fails on the third file, no file, no bytes and no record stay', async () => {
    await clear();
    const real = fileStoreOf(t.ctx);
    let puts = 0;
    const failing: FileStore = {
      kind: real.kind,
      get: (k) => real.get(k),
      delete: (k) => real.delete(k),
      keysStoredBefore: (b) => real.keysStoredBefore(b),
      // The third file's bytes break off half-way, as on a disk that fills up.
      put: async (key, source) => {
        puts += 1;
        if (puts < 3) return real.put(key, source);
        const halfThenFail = Readable.from(
          (async function* () {
            for await (const chunk of source) {
              yield chunk;
              throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
            }
          })(),
        );
        return real.put(key, halfThenFail);
      },
    };
    useFileStore(t.ctx, failing);
    try {
      const res = await post([
        ['name', 'Erika Muster'],
        ['documents', pdf, '1.pdf', 'application/pdf'],
        ['documents', pdf, '2.pdf', 'application/pdf'],
        ['documents', pdf, '3.pdf', 'application/pdf'],
      ]);
      expect(puts).toBe(3);
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('Es wurde nichts gespeichert');
      expect(await counts(t, dir)).toEqual(NOTHING);
    } finally {
      useFileStore(t.ctx, real);
    }
  });

  test('staff forms check the CSRF token of a multipart post before anything is stored', async () => {
    await clear();
    const parts: Part[] = [
      ['name', 'Erika Muster'],
      ['documents', pdf, '1.pdf', 'application/pdf'],
    ];
    const forged = await post(parts, '/staff/upload-test', { cookie: hr.cookie });
    expect(forged.statusCode).toBe(403);
    expect(await counts(t, dir)).toEqual(NOTHING);
    const wrong = await post([['_csrf', 'x'.repeat(32)], ...parts], '/staff/upload-test', { cookie: hr.cookie });
    expect(wrong.statusCode).toBe(403);
    const ok = await post([['_csrf', hr.csrf], ...parts], '/staff/upload-test', { cookie: hr.cookie });
    expect(ok.statusCode).toBe(303);
    expect((await counts(t, dir)).files).toBe(1);
  });

  test('files reach only the roles of the owning activity, every download is audited; public only when published', async () => {
    await clear();
    const res = await post([
      ['name', 'Erika Muster'],
      ['photo', photo, 'IMG_0001.jpg', 'image/jpeg'],
      ['documents', pdf, 'Zeugnis Müller.pdf', 'application/pdf'],
    ]);
    const id = entryId(res.headers.location);
    const files = await filesOf(t.ctx, { table: TABLE, id });
    const [image, document] = [files.find((f) => f.field === 'photo'), files.find((f) => f.field === 'documents')];
    const url = `/staff/upload-test/${id}/dateien/${document?.id}`;

    const got = await hr.get(url);
    expect(got.statusCode).toBe(200);
    expect(Buffer.from(got.rawPayload).equals(pdf)).toBe(true);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="Zeugnis Muller.pdf"; filename*=UTF-8''Zeugnis%20M%C3%BCller.pdf`,
    );
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-security-policy']).toBe("default-src 'none'; img-src 'self'; sandbox");
    expect(got.headers['cache-control']).toBe('no-store');
    const audit = await t.ctx.db
      .withTables<import('../privacy/privacy.tables.ts').PrivacyTables>()
      .selectFrom('audit_log')
      .selectAll()
      .where('activity', '=', ACTIVITY)
      .where('path', '=', url)
      .execute();
    expect(audit.map((a) => [a.action, a.record_ids])).toEqual([['read', [id, document?.id]]]);

    expect((await marketing.get(url)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url, headers: { accept: 'application/json' } })).statusCode).toBe(403);
    // A file asked for under another owner does not exist there.
    const other = await post([['name', 'Max']]);
    expect((await hr.get(`/staff/upload-test/${entryId(other.headers.location)}/dateien/${document?.id}`)).statusCode).toBe(404);
    expect((await hr.get(`${url.replace(document?.id as string, image?.id as string)}?v=w64`)).headers['content-type']).toBe('image/jpeg');

    const publicUrl = `/upload-test/${id}/foto/${image?.id}`;
    expect((await t.app.inject({ method: 'GET', url: publicUrl })).statusCode).toBe(404);
    await sql`update ${sql.table(TABLE)} set published = true where id = ${id}`.execute(t.ctx.db);
    const shown = await t.app.inject({ method: 'GET', url: publicUrl });
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['cache-control']).toBe('public, max-age=300, must-revalidate');
    const again = await t.app.inject({ method: 'GET', url: publicUrl, headers: { 'if-none-match': String(shown.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  test('a retention run deletes the files with their owner: records and bytes', async () => {
    await clear();
    await post([
      ['name', 'Alt'],
      ['photo', photo, 'alt.jpg', 'image/jpeg'],
    ]);
    t.clock.advance(31 * 86_400_000);
    const keep = await post([
      ['name', 'Neu'],
      ['documents', pdf, 'neu.pdf', 'application/pdf'],
    ]);
    expect(await counts(t, dir)).toMatchObject({ entries: 2, files: 2 });
    const report = await runRetention(t.ctx, { trigger: 'test', activity: ACTIVITY });
    expect(report.rules.map((r) => r.affected)).toEqual([1]);
    const left = await counts(t, dir);
    expect(left).toMatchObject({ entries: 1, files: 1 });
    expect(store === 'disk' ? left.blobsOnDisk : left.blobRows).toBe(1);
    expect((await filesOf(t.ctx, { table: TABLE, id: entryId(keep.headers.location) })).length).toBe(1);
  });

  test('an erasure on request deletes the files with their owner', async () => {
    await clear();
    await post([
      ['name', 'Erika'],
      ['email', 'erika@example.org'],
      ['photo', photo, 'e.jpg', 'image/jpeg'],
    ]);
    await post([
      ['name', 'Max'],
      ['email', 'max@example.org'],
      ['photo', photo, 'm.jpg', 'image/jpeg'],
    ]);
    const found = await findSubject(t.ctx, { email: 'erika@example.org' });
    expect(found.filter((r) => r.activity === ACTIVITY)).toHaveLength(1);
    await eraseSubject(
      t.ctx,
      found.filter((r) => r.activity === ACTIVITY),
    );
    const left = await counts(t, dir);
    expect(left).toMatchObject({ entries: 1, files: 1 });
    // The photo and its variant of the one entry left.
    expect(store === 'disk' ? left.blobsOnDisk : left.blobRows).toBe(2);
  });

  test('bytes no record names (left by a crash) are swept, those of records stay', async () => {
    await clear();
    await post([
      ['name', 'Erika'],
      ['documents', pdf, 'z.pdf', 'application/pdf'],
    ]);
    await fileStoreOf(t.ctx).put('0123456789abcdef0123456789abcdef', Readable.from([Buffer.from('stray')]));
    expect(await collectStrayFiles(t.ctx, new Date(Date.now() + 60_000))).toBe(1);
    const left = await counts(t, dir);
    expect(store === 'disk' ? left.blobsOnDisk : left.blobRows).toBe(1);
  });
});

describe('uploads at the edges', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    ({ t, dir } = await setup('disk'));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const send = (pathName: string, contentType: string, body: Buffer, chunked = false) =>
    postOverSocket(t.app, pathName, contentType, body, chunked);

  test('a 20 MB body to an upload form gets 413, not a broken pipe, announced or not', async () => {
    const body = Buffer.alloc(20 * 1_048_576, 'a');
    expect(await send('/upload-test', 'multipart/form-data; boundary=x', body)).toBe('413');
    expect(await send('/upload-test', 'application/x-www-form-urlencoded', body)).toBe('413');
    const framed = Buffer.concat([
      Buffer.from('--x\r\nContent-Disposition: form-data; name="documents"; filename="a.pdf"\r\n\r\n'),
      body,
      Buffer.from('\r\n--x--\r\n'),
    ]);
    expect(await send('/upload-test', 'multipart/form-data; boundary=x', framed, true)).toBe('413');
  });

  test('multipart to a form that takes no files is refused with 415', async () => {
    const body = await multipart([['name', 'x']]);
    const res = await t.app.inject({ method: 'POST', url: '/kontakt', payload: body.payload, headers: body.headers });
    expect(res.statusCode).toBe(415);
  });

  test('a full disk while receiving gives a clear 503 and leaves nothing', async (ctx) => {
    const mount = mkdtempSync(path.join(os.tmpdir(), 'uploads-full-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mount], { stdio: 'ignore' });
    } catch {
      rmSync(mount, { recursive: true, force: true });
      ctx.skip('no tmpfs can be mounted here (needs root); the failing store above covers a full disk at the store');
      return;
    }
    const small = await setup('disk', mount);
    try {
      const body = await multipart([
        ['name', 'Erika'],
        ...[1, 2, 3].map((i) => ['documents', Buffer.concat([pdf, Buffer.alloc(600_000)]), `${i}.pdf`, 'application/pdf'] as Part),
      ]);
      const res = await small.t.app.inject({ method: 'POST', url: '/upload-test', payload: body.payload, headers: body.headers });
      expect(res.statusCode, res.body.slice(0, 3000)).toBe(503);
      expect(res.body).toContain('Es wurde nichts gespeichert');
      expect(await counts(small.t, mount)).toEqual(NOTHING);
    } finally {
      await small.t.close();
      execFileSync('umount', [mount]);
      rmSync(mount, { recursive: true, force: true });
    }
  });
});
