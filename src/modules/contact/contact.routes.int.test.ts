import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { formBody } from '../../../tests/support/staff.ts';
import { createTestApp, TEST_SECRET, type TestApp } from '../../../tests/support/test-server.ts';
import type { MailTables } from '../../core/mail/index.ts';
import type { ContactDb } from './contact.queries.ts';

let t: TestApp;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const db = () => t.database.db.withTables<ContactDb & MailTables>();
const post = (url: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, headers: { ...FORM, ...headers }, payload: formBody(form) });
const decode = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'");
const count = async () => ({
  requests: (await db().selectFrom('contact_requests').select('id').execute()).length,
  callbacks: (await db().selectFrom('contact_callbacks').select('id').execute()).length,
  mails: (await db().selectFrom('mail_outbox').select('id').execute()).length,
});

const general = {
  topic: 'grid',
  salutation: 'ms',
  name: 'Erika Mustermann',
  email: 'Erika.Mustermann@Example.org',
  concern: 'Wann wird unser Hausanschluss gelegt? Bitte rufen Sie mich an.',
  phone: '0211 / 123 45-67',
  customerNumber: '4711-0815',
};

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());
beforeEach(async () => {
  await db().deleteFrom('contact_requests').execute();
  await db().deleteFrom('contact_callbacks').execute();
  await db().deleteFrom('mail_outbox').execute();
  // Tuesday 2 June 2026, 12:00 in Berlin; Thursday 4 June is Corpus Christi, a holiday in NRW.
  t.clock.set('2026-06-02T10:00:00Z');
});

