import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pdfText } from '../../../tests/support/pdf-text.ts';
import { createTestStaff, formBody, type StaffAgent, signIn } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { allRoles, type Role } from '../../core/auth/index.ts';
import type { MailTables } from '../../core/mail/index.ts';
import { eraseSubject, findSubject, type PrivacyTables, runRetention } from '../../core/privacy/index.ts';
import { filesOf } from '../../core/uploads/index.ts';
import { CODE_ALPHABET } from './contest.codes.ts';
import { contestCommands, importFolder } from './contest.commands.ts';
import { commitmentOf, type PublishedDraw, selectWinners, verifyDraw } from './contest.draw.ts';
import type { ContestTables } from './contest.tables.ts';

let t: TestApp;
let comms: StaffAgent;
let uploadDir: string;
const jpeg = (colour: string) =>
  sharp({ create: { width: 60, height: 40, channels: 3, background: colour } })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestCam', Model: 'Leaky 3000' } })
    .toBuffer();

const db = () => t.ctx.db.withTables<ContestTables>();
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const publicPost = (url: string, body: Record<string, string>) =>
  t.app.inject({ method: 'POST', url, headers: form, payload: formBody(body) });
const CODE_RE = new RegExp(`[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}`, 'g');

async function multipart(parts: [string, string | Buffer, string?][]) {
  const data = new FormData();
  for (const [name, value, filename] of parts) {
    if (typeof value === 'string') data.append(name, value);
    else data.append(name, new Blob([new Uint8Array(value)], { type: 'image/jpeg' }), filename);
  }
  const request = new Request('http://localhost/', { method: 'POST', body: data });
  return { payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type') as string } };
}

async function createEvent(slug: string): Promise<string> {
  const res = await comms.post('/staff/fotoaktion', {
    slug,
    title: `Stadtfest ${slug}`,
    heldOn: '2026-06-13',
    consentBasis: 'a-consent',
    consentNote: 'Fotografiert wird nur, wer am Stand um ein Foto bittet.',
  });
  expect(res.statusCode).toBe(303);
  return String(res.headers.location).split('/').pop() as string;
}

/** Uploads photos as staff; the answer is the code sheet, whose codes are returned. */
async function uploadPhotos(eventId: string, n: number): Promise<string[]> {
  const files: [string, Buffer, string][] = [];
  for (let i = 0; i < n; i++) files.push(['photos', await jpeg(['#c00', '#0c0', '#00c', '#cc0'][i % 4] as string), `foto-${i}.jpg`]);
  const body = await multipart([['_csrf', comms.csrf], ...files]);
  const res = await t.app.inject({
    method: 'POST',
    url: `/staff/fotoaktion/${eventId}/fotos`,
    payload: body.payload,
    headers: { ...body.headers, cookie: comms.cookie },
  });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  const text = (await pdfText(res.rawPayload)).join('\n');
  return text.match(CODE_RE) ?? [];
}

async function createDraw(eventId: string, overrides: Record<string, string> = {}) {
  const res = await comms.post(`/staff/fotoaktion/${eventId}/gewinnspiel`, {
    title: 'Gewinnspiel zum Stadtfest',
    prizes: 'Zwei Jahreskarten fürs Freibad',
    winnersCount: '2',
    closesDay: '2026-06-20',
    closesTime: '18:00',
    randomSource: 'Gewinnzahlen LOTTO 6aus49 vom 20.06.2026',
    sourceDay: '2026-06-20',
    sourceTime: '20:00',
    termsDe: 'Teilnahme ab 18 Jahren. Der Rechtsweg ist ausgeschlossen.',
    termsEn: 'Entrants must be 18 or over. No recourse to law.',
    ...overrides,
  });
  return res;
}

const entry = (code: string, extra: Record<string, string> = {}) => ({
  code,
  firstName: 'Erika',
  lastName: 'Mustermann',
  street: 'Hauptstraße 1',
  postcode: '12345',
  city: 'Musterstadt',
  email: 'Erika@Example.org',
  terms: 'yes',
  ...extra,
});

beforeAll(async () => {
  uploadDir = mkdtempSync(path.join(os.tmpdir(), 'contest-'));
  t = await createTestApp({ env: { UPLOAD_DIR: uploadDir, CONTEST_CODE_FAILURES_PER_HOUR: '1000' } });
  comms = await signIn(t.app, await createTestStaff(t.database.db, ['communications'], t.clock.now()), t.clock);
});
afterAll(() => t?.close());

describe('event photos and codes', () => {
  test('[C56] staff create an event with its consent basis; bad input is named per field, a taken short name too', async () => {
    const bad = await comms.post('/staff/fotoaktion', {
      slug: 'Nicht OK!',
      title: '',
      heldOn: 'gestern',
      consentBasis: 'x',
      consentNote: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="Nicht OK!"');
    for (const id of ['f-slug', 'f-title', 'f-heldOn', 'f-consentBasis', 'f-consentNote']) expect(bad.body).toContain(`href="#${id}"`);
    const id = await createEvent('fest-a');
    const row = await db().selectFrom('contest_events').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ slug: 'fest-a', consent_basis: 'a-consent' });
    const page = await comms.get(`/staff/fotoaktion/${id}`);
    expect(page.body).toContain('Einwilligung der Fotografierten');
    const again = await comms.post('/staff/fotoaktion', {
      slug: 'fest-a',
      title: 'Noch eins',
      heldOn: '2026-06-13',
      consentBasis: 'a-consent',
      consentNote: 'Schild am Eingang.',
    });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Diesen Kurznamen trägt schon eine Veranstaltung');
  });

  test('[C56] imported photos get a code each, printed on the sheet and stored only as a hash', async () => {
    const id = await createEvent('fest-b');
    const codes = await uploadPhotos(id, 3);
    expect(new Set(codes).size).toBe(3);
    const photos = await db().selectFrom('contest_photos').selectAll().where('event_id', '=', id).execute();
    expect(photos).toHaveLength(3);
    const stored = JSON.stringify(photos);
    for (const code of codes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replace(/-/g, ''));
    }
    const files = await filesOf(t.ctx, { table: 'contest_photos', id: photos[0]?.id as string });
    expect(files[0]?.renditions.map((r) => r.name).sort()).toEqual(['original', 'w1200', 'w400']);
  });

  test('[C56] `contest import` reads a folder with a progress report, checks each file like an upload and writes the sheet', async () => {
    await createEvent('fest-cli');
    const folder = mkdtempSync(path.join(os.tmpdir(), 'contest-import-'));
    writeFileSync(path.join(folder, 'a.jpg'), await jpeg('#123456'));
    writeFileSync(path.join(folder, 'b.jpg'), await jpeg('#654321'));
    writeFileSync(path.join(folder, 'c.jpg'), '<script>not an image</script>');
    const progress: number[] = [];
    const report = await importFolder(t.ctx, 'fest-cli', folder, { onProgress: (done) => progress.push(done) });
    if ('error' in report) throw new Error(report.error);
    expect(report.imported).toHaveLength(2);
    expect(report.skipped).toEqual([{ file: 'c.jpg', problem: 'type' }]);
    expect(progress).toEqual([1, 2, 3]);
    const sheet = (await pdfText(readFileSync(report.sheet))).join('\n');
    for (const p of report.imported) expect(sheet).toContain(`${p.code.slice(0, 4)}-${p.code.slice(4, 8)}-${p.code.slice(8)}`);
    expect(await importFolder(t.ctx, 'no-such-event', folder)).toEqual({ error: 'no event with the short name no-such-event' });
  });

  test('[C57] the code shows that one photo and lets its holder choose about the gallery, and change it; the gallery shows only chosen photos', async () => {
    const id = await createEvent('fest-c');
    const [code, other] = await uploadPhotos(id, 2);
    const wrong = await publicPost('/fotocode', { code: 'ABCD-EFGH-JKMN' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Zu diesem Code gibt es kein Foto');
    const malformed = await publicPost('/fotocode', { code: 'hallo' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain('value="hallo"');

    const shown = await publicPost('/fotocode', { code: ` ${String(code).toLowerCase()} ` });
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['set-cookie']).toBeUndefined();
    const images = [...shown.body.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1] as string);
    expect(images).toHaveLength(1);
    const own = await t.app.inject({ url: images[0] as string });
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(own.rawPayload).metadata()).exif).toBeUndefined();
    // A forged or expired link shows nothing.
    expect((await t.app.inject({ url: (images[0] as string).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) })).statusCode).toBe(404);

    const photoId = (images[0] as string).split('/')[3] as string;
    const gallery = async () => (await t.app.inject({ url: '/galerie/fest-c' })).body;
    const galleryImage = () => t.app.inject({ url: `/galerie/fest-c/foto/${photoId}/w400` });
    expect(await gallery()).not.toContain(photoId);
    expect((await galleryImage()).statusCode).toBe(404);

    const yes = await publicPost('/fotocode/galerie', { code: String(code), gallery: 'yes' });
    expect(yes.statusCode).toBe(200);
    expect(yes.body).toContain('Ihr Foto erscheint in der Galerie');
    expect(await gallery()).toContain(photoId);
    expect((await galleryImage()).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/en/gallery/fest-c' })).body).toContain(photoId);

    // The other photo's holder chose nothing: it stays out.
    const otherShown = await publicPost('/en/photo-code', { code: String(other) });
    expect(otherShown.body).toContain('Your photo');
    const otherId = String(/<img src="([^"]+)"/.exec(otherShown.body)?.[1]).split('/')[3] as string;
    expect(await gallery()).not.toContain(otherId);

    const no = await publicPost('/fotocode/galerie', { code: String(code), gallery: 'no' });
    expect(no.body).toContain('erscheint nicht in der Galerie');
    expect(await gallery()).not.toContain(photoId);
    expect((await galleryImage()).statusCode).toBe(404);
    // Without the right code no choice is changed.
    const forged = await publicPost('/fotocode/galerie', { code: 'ABCD-EFGH-JKMN', gallery: 'yes' });
    expect(forged.statusCode).toBe(400);
    expect(await gallery()).not.toContain(photoId);
  });
  test('[C56] event photos are deleted by the register twelve months after their import, not before, and their files with them', async () => {
    const id = await createEvent('fest-old');
    await uploadPhotos(id, 1);
    const photo = await db().selectFrom('contest_photos').select(['id', 'created_at']).where('event_id', '=', id).executeTakeFirstOrThrow();
    const at = (months: number, ms = 0) => {
      const d = new Date(photo.created_at);
      d.setUTCMonth(d.getUTCMonth() + months);
      return { ...t.ctx, clock: { now: () => new Date(d.getTime() + ms) } };
    };
    await runRetention(at(12, -60_000), { trigger: 'test', activity: 'contest.event-photos' });
    expect(await db().selectFrom('contest_photos').select('id').where('id', '=', photo.id).execute()).toHaveLength(1);
    expect(await filesOf(t.ctx, { table: 'contest_photos', id: photo.id })).toHaveLength(1);
    await runRetention(at(12, 60_000), { trigger: 'test', activity: 'contest.event-photos' });
    expect(await db().selectFrom('contest_photos').select('id').where('id', '=', photo.id).execute()).toHaveLength(0);
    expect(await filesOf(t.ctx, { table: 'contest_photos', id: photo.id })).toHaveLength(0);
  });
});

