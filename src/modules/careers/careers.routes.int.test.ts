import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp, TEST_SECRET, type TestApp } from '../../../tests/support/test-server.ts';
import { filesOf } from '../../core/uploads/index.ts';
import { apply, apprentice, db, makePosting, multipart, pdfBytes, pngBytes, tokenFromMail } from './careers.test-helpers.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());
beforeEach(() => {
  t.clock.set('2026-06-02T10:00:00Z');
});

const decode = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'");
const field = (html: string, name: string) => new RegExp(`<(input|select|textarea)[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? '';

describe('postings', () => {
  test('the list shows open postings per category; a closed posting and an ended selection are not listed', async () => {
    const open = await makePosting(t, 'apprenticeship');
    const intern = await makePosting(t, 'internship', 'energy-advice');
    const closed = await makePosting(t, 'professionals', 'billing');
    await db(t)
      .updateTable('careers_postings')
      .set({ closes_at: new Date('2026-06-01T00:00:00Z') })
      .where('id', '=', closed.id)
      .execute();
    const res = await t.app.inject({ method: 'GET', url: '/karriere' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`/karriere/stellen/${open.slug}`);
    expect(res.body).toContain(`/karriere/stellen/${intern.slug}`);
    expect(res.body).not.toContain(`/karriere/stellen/${closed.slug}`);
    for (const c of ['Ausbildung', 'Duales Studium', 'Berufserfahrene', 'Praktikum']) expect(res.body).toContain(`>${c}</h2>`);
    expect(res.headers['set-cookie']).toBeUndefined();
    const en = await t.app.inject({ method: 'GET', url: '/en/careers' });
    expect(en.body).toContain(`/en/careers/jobs/${open.slug}`);
    expect(en.body).toContain('>Apprenticeship</h2>');
  });

  test('a posting page carries schema.org JobPosting JSON-LD as a data block that cannot break out of its element', async () => {
    const p = await makePosting(t);
    const res = await t.app.inject({ method: 'GET', url: `/karriere/stellen/${p.slug}` });
    expect(res.statusCode).toBe(200);
    const m = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(res.body);
    expect(m).not.toBeNull();
    const data = JSON.parse(m?.[1] as string);
    expect(data).toMatchObject({
      '@context': 'https://schema.org/',
      '@type': 'JobPosting',
      employmentType: 'FULL_TIME',
      hiringOrganization: { '@type': 'Organization', name: t.config.organisation.name },
      validThrough: '2026-07-02T10:00:00.000Z',
      datePosted: '2026-06-02',
      directApply: true,
    });
    // the description's "<script>" travels as \u003c inside the JSON, never as markup
    expect(data.description).toContain('<script>alert(1)</script>');
    expect(res.body.match(/<script type="application\/ld\+json">/g)).toHaveLength(1);
    expect(res.body).not.toContain('<script>alert');
    // the CSP allows no inline script: the data block is not one the browser runs
    expect(String(res.headers['content-security-policy'])).toMatch(/script-src 'self'(;|$)/);
    expect(res.body).toContain('Bewerbungsschluss: 2. Juli 2026');
    expect(res.body).toContain(`href="/karriere/stellen/${p.slug}/bewerben"`);
  });

  test('the Atom feed lists the open postings with links in each language', async () => {
    const p = await makePosting(t);
    const res = await t.app.inject({ method: 'GET', url: '/karriere/stellen.atom' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/atom+xml');
    expect(res.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">');
    expect(res.body).toContain(`<link rel="alternate" type="text/html" href="http://localhost:3000/karriere/stellen/${p.slug}"/>`);
    expect(res.body).toContain('&lt;script&gt;');
    expect(res.body).not.toContain('<script>');
    const en = await t.app.inject({ method: 'GET', url: '/en/careers/jobs.atom' });
    expect(en.body).toContain(`http://localhost:3000/en/careers/jobs/${p.slug}`);
  });

  test('the demo postings are seeded once, one per category, and are open', async () => {
    const { seedCareersDemo } = await import('./careers.seed.ts');
    await seedCareersDemo(t.ctx);
    await seedCareersDemo(t.ctx);
    const demo = await db(t)
      .selectFrom('careers_postings')
      .select(['slug', 'category'])
      .where('slug', 'in', [
        'ausbildung-elektroniker-betriebstechnik',
        'duales-studium-energietechnik',
        'sachbearbeitung-abrechnung',
        'praktikum-energieberatung',
      ])
      .execute();
    expect(demo.map((d) => d.category).sort()).toEqual(['apprenticeship', 'dual-study', 'internship', 'professionals']);
    const list = await t.app.inject({ method: 'GET', url: '/karriere' });
    for (const d of demo) expect(list.body).toContain(`/karriere/stellen/${d.slug}`);
  });

  test('the English form is the same form: English labels, sent to the English address, English receipt', async () => {
    const p = await makePosting(t, 'internship');
    const page = await t.app.inject({ method: 'GET', url: `/en/careers/jobs/${p.slug}/apply` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`action="/en/careers/jobs/${p.slug}/apply"`);
    expect(decode(page.body)).toContain('Preferred period<span class="field__required"> *');
    const body = await multipart([
      ['name', 'Sam Smith'],
      ['email', 'sam@example.org'],
      ['period', 'July to September'],
      ['studies', 'Physics'],
      ['cv', await pdfBytes(), 'cv.pdf', 'application/pdf'],
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/en/careers/jobs/${p.slug}/apply`,
      headers: body.headers,
      payload: body.payload,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Thank you for your application');
    const mail = await db(t).selectFrom('mail_outbox').selectAll().where('recipient', '=', 'sam@example.org').executeTakeFirstOrThrow();
    expect(mail.subject).toMatch(/^Your application, reference B-/);
    expect(mail.text_body).toMatch(/\/en\/careers\/application\/[A-Za-z0-9_-]{43}/);
  });

  test('an unknown or malformed posting is a page that says so, never an error', async () => {
    for (const url of ['/karriere/stellen/gibt-es-nicht', '/karriere/stellen/%00', "/karriere/stellen/x'--/bewerben"]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
    }
  });
});

describe('the application forms (C27, C28)', () => {
  test('[C27] each category has its own form with the fields the configuration gives it', async () => {
    const categories = t.config.organisation.careers.categories;
    for (const c of categories) {
      const p = await makePosting(t, c.id);
      const res = await t.app.inject({ method: 'GET', url: `/karriere/stellen/${p.slug}/bewerben` });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('enctype="multipart/form-data"');
      for (const f of c.fields) expect(field(res.body, f.id), `${c.id}.${f.id}`).not.toBe('');
      // no field of another category
      for (const other of categories.filter((o) => o.id !== c.id))
        for (const f of other.fields.filter((f) => !c.fields.some((x) => x.id === f.id)))
          expect(field(res.body, f.id), `${c.id} shows ${f.id}`).toBe('');
    }
    const p = await makePosting(t, 'apprenticeship');
    const res = await t.app.inject({ method: 'GET', url: `/karriere/stellen/${p.slug}/bewerben` });
    expect(res.body).toContain('<option value="realschule">Mittlerer Schulabschluss</option>');
  });

  test('[C28] required fields are visibly marked with "*", optional ones say so', async () => {
    const p = await makePosting(t, 'apprenticeship');
    const res = await t.app.inject({ method: 'GET', url: `/karriere/stellen/${p.slug}/bewerben` });
    const html = decode(res.body);
    for (const name of ['name', 'email', 'schoolCertificate', 'school']) expect(field(html, name), name).toContain('aria-required="true"');
    // A file input carries the native required, which assistive technology announces (aria-required would repeat it).
    expect(field(html, 'cv'), 'cv').toMatch(/\srequired[\s/>]/);
    for (const label of [
      'Vor- und Nachname',
      'E-Mail-Adresse',
      'Schulabschluss (erreicht oder erwartet)',
      'Zuletzt besuchte Schule',
      'Lebenslauf',
    ])
      expect(html, label).toContain(`${label}<span class="field__required"> *`);
    for (const name of ['phone', 'message', 'certificates']) expect(field(html, name), name).not.toContain('required');
    expect(html).toContain('Telefonnummer<span class="field__optional"> (optional)');
    expect(html).toContain('Felder mit * müssen ausgefüllt werden.');
    // the other categories mark their own required fields
    const q = await makePosting(t, 'internship');
    const intern = decode((await t.app.inject({ method: 'GET', url: `/karriere/stellen/${q.slug}/bewerben` })).body);
    expect(intern).toContain('Gewünschter Zeitraum<span class="field__required"> *');
  });

  test('[C27] an application with CV and certificate is stored with its files, its answers and a receipt that quotes nothing typed', async () => {
    const p = await makePosting(t, 'apprenticeship');
    const res = await apply(t, p.slug, apprentice, { certificate: await pngBytes() });
    expect(res.statusCode).toBe(200);
    const reference = /Ihr Aktenzeichen: (B-2026-[0-9A-Z]{8})/.exec(res.body)?.[1];
    expect(reference).toBeDefined();
    const row = await db(t)
      .selectFrom('careers_applications')
      .selectAll()
      .where('reference', '=', reference as string)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      posting_id: p.id,
      category: 'apprenticeship',
      status: 'received',
      forwarded_to: null,
      name: 'Mia Muster',
      email: 'mia.muster@example.org',
      answers: { schoolCertificate: 'realschule', school: 'Realschule Musterstadt' },
      email_confirmed_at: null,
    });
    const files = await filesOf(t.ctx, { table: 'careers_applications', id: row.id });
    expect(files.map((f) => `${f.field}:${f.mediaType}`).sort()).toEqual(['certificates:image/png', 'cv:application/pdf']);
    const mail = await db(t)
      .selectFrom('mail_outbox')
      .selectAll()
      .where('reference', '=', reference as string)
      .executeTakeFirstOrThrow();
    expect(mail.recipient).toBe('mia.muster@example.org');
    expect(mail.subject).toContain(reference);
    for (const typed of ['Mia', 'Mia Muster', 'Realschule', 'Technik', '0211']) expect(mail.text_body).not.toContain(typed);
    expect(mail.text_body).toMatch(/http:\/\/localhost:3000\/karriere\/bewerbung\/[A-Za-z0-9_-]{43}/);
    // the token is stored only as its hash
    const token = await tokenFromMail(t, 'mia.muster@example.org');
    expect(row.token_hash).not.toContain(token);
  });

  test('[C27] bad input: 400 with a message per field in form order, what was typed kept, nothing stored', async () => {
    const p = await makePosting(t, 'apprenticeship');
    const before = await db(t).selectFrom('careers_applications').select('id').execute();
    const res = await apply(
      t,
      p.slug,
      { name: 'Mia\nMuster', email: 'kein-at', phone: 'abc', school: 'Realschule Musterstadt', message: 'Hallo <b>' },
      { cv: null },
    );
    expect(res.statusCode).toBe(400);
    const html = decode(res.body);
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
    const order = ['f-name', 'f-email', 'f-phone', 'f-schoolCertificate', 'f-cv'].map((id) => summary.indexOf(`#${id}`));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(field(html, 'school')).toContain('value="Realschule Musterstadt"');
    expect(html).toContain('>Hallo &lt;b></textarea>');
    expect(await db(t).selectFrom('careers_applications').select('id').execute()).toHaveLength(before.length);
    const en = await apply(t, p.slug, { name: '', email: 'x@example.org' }, { cv: null });
    expect(en.statusCode).toBe(400);
  });

  test('[C27] attachments are PDFs and images only, judged by their content', async () => {
    const p = await makePosting(t, 'apprenticeship');
    const before = (await db(t).selectFrom('careers_applications').select('id').execute()).length;
    const fake = Buffer.from('#!/bin/sh\necho pwned\n');
    const body = await multipart([
      ...Object.entries(apprentice).map(([k, v]) => [k, v] as [string, string]),
      ['cv', fake, 'lebenslauf.pdf', 'application/pdf'],
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/karriere/stellen/${p.slug}/bewerben`,
      headers: body.headers,
      payload: body.payload,
    });
    expect(res.statusCode).toBe(400);
    expect(decode(res.body)).toMatch(/lebenslauf\.pdf/);
    // an image is no CV: the CV must be a PDF
    const img = await apply(t, p.slug, apprentice, { cv: await pngBytes() });
    expect(img.statusCode).toBe(400);
    expect((await db(t).selectFrom('careers_applications').select('id').execute()).length).toBe(before);
  });

  test('a posting whose closing date has passed takes no application', async () => {
    const p = await makePosting(t);
    t.clock.set('2026-07-03T10:00:00Z');
    expect((await t.app.inject({ method: 'GET', url: `/karriere/stellen/${p.slug}/bewerben` })).statusCode).toBe(404);
    expect((await apply(t, p.slug)).statusCode).toBe(404);
    const page = await t.app.inject({ method: 'GET', url: `/karriere/stellen/${p.slug}` });
    expect(page.body).toContain('keine Bewerbungen mehr');
  });

  test('[C28] in production the form refuses an application over plain HTTP, and takes it over TLS', async () => {
    const prod = await createTestApp({
      env: {
        NODE_ENV: 'production',
        TRUST_PROXY: '1',
        PUBLIC_URL: 'https://www.stadtwerke.example',
        SMTP_URL: 'smtp://127.0.0.1:2525',
        SECRET_KEY: TEST_SECRET,
      },
    });
    try {
      prod.clock.set('2026-06-02T10:00:00Z');
      const p = await makePosting(prod);
      const url = `/karriere/stellen/${p.slug}/bewerben`;
      const rows = () => db(prod).selectFrom('careers_applications').select('id').execute();
      const plain = await apply(prod, p.slug, apprentice, {}, { 'x-forwarded-proto': 'http' });
      expect(plain.statusCode).toBe(403);
      expect(plain.body).toMatch(/verschlüsselte Verbindung/);
      expect(await rows()).toHaveLength(0);
      const page = await prod.app.inject({ method: 'GET', url, headers: { 'x-forwarded-proto': 'http' } });
      expect(page.statusCode).toBe(301);
      expect(page.headers.location).toBe(`https://www.stadtwerke.example${url}`);
      const secure = await apply(prod, p.slug, apprentice, {}, { 'x-forwarded-proto': 'https' });
      expect(secure.statusCode).toBe(200);
      expect(secure.headers['strict-transport-security']).toContain('max-age=');
      expect(await rows()).toHaveLength(1);
      // the status link in the receipt is an https link too
      expect((await db(prod).selectFrom('mail_outbox').select('text_body').executeTakeFirstOrThrow()).text_body).toContain(
        'https://www.stadtwerke.example/karriere/bewerbung/',
      );
    } finally {
      await prod.close();
    }
  });
});

describe('the applicant’s status link', () => {
  test('shows the state, proves the address, and withdrawing deletes the application and its files', async () => {
    const p = await makePosting(t);
    await apply(t, p.slug, { ...apprentice, email: 'link@example.org' }, { certificate: await pdfBytes('Zeugnis') });
    const token = await tokenFromMail(t, 'link@example.org');
    const row = await db(t)
      .selectFrom('careers_applications')
      .selectAll()
      .where('email', '=', 'link@example.org')
      .executeTakeFirstOrThrow();
    const page = await t.app.inject({ method: 'GET', url: `/karriere/bewerbung/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(row.reference);
    expect(page.body).toContain('Stand: eingegangen');
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(
      (await db(t).selectFrom('careers_applications').select('email_confirmed_at').where('id', '=', row.id).executeTakeFirstOrThrow())
        .email_confirmed_at,
    ).not.toBeNull();
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    // without the confirmation box: 400, nothing deleted
    const unconfirmed = await t.app.inject({ method: 'POST', url: `/karriere/bewerbung/${token}`, headers: form, payload: '' });
    expect(unconfirmed.statusCode).toBe(400);
    expect(await filesOf(t.ctx, { table: 'careers_applications', id: row.id })).toHaveLength(2);
    const done = await t.app.inject({ method: 'POST', url: `/karriere/bewerbung/${token}`, headers: form, payload: 'confirm=yes' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('zurückgezogen');
    expect(await db(t).selectFrom('careers_applications').select('id').where('id', '=', row.id).execute()).toHaveLength(0);
    expect(await filesOf(t.ctx, { table: 'careers_applications', id: row.id })).toHaveLength(0);
    expect((await t.app.inject({ method: 'GET', url: `/karriere/bewerbung/${token}` })).statusCode).toBe(404);
  });

  test('a guessed or altered token opens nothing and withdraws nothing', async () => {
    const p = await makePosting(t);
    await apply(t, p.slug, { ...apprentice, email: 'guess@example.org' });
    const token = await tokenFromMail(t, 'guess@example.org');
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    for (const x of [altered, 'abc', `${token}x`]) {
      expect((await t.app.inject({ method: 'GET', url: `/karriere/bewerbung/${x}` })).statusCode).toBe(404);
      expect(
        (await t.app.inject({ method: 'POST', url: `/karriere/bewerbung/${x}`, headers: form, payload: 'confirm=yes' })).statusCode,
      ).toBe(404);
    }
    expect(await db(t).selectFrom('careers_applications').select('id').where('email', '=', 'guess@example.org').execute()).toHaveLength(1);
  });
});