/** The input or select of a field, as rendered. */
const field = (html: string, name: string) => new RegExp(`<(input|select|textarea)[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? '';

describe('the general contact form', () => {
  test('[C13] marks salutation, name, e-mail, topic and concern as required; phone and customer number as optional', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/kontakt' });
    expect(res.statusCode).toBe(200);
    for (const name of ['name', 'email', 'topic', 'concern']) expect(field(res.body, name), name).toContain('aria-required="true"');
    expect(field(res.body, 'salutation')).toContain('required');
    for (const name of ['phone', 'customerNumber']) expect(field(res.body, name), name).not.toContain('required');
    expect(decode(res.body)).toMatch(/Vor- und Nachname<span class="field__required"> \*/);
    expect(decode(res.body)).toContain('Telefonnummer<span class="field__optional"> (optional)');
    // the topics are the configured departments
    for (const d of t.config.organisation.departments) expect(res.body).toContain(`<option value="${d.id}">${d.name.de}</option>`);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  test('[C13] without salutation, name, a valid e-mail or the concern: 400, a message per field, what was typed kept, nothing stored', async () => {
    const empty = await post('/kontakt', {});
    expect(empty.statusCode).toBe(400);
    const text = decode(empty.body);
    for (const label of ['Vor- und Nachname', 'E-Mail-Adresse', 'Ihr Anliegen']) expect(text).toContain(`Bitte füllen Sie „${label}“ aus.`);
    // A select or radio group is chosen, not filled in.
    for (const label of ['Anrede', 'Thema']) expect(text).toContain(`Bitte wählen Sie „${label}“ aus.`);

    const bad = await post('/kontakt', { ...general, email: 'erika@', phone: '12', customerNumber: '#!' });
    expect(bad.statusCode).toBe(400);
    const badText = decode(bad.body);
    expect(badText).toContain('Bitte geben Sie eine gültige E-Mail-Adresse an');
    expect(badText).toContain('Bitte geben Sie eine gültige Telefonnummer an');
    expect(badText).toContain('„Kundennummer“ besteht aus Buchstaben und Ziffern');
    expect(field(bad.body, 'name')).toContain('value="Erika Mustermann"');
    expect(bad.body).toContain('Wann wird unser Hausanschluss gelegt?');
    expect(bad.body).toMatch(/<option value="grid" selected/);

    const english = await post('/en/contact', { ...general, email: '' });
    expect(english.statusCode).toBe(400);
    expect(decode(english.body)).toContain('Please fill in “E-mail address”.');
    expect(await count()).toEqual({ requests: 0, callbacks: 0, mails: 0 });
  });

  test('[C13] [C15] a valid message is stored with its topic, answered with a reference, and the receipt mail holds the reference only', async () => {
    const res = await post('/kontakt', general);
    expect(res.statusCode).toBe(200);
    const reference = /Ihr Aktenzeichen: (K-2026-[0-9A-Z]{8})/.exec(res.body)?.[1] as string;
    expect(reference).toBeDefined();
    const row = await db().selectFrom('contact_requests').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      reference,
      kind: 'general',
      topic: 'grid',
      salutation: 'ms',
      email: 'erika.mustermann@example.org',
      phone: '+492111234567',
      customer_number: '4711-0815',
      status: 'open',
      locale: 'de',
    });
    const mail = await db().selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
    expect(mail).toMatchObject({ recipient: 'erika.mustermann@example.org', activity: 'contact.requests', reference });
    expect(mail.subject).toContain(reference);
    expect(mail.text_body).toContain(reference);
    for (const typed of ['Erika', 'Mustermann', 'Hausanschluss', '4711', '123'])
      expect(`${mail.subject}\n${mail.text_body}`).not.toContain(typed);
    expect(res.headers['set-cookie']).toBeUndefined();

    const en = await post('/en/contact', { ...general, topic: 'billing' });
    expect(en.statusCode).toBe(200);
    expect(en.body).toMatch(/Your reference: K-2026-[0-9A-Z]{8}/);
    expect(
      (await db().selectFrom('contact_requests').select(['topic', 'locale']).where('topic', '=', 'billing').executeTakeFirstOrThrow())
        .locale,
    ).toBe('en');
  });

  test('references are unguessable: random, never repeated', async () => {
    const refs = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const res = await post('/kontakt/datenschutz', { salutation: 'none', name: `P ${i}`, email: `p${i}@example.org`, concern: 'x' });
      refs.add(/DSB-2026-[0-9A-Z]{8}/.exec(res.body)?.[0] as string);
    }
    expect(refs.size).toBe(20);
  });

  test('a bot filling the honeypot gets the same thank-you page; nothing is stored or sent. Text with NUL bytes is refused, not a 500', async () => {
    const bot = await post('/kontakt', { ...general, website: 'http://spam.example' });
    expect(bot.statusCode).toBe(200);
    expect(bot.body).toContain('Vielen Dank für Ihre Nachricht');
    const nul = await post('/kontakt', { ...general, concern: 'a\u0000b' });
    expect(nul.statusCode).toBe(400);
    expect(decode(nul.body)).toContain('Bitte prüfen Sie „Ihr Anliegen“.');
    expect(await count()).toEqual({ requests: 0, callbacks: 0, mails: 0 });
  });

  test('a post another site triggered is refused (Fetch-Metadata, Origin)', async () => {
    expect((await post('/kontakt', general, { 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await post('/kontakt/rueckruf', { name: 'x' }, { origin: 'https://evil.example' })).statusCode).toBe(403);
    expect(await count()).toEqual({ requests: 0, callbacks: 0, mails: 0 });
  });
});

describe('the officers’ forms', () => {
  const officer = { salutation: 'mr', name: 'Otto Offen', email: 'otto@example.org', concern: 'Welche Daten haben Sie über mich?' };

  test('[C20] each requires salutation, name, a valid e-mail and the concern, in German and English', async () => {
    for (const [url, labels] of [
      ['/kontakt/datenschutz', ['Anrede', 'Vor- und Nachname', 'E-Mail-Adresse', 'Ihr Anliegen']],
      ['/kontakt/gleichstellung', ['Anrede', 'Vor- und Nachname', 'E-Mail-Adresse', 'Ihr Anliegen']],
      ['/en/contact/data-protection', ['Salutation', 'First and last name', 'E-mail address', 'Your concern']],
      ['/en/contact/equal-treatment', ['Salutation', 'First and last name', 'E-mail address', 'Your concern']],
    ] as const) {
      const page = await t.app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      for (const name of ['name', 'email', 'concern']) expect(field(page.body, name), `${url} ${name}`).toContain('aria-required="true"');
      expect(field(page.body, 'salutation')).toContain('required');
      const res = await post(url, {});
      expect(res.statusCode, url).toBe(400);
      const text = decode(res.body);
      for (const label of labels)
        expect(text, `${url} ${label}`).toMatch(
          new RegExp(`(Bitte (füllen|wählen) Sie „${label}“ aus|Please (fill in|choose) “${label}”)`),
        );
      expect((await post(url, { ...officer, email: 'otto@@example' })).statusCode).toBe(400);
    }
    expect(await count()).toEqual({ requests: 0, callbacks: 0, mails: 0 });
  });

  test('[C20] [C21] a message to an officer is stored for that officer alone, without topic, with a receipt holding the reference only', async () => {
    const dpo = await post('/kontakt/datenschutz', officer);
    const eq = await post('/en/contact/equal-treatment', { ...officer, name: 'Alex Anders' });
    expect([dpo.statusCode, eq.statusCode]).toEqual([200, 200]);
    const rows = await db().selectFrom('contact_requests').select(['kind', 'topic', 'reference', 'name']).orderBy('name').execute();
    expect(rows.map((r) => [r.kind, r.topic, r.reference.split('-')[0]])).toEqual([
      ['equal-treatment', null, 'GB'],
      ['dpo', null, 'DSB'],
    ]);
    const mails = await db().selectFrom('mail_outbox').select(['activity', 'text_body']).orderBy('activity').execute();
    expect(mails.map((m) => m.activity)).toEqual(['contact.officer-dpo', 'contact.officer-equal-treatment']);
    for (const m of mails) expect(m.text_body).not.toMatch(/Otto|Alex|Daten haben Sie/);
  });

  test('[C01] the statement’s link to the data-protection officer’s contact form leads to that form', async () => {
    for (const [statement, label] of [
      ['/datenschutz', 'Kontaktformular für die Datenschutzbeauftragte'],
      ['/en/privacy', 'contact form for the data-protection officer'],
    ] as const) {
      const page = await t.app.inject({ method: 'GET', url: statement });
      const href = new RegExp(`<a href="([^"]+)">${label}</a>`).exec(page.body)?.[1] as string;
      expect(href).toBeDefined();
      const form = await t.app.inject({ method: 'GET', url: href });
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain(`<form method="post" action="${href}"`);
      for (const name of ['name', 'email', 'concern']) expect(field(form.body, name)).toContain('aria-required="true"');
      expect(field(form.body, 'salutation')).toContain('required');
      expect(decode(form.body)).toContain(t.config.organisation.dataProtectionOfficer.name);
    }
  });
});