describe('guessing codes', () => {
  test('[C57] wrong codes are throttled site-wide, enforced by the database under parallel requests; a right code gives its look-up back', async () => {
    const local = await createTestApp({ env: { UPLOAD_DIR: uploadDir, CONTEST_CODE_FAILURES_PER_HOUR: '5' } });
    try {
      const agent = await signIn(local.app, await createTestStaff(local.database.db, ['communications'], local.clock.now()), local.clock);
      const previous = { t, comms };
      t = local;
      comms = agent;
      const id = await createEvent('fest-throttle');
      const [code] = await uploadPhotos(id, 1);
      // Right codes do not use up the allowance.
      for (let i = 0; i < 6; i++) expect((await publicPost('/fotocode', { code: String(code) })).statusCode).toBe(200);
      const guesses = await Promise.all(
        Array.from({ length: 12 }, (_, i) => publicPost('/fotocode', { code: `ABCD-EFGH-${'JKMNPQRSTWXY'.slice(i % 8, (i % 8) + 4)}` })),
      );
      expect(guesses.filter((r) => r.statusCode === 400)).toHaveLength(5);
      expect(guesses.filter((r) => r.statusCode === 429)).toHaveLength(7);
      // While the allowance is used up, no look-up happens at all, not even for a right code.
      const blocked = await publicPost('/fotocode', { code: String(code) });
      expect(blocked.statusCode).toBe(429);
      expect(blocked.body).toContain('zu viele falsche Codes');
      local.clock.advance(3_600_000);
      expect((await publicPost('/fotocode', { code: String(code) })).statusCode).toBe(200);
      t = previous.t;
      comms = previous.comms;
    } finally {
      await local.close();
    }
  });
});

