import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createTestStaff, type StaffAgent, signIn } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { fileStoreOf, filesOf } from '../../core/uploads/index.ts';
import { cameraJpeg, multipart, type Part, tinyMp4 } from './media.test-support.ts';

// Video work on a shared two-core machine: a generous ceiling, nothing waits on time.
vi.setConfig({ testTimeout: 180_000 });

const FFMPEG = process.env.FFMPEG_PATH ?? 'ffmpeg';
const FFPROBE = path.isAbsolute(FFMPEG) ? path.join(path.dirname(FFMPEG), 'ffprobe') : 'ffprobe';
/** What the MP4 container always names: its brands. Nothing else may be left. */
const CONTAINER_TAGS = ['major_brand', 'minor_version', 'compatible_brands'];
const LEAKS = ['Erika Fotografin', 'Geheimer Titel', '+51.5000+007.4667', '2020-01-01'];

describe('media library: videos (decision 018)', () => {
  let t: TestApp;
  let dir: string;
  let editor: StaffAgent;
  let clip: Buffer;

  /** A 1 s camera clip, as a phone writes it: GPS position, recording time, author and title in its tags. */
  function cameraClip(seconds: number, start: number, frame: Buffer): Buffer {
    const still = path.join(dir, `still-${start}.jpg`);
    const out = path.join(dir, `clip-${start}-${seconds}.mp4`);
    writeFileSync(still, frame);
    execFileSync(FFMPEG, [
      ...['-nostdin', '-v', 'error', '-y', '-loop', '1', '-framerate', '5', '-i', still],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=22050', '-t', String(seconds)],
      ...['-metadata', 'title=Geheimer Titel', '-metadata', 'artist=Erika Fotografin'],
      ...['-metadata', 'location=+51.5000+007.4667/', '-metadata', 'creation_time=2020-01-01T10:00:00Z'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '10', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', out],
    ]);
    return readFileSync(out);
  }

  /** ffprobe's view of a file's tags: the container's and every stream's. */
  function tagsOf(bytes: Buffer): { format: Record<string, string>; streams: Record<string, string>[] } {
    const file = path.join(dir, `probe-${Math.random().toString(36).slice(2)}.mp4`);
    writeFileSync(file, bytes);
    const out = JSON.parse(
      execFileSync(FFPROBE, ['-v', 'error', '-show_entries', 'format_tags:stream_tags', '-of', 'json', file], { encoding: 'utf8' }),
    );
    rmSync(file);
    return { format: out.format?.tags ?? {}, streams: (out.streams ?? []).map((s: { tags?: Record<string, string> }) => s.tags ?? {}) };
  }

  /** One frame of a video, half a second in, as raw RGB. */
  async function frameOf(bytes: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
    const file = path.join(dir, `frame-${Math.random().toString(36).slice(2)}.mp4`);
    writeFileSync(file, bytes);
    const png = execFileSync(FFMPEG, [
      '-nostdin',
      '-v',
      'error',
      '-ss',
      '0.5',
      '-i',
      file,
      '-frames:v',
      '1',
      '-f',
      'image2pipe',
      '-c:v',
      'png',
      '-',
    ]);
    rmSync(file);
    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'media-video-'));
    t = await createTestApp({
      env: { UPLOAD_STORE: 'disk', UPLOAD_DIR: path.join(dir, 'files'), UPLOAD_MAX_VIDEO_SECONDS: '2', UPLOAD_MAX_VIDEO_BYTES: '400000' },
    });
    t.clock.set('2026-06-15T10:00:00Z');
    editor = await signIn(t.app, await createTestStaff(t.ctx.db, ['editor']), t.clock);
    clip = cameraClip(1, 1, await cameraJpeg(320, 240, 1));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function post(url: string, parts: Part[]) {
    const body = await multipart([['_csrf', editor.csrf], ...parts]);
    return t.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie: editor.cookie } });
  }

  const upload = (file: Buffer, name: string, fields: Record<string, string> = {}) =>
    post('/staff/medien/neu', [
      ['photo', file, name, 'video/mp4'],
      ...Object.entries({
        title: 'Sommerfest im Film',
        alt: 'Zwei Menschen am Stand',
        basis: 'consent',
        people: '1',
        publish: 'yes',
        ...fields,
      }),
    ]);
  const idOf = (res: { headers: Record<string, unknown> }) =>
    String(res.headers.location ?? '')
      .split('/')
      .pop() as string;

  async function stored(id: string) {
    const [file] = await filesOf(t.ctx, { table: 'media_items', id });
    const rows = await sql<{
      name: string;
      storage_key: string;
    }>`select name, storage_key from file_renditions where file_id = ${file?.id}`.execute(t.ctx.db);
    const bytes = new Map<string, Buffer>();
    for (const r of rows.rows) {
      const stream = await fileStoreOf(t.ctx).get(r.storage_key);
      bytes.set(r.name, Buffer.concat(await (stream as NonNullable<typeof stream>).toArray()));
    }
    return { file, bytes, keys: rows.rows.map((r) => r.storage_key) };
  }

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const count = async () => (await sql<{ n: number }>`select count(*)::int as n from media_items`.execute(t.ctx.db)).rows[0]?.n;

  test('[C31] a video is re-encoded without metadata (ffprobe: no tags, GPS or recording time), gets posters, and shows only with consent', async () => {
    // The clip as sent carries everything the library must not keep.
    const sent = tagsOf(clip);
    expect(sent.format).toMatchObject({ title: 'Geheimer Titel', artist: 'Erika Fotografin', location: '+51.5000+007.4667/' });
    expect(sent.streams[0]?.creation_time).toContain('2020-01-01');

    const res = await upload(clip, 'VID_0001.mp4');
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    const id = idOf(res);
    const { file, bytes } = await stored(id);
    expect(file?.mediaType).toBe('video/mp4');
    expect(file?.renditions.map((r) => [r.name, r.mediaType, r.width, r.height])).toEqual([
      ['original', 'video/mp4', 320, 240],
      ['w1280', 'image/jpeg', 320, 240],
      ['w320', 'image/jpeg', 320, 240],
      ['w640', 'image/jpeg', 320, 240],
    ]);
    const kept = tagsOf(bytes.get('original') as Buffer);
    expect(Object.keys(kept.format).sort()).toEqual([...CONTAINER_TAGS].sort());
    // The picture only: no sound (bystanders' voices), no data tracks.
    expect(sent.streams).toHaveLength(2);
    expect(kept.streams).toHaveLength(1);
    for (const s of kept.streams)
      for (const key of ['creation_time', 'location', 'title', 'artist', 'comment']) expect(s[key], key).toBeUndefined();
    for (const [name, b] of bytes) {
      for (const leak of LEAKS) expect(b.includes(leak), `${name}: ${leak}`).toBe(false);
      expect(b.includes('©xyz'), name).toBe(false);
    }
    for (const name of ['w320', 'w640', 'w1280']) expect((await sharp(bytes.get(name) as Buffer).metadata()).exif, name).toBeUndefined();

    // Consent rules as for photos: one depicted person without a record – nowhere public.
    expect((await get(`/medien/${id}`)).statusCode).toBe(404);
    expect((await get(`/medien/${id}/video`)).statusCode).toBe(404);
    const consent = await post(`/staff/medien/${id}/einwilligung`, [
      ...Object.entries({ personName: 'Erika Muster', givenOn: '2026-06-01', method: 'photographer', validUntil: '', scopes: 'web' }),
    ] as Part[]);
    expect(consent.statusCode).toBe(303);
    const page = await get(`/medien/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<source src="/medien/${id}/video" type="video/mp4"`);
    expect(page.body).toContain(`poster="/medien/${id}/bild/w1280"`);
    const served = await get(`/medien/${id}/video`);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toContain('video/mp4');
    expect(served.rawPayload.equals(bytes.get('original') as Buffer)).toBe(true);
    // A photo has no video address.
    expect((await get(`/medien/${id}/bild/original`)).statusCode).toBe(404);
  });

  test('bad videos: too long, too large, undecodable – a field message each, nothing stored', async () => {
    const before = await count();
    const long = await upload(cameraClip(3, 2, await cameraJpeg(160, 120, 2)), 'lang.mp4');
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('„lang.mp4“ ist länger als 2 Sekunden');
    expect(long.body).toContain('value="Sommerfest im Film"');
    const large = await upload(Buffer.concat([tinyMp4, Buffer.alloc(450_000)]), 'gross.mp4');
    expect(large.statusCode).toBe(413);
    expect(large.body).toContain('Eine Datei ist größer als');
    const broken = await upload(tinyMp4, 'kaputt.mp4');
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain('„kaputt.mp4“ ließ sich nicht als Video lesen');
    expect(await count()).toBe(before);
  });

  test('[C32] a takedown pixelates the regions in every frame and every poster; the original is destroyed; removal leaves nothing', async () => {
    // A clip of its own: the same clip would be encoded to the same bytes as the first test's.
    const res = await upload(cameraClip(1, 3, await cameraJpeg(320, 240, 3)), 'VID_0002.mp4', {
      title: 'Markt im Film',
      basis: 'crowd',
      people: '',
    });
    expect(res.statusCode).toBe(303);
    const id = idOf(res);
    const before = await stored(id);
    const oldHashes = new Set(before.file?.renditions.map((r) => r.sha256));
    const done = await editor.post(`/staff/medien/${id}/unkenntlich`, { effect: 'pixelate', r1x: '0', r1y: '0', r1w: '50', r1h: '50' });
    expect(done.statusCode).toBe(303);
    const after = await stored(id);
    expect(after.file?.renditions.map((r) => [r.name, r.mediaType, r.width, r.height])).toEqual(
      before.file?.renditions.map((r) => [r.name, r.mediaType, r.width, r.height]),
    );
    for (const r of after.file?.renditions ?? []) expect(oldHashes.has(r.sha256), r.name).toBe(false);
    // Every stored copy replaced: the old keys hold nothing, no record names the old bytes.
    for (const key of before.keys) expect(await fileStoreOf(t.ctx).get(key)).toBeNull();
    const records = await sql<{ sha256: string }>`select sha256 from files union all select sha256 from file_renditions`.execute(t.ctx.db);
    for (const r of records.rows) expect(oldHashes.has(r.sha256)).toBe(false);
    expect(Object.keys(tagsOf(after.bytes.get('original') as Buffer).format).sort()).toEqual([...CONTAINER_TAGS].sort());

    // In the video's frame, the top-left quarter is now coarse blocks; the rest is as it was (up to re-encoding).
    const [was, now] = await Promise.all([frameOf(before.bytes.get('original') as Buffer), frameOf(after.bytes.get('original') as Buffer)]);
    const change = (box: { left: number; top: number; width: number; height: number }) => {
      let sum = 0;
      let n = 0;
      for (let y = box.top; y < box.top + box.height; y++)
        for (let x = box.left; x < box.left + box.width; x++)
          for (let c = 0; c < 3; c++) {
            const i = (y * was.width + x) * 3 + c;
            sum += Math.abs((was.data[i] ?? 0) - (now.data[i] ?? 0));
            n++;
          }
      return sum / n;
    };
    const quarter = change({ left: 0, top: 0, width: 160, height: 120 });
    const untouched = change({ left: 200, top: 140, width: 100, height: 80 });
    expect(quarter).toBeGreaterThan(25);
    expect(untouched).toBeLessThan(quarter / 3);

    // The posters too, in the same quarter.
    const poster = async (b: Buffer) => sharp(b).extract({ left: 0, top: 0, width: 160, height: 120 }).raw().toBuffer();
    const [p0, p1] = await Promise.all([poster(before.bytes.get('w320') as Buffer), poster(after.bytes.get('w320') as Buffer)]);
    let posterChange = 0;
    for (let i = 0; i < p0.length; i++) posterChange += Math.abs((p0[i] ?? 0) - (p1[i] ?? 0));
    expect(posterChange / p0.length).toBeGreaterThan(25);

    // Blurring rewrites every copy the same way.
    const blurred = await editor.post(`/staff/medien/${id}/unkenntlich`, { effect: 'blur', r1x: '50', r1y: '50', r1w: '50', r1h: '50' });
    expect(blurred.statusCode).toBe(303);
    const third = await stored(id);
    for (const r of third.file?.renditions ?? [])
      expect(after.file?.renditions.find((x) => x.name === r.name)?.sha256, r.name).not.toBe(r.sha256);
    for (const key of after.keys) expect(await fileStoreOf(t.ctx).get(key)).toBeNull();

    const removed = await editor.post(`/staff/medien/${id}/entfernen`, {});
    expect(removed.statusCode).toBe(303);
    for (const key of third.keys) expect(await fileStoreOf(t.ctx).get(key)).toBeNull();
    expect(await filesOf(t.ctx, { table: 'media_items', id })).toEqual([]);
  });
});