describe('the callback form', () => {
  const wish = { name: 'Sabine Schmidt', phone: '0211 / 123 45-67', day: '2026-06-03', slot: '09:00', subject: 'Abschlag' };
  const options = (html: string, name: string) =>
    [...(new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '').matchAll(/<option value="([^"]*)"/g)]
      .map((m) => m[1])
      .filter(Boolean);

  test('[C17] offers working days from tomorrow within business hours, without weekends and the state’s public holidays', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/kontakt/rueckruf' });
    expect(res.statusCode).toBe(200);
    const days = options(res.body, 'day');
    expect(days.slice(0, 4)).toEqual(['2026-06-03', '2026-06-05', '2026-06-08', '2026-06-09']);
    expect(days).not.toContain('2026-06-02');
    expect(days).not.toContain('2026-06-04');
    expect(days.at(-1)).toBe('2026-06-16');
    expect(options(res.body, 'slot')).toEqual(['08:00', '09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00', '17:00']);
    expect(decode(res.body)).toContain('Freitag</dt><dd>08:00 bis 13:00 Uhr');
    for (const name of ['name', 'phone', 'day', 'slot']) expect(field(res.body, name), name).toContain('aria-required="true"');
  });

  test('[C17] name, phone number and preferred time are required; bad numbers, holidays and hours outside the day’s are refused', async () => {
    const empty = await post('/kontakt/rueckruf', {});
    expect(empty.statusCode).toBe(400);
    for (const label of ['Vor- und Nachname', 'Telefonnummer', 'Gewünschter Tag', 'Gewünschte Uhrzeit'])
      expect(decode(empty.body)).toContain(`Bitte füllen Sie „${label}“ aus.`);

    const phone = await post('/kontakt/rueckruf', { ...wish, phone: '0211 12' });
    expect(decode(phone.body)).toContain('Bitte geben Sie eine gültige Telefonnummer an');
    expect(field(phone.body, 'phone')).toContain('value="0211 12"');

    const holiday = await post('/kontakt/rueckruf', { ...wish, day: '2026-06-04' });
    expect(holiday.statusCode).toBe(400);
    expect(decode(holiday.body)).toContain('ist ein Feiertag (Fronleichnam)');
    const holidayEn = await post('/en/contact/callback', { ...wish, day: '2026-06-04' });
    expect(decode(holidayEn.body)).toContain('is a public holiday (Corpus Christi)');

    const friday = await post('/kontakt/rueckruf', { ...wish, day: '2026-06-05', slot: '15:00' });
    expect(friday.statusCode).toBe(400);
    expect(decode(friday.body)).toContain('Am Freitag rufen wir nur zu diesen Zeiten zurück: 08:00 bis 13:00 Uhr.');

    for (const day of ['2026-06-06', '2026-06-02', '2026-06-30', '2026-02-30'])
      expect((await post('/kontakt/rueckruf', { ...wish, day })).statusCode, day).toBe(400);
    expect((await post('/kontakt/rueckruf', { ...wish, slot: '12:30' })).statusCode).toBe(400);
    expect(await count()).toEqual({ requests: 0, callbacks: 0, mails: 0 });
  });

  test('[C17] [C18] a valid wish is stored with the number in E.164 and the slot as instants, and confirmed with day, time and reference', async () => {
    const res = await post('/kontakt/rueckruf', wish);
    expect(res.statusCode).toBe(200);
    const text = decode(res.body);
    expect(text).toMatch(
      /Wir rufen Sie am Mittwoch, 3\. Juni 2026 zwischen 09:00 und 10:00 Uhr unter 0211 1234567 an\. Ihr Aktenzeichen: R-2026-[0-9A-Z]{8}\./,
    );
    const row = await db().selectFrom('contact_callbacks').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Sabine Schmidt', phone: '+492111234567', subject: 'Abschlag', done_at: null });
    expect(row.slot_start.toISOString()).toBe('2026-06-03T07:00:00.000Z');
    expect(row.slot_end.toISOString()).toBe('2026-06-03T08:00:00.000Z');
    // no e-mail address, so no receipt mail
    expect((await count()).mails).toBe(0);
    // winter time: 09:00 in Berlin is 08:00 UTC
    t.clock.set('2026-12-01T10:00:00Z');
    await post('/en/contact/callback', { ...wish, phone: '+49 171 1234567', day: '2026-12-02' });
    const winter = await db().selectFrom('contact_callbacks').selectAll().where('phone', '=', '+491711234567').executeTakeFirstOrThrow();
    expect(winter.slot_start.toISOString()).toBe('2026-12-02T08:00:00.000Z');
  });
});