describe('the prize draw', () => {
  let eventId: string;
  let codes: string[];

  beforeAll(async () => {
    eventId = await createEvent('fest-draw');
    codes = await uploadPhotos(eventId, 6);
    expect((await createDraw(eventId)).statusCode).toBe(303);
  });

  test('[C58] an entry needs the code, first and last name, postal address and e-mail; mistakes come back per field, in order', async () => {
    const res = await publicPost('/fotocode/teilnahme', {
      code: codes[0] as string,
      firstName: '',
      lastName: '',
      street: '',
      postcode: '1234',
      city: '',
      email: 'nope',
      terms: '',
    });
    expect(res.statusCode).toBe(400);
    const order = [...res.body.matchAll(/href="#f-(\w+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['firstName', 'lastName', 'street', 'postcode', 'city', 'email', 'terms']);
    expect(res.body).toContain('Postleitzahl aus fünf Ziffern');
    expect(res.body).toContain('value="1234"');
    const noCode = await publicPost('/fotocode/teilnahme', entry('ABCD-EFGH-JKMN'));
    expect(noCode.statusCode).toBe(400);
    expect(await db().selectFrom('contest_entries').select('id').execute()).toHaveLength(0);
  });

  test('[C58] one entry per code, also under parallel requests (a unique index decides)', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => publicPost('/fotocode/teilnahme', entry(codes[0] as string))));
    expect(results.filter((r) => r.statusCode === 200 && r.body.includes('Sie nehmen teil'))).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 400 && r.body.includes('bereits teilgenommen'))).toHaveLength(7);
    const rows = await db().selectFrom('contest_entries').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      first_name: 'Erika',
      last_name: 'Mustermann',
      postcode: '12345',
      email: 'erika@example.org',
      terms_version: 1,
    });
  });

  test('[C58] the terms are published and versioned with the draw; an entry records the version it accepted', async () => {
    const page = await t.app.inject({ url: '/gewinnspiel/fest-draw' });
    expect(page.body).toContain('Teilnahme ab 18 Jahren');
    expect(page.body).toContain('Fassung 1');
    const res = await comms.post(`/staff/fotoaktion/${eventId}/bedingungen`, {
      termsDe: 'Teilnahme ab 16 Jahren mit Einwilligung der Eltern.',
      termsEn: 'Entrants 16 or over with parental consent.',
    });
    expect(res.statusCode).toBe(303);
    expect(
      (await publicPost('/fotocode/teilnahme', entry(codes[1] as string, { email: 'max@example.org', firstName: 'Max' }))).statusCode,
    ).toBe(200);
    const versions = await db().selectFrom('contest_entries').select(['email', 'terms_version']).orderBy('created_at').execute();
    expect(versions.map((v) => v.terms_version)).toEqual([1, 2]);
    const now = await t.app.inject({ url: '/en/prize-draw/fest-draw' });
    expect(now.body).toContain('16 or over');
    const old = await t.app.inject({ url: '/gewinnspiel/fest-draw/bedingungen/1' });
    expect(old.statusCode).toBe(200);
    expect(old.body).toContain('Teilnahme ab 18 Jahren');
    for (const [i, extra] of [codes[2], codes[3], codes[4]].entries()) {
      const person = { firstName: ['Anna', 'Bernd', 'Clara'][i] as string, email: `${extra}@example.org` };
      expect((await publicPost('/fotocode/teilnahme', entry(extra as string, person))).statusCode).toBe(200);
    }
  });

  test('[C59] entries are shown to corporate communications only, every read audited; every other role is refused', async () => {
    const own = await comms.get(`/staff/fotoaktion/${eventId}/teilnahmen`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Hauptstraße 1, 12345 Musterstadt');
    const audit = await t.ctx.db
      .withTables<PrivacyTables>()
      .selectFrom('audit_log')
      .select(['activity', 'record_ids'])
      .where('path', '=', `/staff/fotoaktion/${eventId}/teilnahmen`)
      .execute();
    expect(audit.at(-1)).toMatchObject({ activity: 'contest.draw-entries' });
    expect(audit.at(-1)?.record_ids).toHaveLength(5);
    const others = allRoles(t.config.organisation).filter((r) => r !== 'communications') as Role[];
    for (const role of others) {
      const agent = await signIn(t.app, await createTestStaff(t.database.db, [role], t.clock.now()), t.clock);
      for (const url of [`/staff/fotoaktion/${eventId}/teilnahmen`, `/staff/fotoaktion/${eventId}`, '/staff/fotoaktion'])
        expect((await agent.get(url)).statusCode, `${role} ${url}`).toBe(403);
      for (const url of [`/staff/fotoaktion/${eventId}/benachrichtigen`, `/staff/fotoaktion/${eventId}/abschliessen`])
        expect((await agent.post(url)).statusCode, `${role} ${url}`).toBe(403);
      expect(agent.cookie).toBeTruthy();
    }
    // The public draw page names nobody.
    const page = await t.app.inject({ url: '/gewinnspiel/fest-draw' });
    expect(page.body).not.toContain('Mustermann');
  });

  let published: PublishedDraw;

  test('the list is frozen and committed before the random value is known; then no entry and no new terms', async () => {
    const early = await comms.post(`/staff/fotoaktion/${eventId}/auslosen`, { seed: '1 2 3 4 5 6' });
    expect(early.statusCode).toBe(400);
    expect((await comms.post(`/staff/fotoaktion/${eventId}/einfrieren`)).statusCode).toBe(303);
    const late = await publicPost('/fotocode/teilnahme', entry(codes[5] as string));
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('Die Teilnahme ist beendet');
    const terms = await comms.post(`/staff/fotoaktion/${eventId}/bedingungen`, {
      termsDe: 'Neue Bedingungen danach.',
      termsEn: 'New terms afterwards.',
    });
    expect(terms.statusCode).toBe(409);
    expect(await db().selectFrom('contest_terms').select('version').execute()).toHaveLength(2);
    const json = await t.app.inject({ url: '/gewinnspiel/fest-draw/auslosung.json' });
    published = JSON.parse(json.body) as PublishedDraw;
    const hashes = (await db().selectFrom('contest_entries').select('entry_hash').execute()).map((r) => r.entry_hash);
    expect(published.entryHashes.sort()).toEqual(hashes.sort());
    expect(published.commitment).toBe(commitmentOf(hashes));
    expect(published.seed).toBeNull();
    expect((await t.app.inject({ url: '/gewinnspiel/fest-draw' })).body).toContain(published.commitment);
    // Before the source's time the value cannot be entered.
    const notYet = await comms.post(`/staff/fotoaktion/${eventId}/auslosen`, { seed: '1 2 3 4 5 6' });
    expect(notYet.statusCode).toBe(400);
    expect(notYet.body).toContain('erst ab');
  });

  test('after the random value is known the winners follow from it, and `contest draw verify` recomputes them offline', async () => {
    t.clock.set('2026-06-20T18:30:00Z');
    // Days later: a fresh session.
    comms = await signIn(t.app, await createTestStaff(t.database.db, ['communications'], t.clock.now()), t.clock);
    const res = await comms.post(`/staff/fotoaktion/${eventId}/auslosen`, { seed: '3 11 19 27 38 45 SZ 7' });
    expect(res.statusCode).toBe(303);
    published = JSON.parse((await t.app.inject({ url: '/gewinnspiel/fest-draw/auslosung.json' })).body) as PublishedDraw;
    expect(published.seed).toBe('3 11 19 27 38 45 SZ 7');
    expect(published.winners).toEqual(selectWinners(published.entryHashes, '3 11 19 27 38 45 SZ 7', 2));
    expect(verifyDraw(published)).toMatchObject({ commitmentMatches: true, winnersMatch: true });
    const again = await comms.post(`/staff/fotoaktion/${eventId}/auslosen`, { seed: 'another value' });
    expect(again.statusCode).toBe(303);
    expect(JSON.parse((await t.app.inject({ url: '/gewinnspiel/fest-draw/auslosung.json' })).body).seed).toBe('3 11 19 27 38 45 SZ 7');

    const verify = contestCommands.find((c) => c.name === 'contest draw verify');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'verify-'));
    const good = path.join(dir, 'good.json');
    const bad = path.join(dir, 'bad.json');
    writeFileSync(good, JSON.stringify(published));
    writeFileSync(bad, JSON.stringify({ ...published, winners: [...published.winners].reverse() }));
    const log = console.log;
    console.log = () => {};
    try {
      expect(await verify?.run([good], t.ctx)).toBe(0);
      expect(await verify?.run([bad], t.ctx)).toBe(1);
    } finally {
      console.log = log;
    }
    const protocol = (await pdfText((await t.app.inject({ url: '/gewinnspiel/fest-draw/protokoll.pdf' })).rawPayload)).join('\n');
    expect(protocol).toContain(published.commitment);
    for (const w of published.winners) expect(protocol).toContain(w);
    expect(protocol).not.toMatch(/Mustermann|Erika|example\.org|Hauptstraße/);
  });

  test('[C60] winners are published by name and photo only with their separate consent, given through a mailed signed link', async () => {
    const page = async () => (await t.app.inject({ url: '/gewinnspiel/fest-draw' })).body;
    const winners = await db()
      .selectFrom('contest_entries')
      .select(['id', 'first_name', 'last_name', 'photo_id', 'entry_hash'])
      .where('entry_hash', 'in', published.winners)
      .execute();
    expect(winners).toHaveLength(2);
    const [first] = winners;
    const name = `${first?.first_name} ${first?.last_name}`;
    const photo = () => t.app.inject({ url: `/gewinnspiel/fest-draw/gewinnerfoto/${first?.photo_id}` });
    expect(await page()).not.toContain(name);
    expect((await photo()).statusCode).toBe(404);

    expect((await comms.post(`/staff/fotoaktion/${eventId}/benachrichtigen`)).statusCode).toBe(303);
    const mails = await t.ctx.db
      .withTables<MailTables>()
      .selectFrom('mail_outbox')
      .selectAll()
      .where('activity', '=', 'contest.draw-entries')
      .execute();
    expect(mails).toHaveLength(2);
    const mail = mails.find((m) => m.text_body.includes(first?.id as string));
    const link = new URL(/http\S+/.exec(mail?.text_body ?? '')?.[0] as string);
    // The link is a secret: the outbox keeps the mail without it.
    expect(mail?.kept_text_body).not.toContain(link.pathname);

    expect((await t.app.inject({ url: `${link.pathname.slice(0, -3)}xyz` })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'POST', url: `${link.pathname.slice(0, -3)}xyz`, headers: form, payload: 'consent=yes' })).statusCode,
    ).toBe(404);
    const consentPage = await t.app.inject({ url: link.pathname });
    expect(consentPage.statusCode).toBe(200);
    expect(await page()).not.toContain(name);

    await t.app.inject({ method: 'POST', url: link.pathname, headers: form, payload: 'consent=yes' });
    expect(await page()).toContain(name);
    expect((await photo()).statusCode).toBe(200);
    // The other winner did not consent.
    expect(await page()).not.toContain(`${winners[1]?.first_name} ${winners[1]?.last_name}`);

    await t.app.inject({ method: 'POST', url: link.pathname, headers: form, payload: 'consent=no' });
    expect(await page()).not.toContain(name);
    expect((await photo()).statusCode).toBe(404);
    await t.app.inject({ method: 'POST', url: link.pathname, headers: form, payload: 'consent=yes' });
  });

  test('[C61] all entry data is deleted through the register once the prizes are handed over, not before; the protocol with hashes stays', async () => {
    const count = async () => (await db().selectFrom('contest_entries').select('id').execute()).length;
    // Before the hand-over: not even a retention run years later deletes an entry.
    const later = { ...t.ctx, clock: { now: () => new Date('2029-01-01T00:00:00Z') } };
    await runRetention(later, { trigger: 'test', activity: 'contest.draw-entries' });
    expect(await count()).toBe(5);
    const refused = await comms.post(`/staff/fotoaktion/${eventId}/abschliessen`);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('noch nicht alle Preise');
    expect(await count()).toBe(5);

    const winners = await db().selectFrom('contest_entries').select('id').where('entry_hash', 'in', published.winners).execute();
    for (const w of winners) expect((await comms.post(`/staff/fotoaktion/${eventId}/uebergabe/${w.id}`)).statusCode).toBe(303);
    t.clock.advance(60_000);
    const settled = await comms.post(`/staff/fotoaktion/${eventId}/abschliessen`);
    expect(settled.statusCode).toBe(303);
    expect(await count()).toBe(0);
    const record = await t.ctx.db
      .withTables<PrivacyTables>()
      .selectFrom('deletion_records')
      .select(['affected', 'rule'])
      .where('activity', '=', 'contest.draw-entries')
      .execute();
    expect(record.reduce((n, r) => n + r.affected, 0)).toBe(5);

    const json = JSON.parse((await t.app.inject({ url: '/gewinnspiel/fest-draw/auslosung.json' })).body) as PublishedDraw;
    expect(json).toEqual(published);
    expect(verifyDraw(json).winnersMatch).toBe(true);
    const page = (await t.app.inject({ url: '/gewinnspiel/fest-draw' })).body;
    expect(page).toContain('alle Teilnahmedaten gelöscht');
    expect(page).not.toMatch(/Mustermann|Erika|Anna|Bernd|Clara/);
    const remaining = await sql<{ n: number }>`select count(*)::int as n from contest_draw_list`.execute(t.ctx.db);
    expect(remaining.rows[0]?.n).toBe(5);
  });
});

