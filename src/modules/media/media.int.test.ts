import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createTestStaff, type StaffAgent, signIn, type TestStaff } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { eraseSubject, findSubject } from '../../core/privacy/index.ts';
import { type FileStore, fileStoreOf, filesOf, useFileStore } from '../../core/uploads/index.ts';
import { mediaJobs } from './media.jobs.ts';
import { cameraJpeg, multipart, type Part } from './media.test-support.ts';

const DAY = 86_400_000;
// Image work on a shared two-core machine: a generous ceiling, nothing waits on time.
vi.setConfig({ testTimeout: 120_000 });

describe.each(['disk', 'database'] as const)('media library with the %s store', (store) => {
  let t: TestApp;
  let dir: string;
  let editor: StaffAgent;
  let comms: StaffAgent;
  let marketing: StaffAgent;
  let photo: Buffer;
  let pdf: Buffer;
  const members: Record<'editor' | 'comms' | 'marketing', TestStaff | undefined> = {
    editor: undefined,
    comms: undefined,
    marketing: undefined,
  };

  /** Moves the clock and signs everyone in again: a session does not survive a jump of weeks. */
  async function at(time: string) {
    t.clock.set(time);
    editor = await signIn(t.app, members.editor as TestStaff, t.clock);
    comms = await signIn(t.app, members.comms as TestStaff, t.clock);
    marketing = await signIn(t.app, members.marketing as TestStaff, t.clock);
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'media-'));
    t = await createTestApp({ env: { UPLOAD_STORE: store, UPLOAD_DIR: dir } });
    members.editor = await createTestStaff(t.ctx.db, ['editor']);
    members.comms = await createTestStaff(t.ctx.db, ['communications']);
    members.marketing = await createTestStaff(t.ctx.db, ['marketing']);
    await at('2026-06-15T10:00:00Z');
    photo = await cameraJpeg();
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Einwilligung');
    pdf = Buffer.from(await doc.save());
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function post(agent: StaffAgent, url: string, parts: Part[]) {
    const body = await multipart([['_csrf', agent.csrf], ...parts]);
    return t.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie: agent.cookie } });
  }

  async function upload(agent: StaffAgent, fields: Record<string, string>, file: Buffer = photo) {
    const res = await post(agent, '/staff/medien/neu', [
      ['photo', file, 'IMG_0001.jpg', 'image/jpeg'],
      ...Object.entries({ title: 'Sommerfest', alt: 'Zwei Menschen am Stand', basis: 'consent', people: '2', publish: 'yes', ...fields }),
    ]);
    return {
      res,
      id: String(res.headers.location ?? '')
        .split('/')
        .pop() as string,
    };
  }

  const consent = (agent: StaffAgent, id: string, fields: Record<string, string | string[]>, proof?: Buffer) =>
    post(agent, `/staff/medien/${id}/einwilligung`, [
      ...Object.entries({ personName: 'Erika Muster', givenOn: '2026-06-01', method: 'photographer', validUntil: '', ...fields }).flatMap(
        ([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as Part) : [[k, v] as Part]),
      ),
      ...(proof ? [['proof', proof, 'einwilligung.pdf', 'application/pdf'] as Part] : []),
    ]);

  async function bytesOfRenditions(id: string) {
    const [file] = await filesOf(t.ctx, { table: 'media_items', id });
    const keys = await sql<{
      name: string;
      storage_key: string;
    }>`select name, storage_key from file_renditions where file_id = ${file?.id}`.execute(t.ctx.db);
    const out = new Map<string, Buffer>();
    for (const r of keys.rows) {
      const stream = await fileStoreOf(t.ctx).get(r.storage_key);
      out.set(r.name, Buffer.concat(await (stream as NonNullable<typeof stream>).toArray()));
    }
    return { file, bytes: out, keys: keys.rows.map((r) => r.storage_key) };
  }

  /** Every key the store holds, and a hash of what is under it. */
  async function storeContents(): Promise<Map<string, string>> {
    const all = new Map<string, string>();
    const s = fileStoreOf(t.ctx);
    for await (const key of s.keysStoredBefore(new Date(Date.now() + 365 * DAY))) {
      const stream = await s.get(key);
      if (stream)
        all.set(
          key,
          (await import('node:crypto'))
            .createHash('sha256')
            .update(Buffer.concat(await stream.toArray()))
            .digest('hex'),
        );
    }
    return all;
  }

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  test('[C31] an editor’s photo is stored in every size without EXIF, GPS or camera data', async () => {
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    expect(photo.includes('TestCam')).toBe(true);
    const { res, id } = await upload(editor, {});
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    const { file, bytes } = await bytesOfRenditions(id);
    expect(file?.renditions.map((r) => [r.name, r.width, r.height])).toEqual([
      ['original', 1400, 800],
      ['w1280', 1280, 731],
      ['w320', 320, 183],
      ['w640', 640, 366],
    ]);
    expect([...bytes.keys()].sort()).toEqual(['original', 'w1280', 'w320', 'w640']);
    for (const [name, b] of bytes) {
      const meta = await sharp(b).metadata();
      expect(meta.exif, name).toBeUndefined();
      expect(meta.xmp, name).toBeUndefined();
      expect(meta.iptc, name).toBeUndefined();
      for (const leak of ['TestCam', 'Leaky 3000', 'Erika Fotografin', 'GPS']) expect(b.includes(leak), `${name}: ${leak}`).toBe(false);
    }
    // Corporate communications upload too; marketing does not.
    expect((await upload(comms, { title: 'Pressebild' })).res.statusCode).toBe(303);
    expect((await upload(marketing, {})).res.statusCode).toBe(403);
  });

  test('bad input: field messages, what was typed kept, nothing stored', async () => {
    const res = await upload(editor, { title: '', people: '0' });
    expect(res.res.statusCode).toBe(400);
    expect(res.res.body).toContain('Bitte füllen Sie „Titel“ aus.');
    expect(res.res.body).toContain('Bitte geben Sie an, wie viele Personen erkennbar sind');
    expect(res.res.body).toContain('Zwei Menschen am Stand');
  });

  test('[C31] a picture of people shows only while every depicted person’s consent covers the use; expiry unpublishes it', async () => {
    const { id } = await upload(editor, { title: 'Zwei am Stand' });
    const page = `/medien/${id}`;
    const image = `/medien/${id}/bild/w640`;
    const galleryImage = `/mediathek/bild/${id}/w320`;
    expect((await get(page)).statusCode).toBe(404);
    expect((await get(image)).statusCode).toBe(404);

    // One of two people consented: still nowhere.
    expect((await consent(editor, id, { scopes: ['web', 'gallery'] })).statusCode).toBe(303);
    expect((await get(page)).statusCode).toBe(404);
    // The second consents to the web only, until 30 June (Berlin): web yes, gallery no.
    expect((await consent(editor, id, { personName: 'Max Muster', scopes: 'web', validUntil: '2026-06-30' })).statusCode).toBe(303);
    expect((await get(page)).statusCode).toBe(200);
    const served = await get(image);
    expect(served.statusCode).toBe(200);
    expect(served.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect((await get(galleryImage)).statusCode).toBe(404);
    expect((await get('/mediathek')).body).not.toContain(id);

    // The consent holds through 30 June in Berlin, i.e. until 22:00 UTC.
    t.clock.set('2026-06-30T21:59:59Z');
    expect((await get(page)).statusCode).toBe(200);
    expect((await get(image)).statusCode).toBe(200);
    expect(await mediaJobs[0]?.run(t.ctx, {})).toEqual({ unpublished: 0 });

    await at('2026-06-30T22:00:00Z');
    expect((await get(page)).statusCode).toBe(404);
    expect((await get(image)).statusCode).toBe(404);
    expect(await mediaJobs[0]?.run(t.ctx, {})).toEqual({ unpublished: 1 });
    const row = await sql<{
      published: boolean;
      unpublished_reason: string;
    }>`select published, unpublished_reason from media_items where id = ${id}`.execute(t.ctx.db);
    expect(row.rows[0]).toEqual({ published: false, unpublished_reason: 'consent-expired' });
    expect((await editor.get(`/staff/medien/${id}`)).body).toContain('eine Einwilligung ist abgelaufen');
  });

  test('[C31] a legal exception needs no consent; a signed form needs its file; print needs its own consent', async () => {
    await at('2026-07-15T10:00:00Z');
    const crowd = await upload(editor, { title: 'Stadtfest', basis: 'crowd', people: '' });
    expect(crowd.res.statusCode).toBe(303);
    expect((await get(`/medien/${crowd.id}`)).statusCode).toBe(200);
    expect((await get('/mediathek')).body).toContain(`/mediathek/bild/${crowd.id}/w640`);
    expect((await get(`/mediathek/bild/${crowd.id}/w640`)).statusCode).toBe(200);
    // Not released by the editors: nowhere, exception or not.
    const draft = await upload(editor, { title: 'Entwurf', basis: 'landscape', people: '', publish: '' });
    expect((await get(`/medien/${draft.id}`)).statusCode).toBe(404);

    const { id } = await upload(editor, { title: 'Porträt', people: '1' });
    const missing = await consent(editor, id, { scopes: 'web', method: 'signed-form' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Bitte laden Sie die unterschriebene Einwilligung hoch.');
    expect(missing.body).toContain('value="Erika Muster"');
    const noScope = await consent(editor, id, { scopes: [] });
    expect(noScope.statusCode).toBe(400);
    expect(noScope.body).toContain('Bitte wählen Sie mindestens einen Zweck.');
    expect((await get(`/medien/${id}`)).statusCode).toBe(404);
    expect((await consent(editor, id, { scopes: 'print', method: 'signed-form' }, pdf)).statusCode).toBe(303);
    // Print only: the website still does not show it.
    expect((await get(`/medien/${id}`)).statusCode).toBe(404);
    const detail = await editor.get(`/staff/medien/${id}`);
    const proof = /href="(\/staff\/medien\/[^"]+\/einwilligung\/[^"]+)"/.exec(detail.body)?.[1] as string;
    const download = await editor.get(proof);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect((await marketing.get(proof)).statusCode).toBe(403);
    // A consent that starts in the future does not count yet.
    expect((await consent(editor, id, { personName: 'Erika Muster', scopes: 'web', givenOn: '2026-08-01' })).statusCode).toBe(303);
    expect((await get(`/medien/${id}`)).statusCode).toBe(404);
    await at('2026-07-31T22:00:00Z');
    expect((await get(`/medien/${id}`)).statusCode).toBe(200);
  });

  test('[C32] a takedown request withholds the picture at once; pixelation changes every size and destroys the original', async () => {
    const { id } = await upload(editor, { title: 'Stand am Markt', basis: 'public-figure', people: '' }, await cameraJpeg(1400, 800, 3));
    expect((await get(`/medien/${id}`)).statusCode).toBe(200);
    const before = await bytesOfRenditions(id);
    const oldHashes = new Set(before.file?.renditions.map((r) => r.sha256));
    expect(oldHashes.size).toBe(4);

    const form = await get(`/mediathek/entfernen?bild=${id}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Stand am Markt');
    expect(form.headers['set-cookie']).toBeUndefined();
    const bad = await t.app.inject({
      method: 'POST',
      url: '/mediathek/entfernen',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        item: id,
        picture: `http://localhost:3000/medien/${id}`,
        email: 'kein-at',
        details: 'links',
      }).toString(),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Bitte wählen Sie „Was sollen wir tun?“ aus.');
    expect(bad.body).toContain('Bitte geben Sie eine gültige E-Mail-Adresse an');
    expect(bad.body).toContain('>links</textarea>');
    expect((await sql<{ n: number }>`select count(*)::int as n from media_takedowns`.execute(t.ctx.db)).rows[0]?.n).toBe(0);

    const sent = await t.app.inject({
      method: 'POST',
      url: '/mediathek/entfernen',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        item: id,
        picture: `http://localhost:3000/medien/${id}`,
        wish: 'unrecognisable',
        details: 'links, rote Jacke',
        email: 'Person@Example.org',
      }).toString(),
    });
    expect(sent.statusCode).toBe(200);
    const reference = /B-2026-[0-9A-Z]{8}/.exec(sent.body)?.[0] as string;
    expect(reference).toBeDefined();
    // Withheld at once, before anyone in the back office has looked.
    expect((await get(`/medien/${id}`)).statusCode).toBe(404);
    expect((await get(`/medien/${id}/bild/w640`)).statusCode).toBe(404);

    const takedown = (await sql<{ id: string }>`select id from media_takedowns where reference = ${reference}`.execute(t.ctx.db)).rows[0]
      ?.id as string;
    const action = `/staff/medien/${id}/unkenntlich`;
    expect((await marketing.post(action, { effect: 'pixelate', r1x: '0', r1y: '0', r1w: '50', r1h: '50' })).statusCode).toBe(403);
    const wrong = await editor.post(action, { effect: 'pixelate', r1x: '60', r1y: '0', r1w: '50', r1h: '50', takedown });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Bereich 1: vier Zahlen von 0 bis 100');

    const done = await editor.post(action, {
      effect: 'pixelate',
      r1x: '0',
      r1y: '0',
      r1w: '50',
      r1h: '50',
      r2x: '75',
      r2y: '75',
      r2w: '25',
      r2h: '25',
      takedown,
    });
    expect(done.statusCode).toBe(303);
    const after = await bytesOfRenditions(id);
    expect(after.file?.renditions.map((r) => [r.name, r.width, r.height])).toEqual(
      before.file?.renditions.map((r) => [r.name, r.width, r.height]),
    );
    for (const r of after.file?.renditions ?? []) expect(oldHashes.has(r.sha256), r.name).toBe(false);
    // In every size, the top-left quarter is now coarse blocks; the untouched middle is as it was (up to re-encoding).
    for (const [name, b] of after.bytes) {
      const old = before.bytes.get(name) as Buffer;
      const { width, height } = await sharp(b).metadata();
      const quarter = { left: 0, top: 0, width: Math.floor((width as number) / 2), height: Math.floor((height as number) / 2) };
      const middle = {
        left: Math.floor((width as number) * 0.55),
        top: Math.floor((height as number) * 0.1),
        width: Math.floor((width as number) * 0.15),
        height: Math.floor((height as number) * 0.15),
      };
      // Mean difference per pixel value between before and after, within a box.
      const change = async (box: typeof quarter) => {
        const [x, y] = await Promise.all([old, b].map((img) => sharp(img).extract(box).raw().toBuffer()));
        let sum = 0;
        for (let i = 0; i < (x as Buffer).length; i++) sum += Math.abs(((x as Buffer)[i] ?? 0) - ((y as Buffer)[i] ?? 0));
        return sum / (x as Buffer).length;
      };
      expect(await change(quarter), name).toBeGreaterThan(25);
      expect(await change(middle), name).toBeLessThan(15);
    }
    // The original is destroyed: no key of the store holds it, no file record names it.
    const contents = await storeContents();
    for (const k of before.keys) expect(contents.has(k)).toBe(false);
    for (const hash of contents.values()) expect(oldHashes.has(hash)).toBe(false);
    const records = await sql<{ sha256: string }>`select sha256 from files union all select sha256 from file_renditions`.execute(t.ctx.db);
    for (const r of records.rows) expect(oldHashes.has(r.sha256)).toBe(false);
    // Audited, the request closed, its sender told, the picture back online (unrecognisable).
    const audit = await sql<{ action: string; record_ids: string[]; reason: string }>`select action, record_ids, reason from audit_log
      where activity = 'media.takedowns' and path = ${action} and action = 'change'`.execute(t.ctx.db);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]?.record_ids).toEqual(expect.arrayContaining([id, takedown, before.file?.id]));
    expect(audit.rows[0]?.reason).toContain('pixelate: 0,0,50,50; 75,75,25,25');
    const mail = await sql<{
      recipient: string;
      text_body: string;
    }>`select recipient, text_body from mail_outbox where reference = ${reference}`.execute(t.ctx.db);
    expect(mail.rows).toEqual([{ recipient: 'person@example.org', text_body: expect.stringContaining('unkenntlich gemacht') }]);
    expect(mail.rows[0]?.text_body).not.toContain('rote Jacke');
    expect((await get(`/medien/${id}`)).statusCode).toBe(200);
    const served = await get(`/medien/${id}/bild/w640`);
    expect(served.rawPayload.equals(after.bytes.get('w640') as Buffer)).toBe(true);
  });

  test('[C32] blurring works the same way, without a request, consent or not', async () => {
    const { id } = await upload(editor, { title: 'Gruppe', people: '1' }, await cameraJpeg(640, 480, 7));
    expect((await consent(editor, id, { scopes: ['web', 'gallery'] })).statusCode).toBe(303);
    const before = await bytesOfRenditions(id);
    const res = await comms.post(`/staff/medien/${id}/unkenntlich`, { effect: 'blur', r1x: '10', r1y: '10', r1w: '30', r1h: '40' });
    expect(res.statusCode).toBe(303);
    const after = await bytesOfRenditions(id);
    for (const r of after.file?.renditions ?? []) expect(before.file?.renditions.find((x) => x.name === r.name)?.sha256).not.toBe(r.sha256);
    const contents = await storeContents();
    for (const k of before.keys) expect(contents.has(k)).toBe(false);
  });

  // A loser once got a 500 under load: it read bytes the winner was deleting (see the store's get).
  // Many races on one picture, each checked whole, make that window likely to be met in CI.
  test('[C32] takedown actions racing on one picture, 20 times: each is whole or refused, no old bytes survive, never a 500', {
    timeout: 900_000,
  }, async () => {
    // Small, so twenty races stay quick; every size is still stored (a variant is never enlarged).
    const { id } = await upload(editor, { title: 'Wettlauf', basis: 'no-people', people: '' }, await cameraJpeg(400, 300, 9));
    for (let race = 1; race <= 20; race++) {
      const before = await bytesOfRenditions(id);
      const results = await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          editor.post(`/staff/medien/${id}/unkenntlich`, {
            effect: i % 2 ? 'blur' : 'pixelate',
            r1x: String(i * 10),
            r1y: String(race * 2),
            r1w: '10',
            r1h: '10',
          }),
        ),
      );
      const codes = results.map((r) => r.statusCode);
      expect(
        codes.every((c) => c === 303 || c === 400),
        `race ${race}: ${codes.join()}`,
      ).toBe(true);
      expect(codes).toContain(303);
      for (const r of results.filter((x) => x.statusCode === 400)) expect(r.body).toContain('Das Bild wurde gerade anderweitig geändert');
      const after = await bytesOfRenditions(id);
      expect(after.bytes.size).toBe(4);
      const store = fileStoreOf(t.ctx);
      for (const k of before.keys) expect(await store.get(k), `race ${race}: old bytes under ${k}`).toBeNull();
    }
    const contents = await storeContents();
    for (const k of (await bytesOfRenditions(id)).keys) expect(contents.has(k)).toBe(true);
  });

  test('[C32] a takedown action whose bytes the winner deletes the moment it reads them gets a 400 in words, not a 500', async () => {
    const { id } = await upload(editor, { title: 'Knapp', basis: 'no-people', people: '' }, await cameraJpeg(400, 300, 4));
    const real = fileStoreOf(t.ctx);
    // The widest the race gets, by a hook, not by time: the first read is held, after the store
    // answered, until the other action has switched the picture to new bytes and deleted these.
    let held: { key: string; release: () => void } | undefined;
    const store: FileStore = {
      kind: real.kind,
      put: (key, source) => real.put(key, source),
      keysStoredBefore: (before) => real.keysStoredBefore(before),
      async get(key) {
        const source = await real.get(key);
        if (!held) await new Promise<void>((release) => (held = { key, release }));
        return source;
      },
      async delete(keys) {
        await real.delete(keys);
        if (held && keys.includes(held.key)) held.release();
      },
    };
    useFileStore(t.ctx, store);
    try {
      const results = await Promise.all(
        ['pixelate', 'blur'].map((effect) =>
          editor.post(`/staff/medien/${id}/unkenntlich`, { effect, r1x: '0', r1y: '0', r1w: '10', r1h: '10' }),
        ),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([303, 400]);
      expect(results.find((r) => r.statusCode === 400)?.body).toContain('Das Bild wurde gerade anderweitig geändert');
    } finally {
      useFileStore(t.ctx, real);
    }
    expect((await bytesOfRenditions(id)).bytes.size).toBe(4);
  });

  test('[C32] a takedown request sent while staff remove the picture is stored all the same, not answered with a 500', async () => {
    const { id } = await upload(editor, { title: 'Gleich weg', basis: 'no-people', people: '' }, await cameraJpeg(400, 300, 6));
    // A hook in the database, not a sleep: the removal lands between the form's lookup of the
    // picture and the insert of the request, the one moment that matters. (The failed insert
    // takes the trigger's deletion back with it; a real removal stays – the request is the same.)
    await sql`create function media_test_remove_first() returns trigger language plpgsql as $$
      begin delete from media_items where id = new.item_id; return new; end $$`.execute(t.ctx.db);
    await sql`create trigger media_test_remove_first before insert on media_takedowns
      for each row when (new.item_id is not null) execute function media_test_remove_first()`.execute(t.ctx.db);
    try {
      const sent = await t.app.inject({
        method: 'POST',
        url: '/mediathek/entfernen',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ item: id, picture: 'das Bild vom Stand', wish: 'remove', email: 'eva@example.org' }).toString(),
      });
      expect(sent.statusCode).toBe(200);
      const reference = /B-2026-[0-9A-Z]{8}/.exec(sent.body)?.[0];
      const rows = await sql<{ item_id: string | null; picture: string }>`select item_id, picture from media_takedowns
        where reference = ${reference ?? ''}`.execute(t.ctx.db);
      expect(rows.rows).toEqual([{ item_id: null, picture: 'das Bild vom Stand' }]);
    } finally {
      await sql`drop trigger media_test_remove_first on media_takedowns`.execute(t.ctx.db);
      await sql`drop function media_test_remove_first()`.execute(t.ctx.db);
    }
  });

  test('[C32] staff recording a consent or assigning a request while others remove the picture get a 4xx, not a 500', async () => {
    const { id } = await upload(editor, { title: 'Auch gleich weg', people: '1' }, await cameraJpeg(400, 300, 7));
    // Hooks in the database, as above: the removal lands between the lookup and the write.
    await sql`create function media_test_remove_named() returns trigger language plpgsql as $$
      begin delete from media_items where id = new.item_id; return new; end $$`.execute(t.ctx.db);
    await sql`create trigger media_test_remove_named before insert on media_consents
      for each row execute function media_test_remove_named()`.execute(t.ctx.db);
    await sql`create trigger media_test_remove_named before update on media_takedowns
      for each row when (new.item_id is distinct from old.item_id) execute function media_test_remove_named()`.execute(t.ctx.db);
    try {
      const recorded = await consent(editor, id, { scopes: 'web', method: 'signed-form' }, pdf);
      expect(recorded.statusCode).toBe(404);
      const kept = await sql<{ n: number }>`select count(*)::int as n from files where owner_table = 'media_consents'
        and owner_id not in (select id::text from media_consents)`.execute(t.ctx.db);
      expect(kept.rows[0]?.n).toBe(0);
      const sent = await t.app.inject({
        method: 'POST',
        url: '/mediathek/entfernen',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ picture: 'das Bild mit mir', wish: 'remove' }).toString(),
      });
      const reference = /B-2026-[0-9A-Z]{8}/.exec(sent.body)?.[0] ?? '';
      const takedown = (await sql<{ id: string }>`select id from media_takedowns where reference = ${reference}`.execute(t.ctx.db)).rows[0]
        ?.id as string;
      const assigned = await editor.post(`/staff/medien-entfernen/${takedown}/zuordnen`, { address: `http://localhost:3000/medien/${id}` });
      expect(assigned.statusCode).toBe(400);
      expect(assigned.body).toContain('Zu dieser Adresse gibt es kein Bild.');
    } finally {
      await sql`drop trigger media_test_remove_named on media_consents`.execute(t.ctx.db);
      await sql`drop trigger media_test_remove_named on media_takedowns`.execute(t.ctx.db);
      await sql`drop function media_test_remove_named()`.execute(t.ctx.db);
    }
  });

  test('[C32] removal deletes the picture, every size, its consents and their signed forms; the sender is told', async () => {
    const { id } = await upload(editor, { title: 'Weg damit', people: '1' }, await cameraJpeg(800, 600, 5));
    expect((await consent(editor, id, { scopes: 'web', method: 'signed-form' }, pdf)).statusCode).toBe(303);
    const before = await bytesOfRenditions(id);
    const proofKeys = (
      await sql<{ storage_key: string }>`select r.storage_key from file_renditions r join files f on f.id = r.file_id
        where f.owner_table = 'media_consents' and f.owner_id in (select id::text from media_consents where item_id = ${id})`.execute(
        t.ctx.db,
      )
    ).rows.map((r) => r.storage_key);
    expect(proofKeys).toHaveLength(1);
    const sent = await t.app.inject({
      method: 'POST',
      url: '/en/media/takedown',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        picture: `see http://localhost:3000/medien/${id} please`,
        wish: 'remove',
        email: 'max@example.org',
      }).toString(),
    });
    expect(sent.statusCode).toBe(200);
    const reference = /B-2026-[0-9A-Z]{8}/.exec(sent.body)?.[0] as string;
    expect((await marketing.post(`/staff/medien/${id}/entfernen`)).statusCode).toBe(403);
    const res = await editor.post(`/staff/medien/${id}/entfernen`);
    expect(res.statusCode).toBe(303);
    expect((await sql<{ n: number }>`select count(*)::int as n from media_items where id = ${id}`.execute(t.ctx.db)).rows[0]?.n).toBe(0);
    expect(
      (await sql<{ n: number }>`select count(*)::int as n from media_consents where item_id = ${id}`.execute(t.ctx.db)).rows[0]?.n,
    ).toBe(0);
    expect(
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from files where owner_id = ${id} or sha256 in (${sql.join(before.file?.renditions.map((r) => r.sha256) ?? [])})`.execute(
          t.ctx.db,
        )
      ).rows[0]?.n,
    ).toBe(0);
    const contents = await storeContents();
    for (const k of [...before.keys, ...proofKeys]) expect(contents.has(k)).toBe(false);
    expect((await get(`/medien/${id}`)).statusCode).toBe(404);
    const audit = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_log where activity = 'media.takedowns' and action = 'delete' and ${id} = any(record_ids)`.execute(
      t.ctx.db,
    );
    expect(audit.rows[0]?.n).toBe(1);
    const mail = await sql<{ text_body: string }>`select text_body from mail_outbox where reference = ${reference}`.execute(t.ctx.db);
    expect(mail.rows[0]?.text_body).toContain('we have taken the picture down');
  });

  test('a data-subject request by e-mail finds takedown requests, never consent records by name; erasure keeps an open request’s picture withheld', async () => {
    const found = await findSubject(t.ctx, { email: 'person@example.org' });
    const media = found.filter((r) => r.activity.startsWith('media.'));
    expect(media.map((r) => r.table)).toEqual(['media_takedowns']);
    expect(JSON.stringify(found)).not.toContain('Erika Muster');

    const { id } = await upload(editor, { title: 'Offen', basis: 'crowd', people: '' }, await cameraJpeg(320, 200, 13));
    await t.app.inject({
      method: 'POST',
      url: '/mediathek/entfernen',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        item: id,
        picture: 'das Bild',
        wish: 'remove',
        name: 'Person',
        email: 'person@example.org',
      }).toString(),
    });
    const records = (await findSubject(t.ctx, { email: 'person@example.org' })).filter((r) => r.activity.startsWith('media.'));
    expect(records).toHaveLength(2);
    const outcomes = await eraseSubject(t.ctx, records);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['anonymised', 'deleted']);
    expect((await findSubject(t.ctx, { email: 'person@example.org' })).filter((r) => r.activity.startsWith('media.'))).toEqual([]);
    const left = await sql<{
      name: string | null;
      email: string | null;
      handled_at: Date | null;
    }>`select name, email, handled_at from media_takedowns where item_id = ${id}`.execute(t.ctx.db);
    expect(left.rows).toEqual([{ name: null, email: null, handled_at: null }]);
    expect((await get(`/medien/${id}`)).statusCode).toBe(404);
  });
});