describe('transport and abuse limits', () => {
  test('[C14] in production the forms refuse data sent over plain HTTP, and accept it over TLS', async () => {
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
      const forms: [string, Record<string, string>][] = [
        ['/kontakt', general],
        ['/kontakt/datenschutz', { salutation: 'ms', name: 'A', email: 'a@example.org', concern: 'x' }],
        ['/kontakt/gleichstellung', { salutation: 'ms', name: 'A', email: 'a@example.org', concern: 'x' }],
        ['/en/contact/callback', { name: 'A', phone: '0211 1234567', day: '2026-06-16', slot: '09:00' }],
      ];
      prod.clock.set('2026-06-15T10:00:00Z');
      const rows = () => prod.database.db.withTables<ContactDb>().selectFrom('contact_requests').select('id').execute();
      for (const [url, form] of forms) {
        const plain = await prod.app.inject({
          method: 'POST',
          url,
          headers: { ...FORM, 'x-forwarded-proto': 'http' },
          payload: formBody(form),
        });
        expect(plain.statusCode, url).toBe(403);
        expect(plain.body).toMatch(/verschlüsselte Verbindung|encrypted connection/);
        const page = await prod.app.inject({ method: 'GET', url, headers: { 'x-forwarded-proto': 'http' } });
        expect(page.statusCode).toBe(301);
        expect(page.headers.location).toBe(`https://www.stadtwerke.example${url}`);
      }
      expect(await rows()).toHaveLength(0);
      for (const [url, form] of forms) {
        const secure = await prod.app.inject({
          method: 'POST',
          url,
          headers: { ...FORM, 'x-forwarded-proto': 'https' },
          payload: formBody(form),
        });
        expect(secure.statusCode, url).toBe(200);
        expect(secure.headers['strict-transport-security']).toContain('max-age=');
      }
      expect(await rows()).toHaveLength(3);
    } finally {
      await prod.close();
    }
  });

  test('posts are rate-limited per IP', async () => {
    const limited = await createTestApp({ env: { FORM_RATE_LIMIT_PER_MINUTE: '2' } });
    try {
      const send = (ip: string) =>
        limited.app.inject({ method: 'POST', url: '/kontakt/datenschutz', remoteAddress: ip, headers: FORM, payload: formBody({}) });
      expect((await send('10.0.0.1')).statusCode).toBe(400);
      expect((await send('10.0.0.1')).statusCode).toBe(400);
      const third = await send('10.0.0.1');
      expect(third.statusCode).toBe(429);
      expect(third.headers['retry-after']).toBeDefined();
      expect((await send('10.0.0.2')).statusCode).toBe(400);
    } finally {
      await limited.close();
    }
  });
});