describe('entries, the freezing and data-subject requests', () => {
  // The clock stands after the first draw by now: a later one.
  const later = { closesDay: '2026-07-20', sourceDay: '2026-07-21' };
  test('[C58] entries racing the freezing of the list: every stored entry is in the frozen list, every later one refused', async () => {
    const id = await createEvent('fest-race');
    const codes = await uploadPhotos(id, 8);
    expect((await createDraw(id, later)).statusCode).toBe(303);
    const [frozen, ...entered] = await Promise.all([
      comms.post(`/staff/fotoaktion/${id}/einfrieren`),
      ...codes.map((code, i) => publicPost('/fotocode/teilnahme', entry(code, { email: `race${i}@example.org` }))),
    ]);
    expect(frozen?.statusCode).toBe(303);
    for (const r of entered) expect([200, 400]).toContain(r.statusCode);
    const draw = await db()
      .selectFrom('contest_draws')
      .select(['id', 'entry_count', 'commitment'])
      .where('event_id', '=', id)
      .executeTakeFirstOrThrow();
    const stored = (await db().selectFrom('contest_entries').select('entry_hash').where('draw_id', '=', draw.id).execute()).map(
      (r) => r.entry_hash,
    );
    const list = (await db().selectFrom('contest_draw_list').select('entry_hash').where('draw_id', '=', draw.id).execute()).map(
      (r) => r.entry_hash,
    );
    expect(list.sort()).toEqual(stored.sort());
    expect(draw.entry_count).toBe(stored.length);
    expect(draw.commitment).toBe(commitmentOf(stored));
    expect(entered.filter((r) => r.statusCode === 200)).toHaveLength(stored.length);
  });

  test('[C59] a data-subject request finds an entry by its e-mail address and erases it', async () => {
    const id = await createEvent('fest-dsr');
    const [code] = await uploadPhotos(id, 1);
    expect((await createDraw(id, later)).statusCode).toBe(303);
    expect((await publicPost('/fotocode/teilnahme', entry(code as string, { email: 'Dsr.Person@Example.org' }))).statusCode).toBe(200);
    const found = (await findSubject(t.ctx, { email: 'dsr.person@example.org' })).filter((r) => r.table === 'contest_entries');
    expect(found).toHaveLength(1);
    expect(found[0]?.data).toMatchObject({ firstName: 'Erika', address: 'Hauptstraße 1, 12345 Musterstadt' });
    expect(await findSubject(t.ctx, { email: 'someone.else@example.org' })).toEqual([]);
    await eraseSubject(t.ctx, found);
    expect(await db().selectFrom('contest_entries').select('id').where('email', '=', 'dsr.person@example.org').execute()).toHaveLength(0);
  });
});
