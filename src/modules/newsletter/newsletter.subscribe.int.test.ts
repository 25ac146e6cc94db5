import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { formBody } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { DAY_MS } from '../../core/clock.ts';
import type { MailTables } from '../../core/mail/index.ts';
import { findSubject, runRetention } from '../../core/privacy/index.ts';
import { SUBSCRIPTION_ACTIVITY } from './newsletter.subscriptions.ts';
import type { NewsletterTables } from './newsletter.tables.ts';

let t: TestApp;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const db = () => t.database.db.withTables<NewsletterTables & MailTables>();
const post = (url: string, form: Record<string, string | string[]> = {}) =>
  t.app.inject({ method: 'POST', url, headers: FORM, payload: formBody(form) });
const get = (url: string) => t.app.inject({ method: 'GET', url });
const mails = () => db().selectFrom('mail_outbox').select(['recipient', 'subject', 'text_body']).orderBy('created_at').execute();
const subscribers = () => db().selectFrom('newsletter_subscribers').selectAll().orderBy('email').execute();
/** The path of the first link to this site in a mail. */
const linkIn = (text: string, kind: string) => {
  const url = new RegExp(`http://localhost:3000(/(?:en/)?newsletter/${kind}/[^\\s]+)`).exec(text)?.[1];
  if (!url) throw new Error(`no ${kind} link in: ${text}`);
  return url;
};

beforeAll(async () => {
  t = await createTestApp();
  await db()
    .insertInto('newsletter_topics')
    .values([
      { id: 'energie-sparen', name_de: 'Energie sparen', name_en: 'Saving energy', created_at: new Date('2026-01-01T00:00:00Z') },
      { id: 'baeder', name_de: 'Bäder', name_en: 'Swimming pools', created_at: new Date('2026-01-02T00:00:00Z') },
    ])
    .execute();
});
afterAll(() => t?.close());
beforeEach(async () => {
  await db().deleteFrom('newsletter_subscribers').execute();
  await db().deleteFrom('newsletter_withdrawals').execute();
  await db().deleteFrom('mail_outbox').execute();
  t.clock.set('2026-06-02T10:00:00Z');
});

async function subscribeAndConfirm(form: Record<string, string | string[]>) {
  expect((await post('/newsletter', form)).statusCode).toBe(200);
  const [mail] = (await mails()).slice(-1);
  const confirm = linkIn(mail?.text_body ?? '', 'bestaetigen');
  expect((await post(confirm, { confirm: 'yes' })).statusCode).toBe(200);
  return (await subscribers()).find((s) => s.email === String(form.email).toLowerCase());
}

describe('subscribing with double opt-in', () => {
  test('[C51] only the e-mail address is required: the form marks nothing else, and the address alone subscribes', async () => {
    const page = await get('/newsletter');
    expect(page.statusCode).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    const required = [...page.body.matchAll(/<(?:input|select|textarea)[^>]*aria-required="true"[^>]*>/g)].map(
      (m) => /name="([^"]+)"/.exec(m[0])?.[1],
    );
    expect(required).toEqual(['email']);
    expect(page.body).toContain('Energie sparen');

    const sub = await subscribeAndConfirm({ email: 'Erika@Example.org' });
    expect(sub).toMatchObject({ email: 'erika@example.org', status: 'active', salutation: null, name: null, topics: [], measure: true });
  });

  test('[C51] an invalid or missing address: 400 with the message at the field, what was typed kept, nothing stored', async () => {
    for (const email of ['', 'erika@', 'not an address']) {
      const res = await post('/newsletter', { email, name: 'Erika Mustermann', topics: 'baeder' });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('id="f-email-error"');
      expect(res.body).toContain('value="Erika Mustermann"');
      expect(res.body).toMatch(/value="baeder"[^>]*checked/);
    }
    const en = await post('/en/newsletter', { email: 'x@' });
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('Please enter a valid e-mail address');
    const forged = await post('/newsletter', { email: 'erika@example.org', topics: 'unknown' });
    expect(forged.statusCode).toBe(400);
    expect(await subscribers()).toEqual([]);
    expect(await mails()).toEqual([]);
  });

  test('[C51] the request and the confirmation are recorded as proof of consent and are part of the data-subject export', async () => {
    t.clock.set('2026-06-02T10:00:00Z');
    await post('/newsletter', { email: 'max@example.org', salutation: 'mr', name: 'Max Muster', topics: ['baeder', 'energie-sparen'] });
    const [pending] = await subscribers();
    expect(pending).toMatchObject({
      status: 'pending',
      requested_at: new Date('2026-06-02T10:00:00Z'),
      request_form: '/newsletter',
      confirmed_at: null,
    });
    expect(pending?.statement_version).toBeGreaterThanOrEqual(1);
    // An unconfirmed address ties nobody: a data-subject search does not match it.
    expect((await findSubject(t.ctx, { email: 'max@example.org' })).filter((r) => r.activity === SUBSCRIPTION_ACTIVITY)).toEqual([]);

    t.clock.set('2026-06-02T11:30:00Z');
    const [mail] = await mails();
    await post(linkIn(mail?.text_body ?? '', 'bestaetigen'), { confirm: 'yes' });
    const found = (await findSubject(t.ctx, { email: 'MAX@example.org' })).filter((r) => r.activity === SUBSCRIPTION_ACTIVITY);
    expect(found).toHaveLength(1);
    expect(found[0]?.data).toMatchObject({
      email: 'max@example.org',
      salutation: 'mr',
      name: 'Max Muster',
      consent: {
        requested: new Date('2026-06-02T10:00:00Z'),
        form: '/newsletter',
        statementVersion: pending?.statement_version,
        topicsChosen: ['baeder', 'energie-sparen'],
        confirmed: new Date('2026-06-02T11:30:00Z'),
      },
    });
  });

  test('[C51] the confirmation mail holds only the link and what it is for: nothing typed, no advertising', async () => {
    await post('/newsletter', { email: 'max@example.org', name: 'Max <b>Werbung</b> Muster', topics: 'baeder' });
    const [mail] = await mails();
    expect(mail?.subject).toBe('Bitte bestätigen Sie Ihre Newsletter-Anmeldung');
    expect(mail?.text_body).not.toContain('Max');
    expect(mail?.text_body).not.toContain('Bäder');
    expect(mail?.text_body).not.toMatch(/angebot|rabatt|aktion|tarif/i);
    expect(mail?.text_body).toContain('nach 7 Tagen');
    // The link is a secret: once sent, the outbox keeps the mail without it.
    const kept = await db().selectFrom('mail_outbox').select('kept_text_body').executeTakeFirstOrThrow();
    expect(kept.kept_text_body).not.toContain('/newsletter/bestaetigen/');
    // A GET only asks; confirming takes the button (mail scanners open links).
    const link = linkIn(mail?.text_body ?? '', 'bestaetigen');
    expect((await get(link)).statusCode).toBe(200);
    expect((await subscribers())[0]?.status).toBe('pending');
    await post(link, { confirm: 'yes' });
    expect((await subscribers())[0]?.status).toBe('active');
    // Each token once.
    expect((await post(link, { confirm: 'yes' })).statusCode).toBe(404);
  });

  test('[C51] unconfirmed requests expire through the register rule after the configured days; confirmed ones stay', async () => {
    await post('/newsletter', { email: 'late@example.org' });
    await subscribeAndConfirm({ email: 'kept@example.org' });
    t.clock.advance(7 * DAY_MS - 60_000);
    await runRetention(t.ctx, { trigger: 'test', activity: SUBSCRIPTION_ACTIVITY });
    expect((await subscribers()).map((s) => s.email)).toEqual(['kept@example.org', 'late@example.org']);
    t.clock.advance(2 * 60_000);
    const report = await runRetention(t.ctx, { trigger: 'test', activity: SUBSCRIPTION_ACTIVITY });
    expect(report.rules.find((r) => r.rule === 'unconfirmed')?.affected).toBe(1);
    expect((await subscribers()).map((s) => s.email)).toEqual(['kept@example.org']);
  });

  test('[C51] subscribing an address that is already subscribed reveals nothing to the person typing it and changes nothing', async () => {
    const fresh = await post('/newsletter', { email: 'new@example.org' });
    const sub = await subscribeAndConfirm({ email: 'known@example.org', name: 'Known', topics: 'baeder' });
    await db().deleteFrom('mail_outbox').execute();
    const again = await post('/newsletter', { email: 'known@example.org', name: 'Someone else', topics: 'energie-sparen' });
    expect(again.statusCode).toBe(fresh.statusCode);
    expect(again.body).toBe(fresh.body);
    expect((await subscribers()).find((s) => s.email === 'known@example.org')).toMatchObject({
      name: 'Known',
      topics: ['baeder'],
      confirmed_at: sub?.confirmed_at,
    });
    // The owner of the mailbox hears of it, with a link to their own settings, not a new confirmation.
    const [mail] = await mails();
    expect(mail?.recipient).toBe('known@example.org');
    expect(mail?.text_body).toContain('bereits abonniert');
    expect(mail?.text_body).not.toContain('Someone else');
    expect(linkIn(mail?.text_body ?? '', 'einstellungen')).toContain(sub?.id);
  });

  test('[C51] many parallel requests for one address leave one subscription', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => post('/newsletter', { email: 'race@example.org' })));
    expect(results.map((r) => r.statusCode)).toEqual(Array(12).fill(200));
    expect((await subscribers()).length).toBe(1);
  });
});

describe('the signed preference page', () => {
  test('[C55] the link opens only its own subscription: topics and name change; a forged or altered link opens nothing', async () => {
    const sub = await subscribeAndConfirm({ email: 'erika@example.org', topics: 'baeder' });
    await db().deleteFrom('mail_outbox').execute();
    await post('/newsletter', { email: 'erika@example.org' });
    const prefs = linkIn((await mails())[0]?.text_body ?? '', 'einstellungen');
    const page = await get(prefs);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="erika@example.org"');

    const other = await subscribeAndConfirm({ email: 'other@example.org' });
    const forged = prefs.replace(sub?.id as string, other?.id as string);
    expect((await get(forged)).statusCode).toBe(404);
    expect((await get(`${prefs.slice(0, -2)}xx`)).statusCode).toBe(404);
    expect((await post(forged, { email: 'evil@example.org' })).statusCode).toBe(404);

    const saved = await post(prefs, {
      email: 'erika@example.org',
      salutation: 'ms',
      name: 'Erika',
      topics: ['energie-sparen'],
      noMeasure: 'yes',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('Ihre Einstellungen sind gespeichert.');
    expect((await subscribers()).find((s) => s.id === sub?.id)).toMatchObject({
      salutation: 'ms',
      name: 'Erika',
      topics: ['energie-sparen'],
      measure: false,
    });
    const bad = await post(prefs, { email: 'erika@', name: 'Erika B.' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="Erika B."');
  });

  test('[C55] a new address applies only once confirmed from that mailbox', async () => {
    const sub = await subscribeAndConfirm({ email: 'old@example.org' });
    await db().deleteFrom('mail_outbox').execute();
    await post('/newsletter', { email: 'old@example.org' });
    const prefs = linkIn((await mails())[0]?.text_body ?? '', 'einstellungen');
    await db().deleteFrom('mail_outbox').execute();
    const saved = await post(prefs, { email: 'New@Example.org' });
    expect(saved.body).toContain('Bitte bestätigen Sie die neue Adresse');
    expect((await subscribers())[0]).toMatchObject({ email: 'old@example.org', new_email: 'new@example.org' });
    const [mail] = await mails();
    expect(mail?.recipient).toBe('new@example.org');
    await post(linkIn(mail?.text_body ?? '', 'bestaetigen'), { confirm: 'yes' });
    expect((await subscribers())[0]).toMatchObject({ id: sub?.id, email: 'new@example.org', new_email: null, status: 'active' });
  });

  test('[C55] unsubscribing removes the address at once and keeps only a keyed hash, the time and the channel', async () => {
    const sub = await subscribeAndConfirm({ email: 'gone@example.org', name: 'Gone', topics: 'baeder' });
    await db().deleteFrom('mail_outbox').execute();
    await post('/newsletter', { email: 'gone@example.org' });
    const prefs = linkIn((await mails())[0]?.text_body ?? '', 'einstellungen');
    const unsub = prefs.replace('/einstellungen/', '/abmelden/');
    // A GET (a link scanner) changes nothing.
    expect((await get(unsub)).statusCode).toBe(200);
    expect(await subscribers()).toHaveLength(1);
    t.clock.set('2026-06-03T08:00:00Z');
    const res = await post(unsub, { 'List-Unsubscribe': 'One-Click' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Sie sind abgemeldet');
    expect(await subscribers()).toEqual([]);
    const proof = await db().selectFrom('newsletter_withdrawals').selectAll().execute();
    expect(proof).toHaveLength(1);
    expect(proof[0]).toMatchObject({ channel: 'one-click', withdrawn_at: new Date('2026-06-03T08:00:00Z') });
    expect(JSON.stringify(proof)).not.toContain('gone@');
    expect(JSON.stringify(proof)).not.toContain(sub?.id);
    // The proof matches the address when its owner asks.
    const found = (await findSubject(t.ctx, { email: 'gone@example.org' })).filter((r) => r.activity === SUBSCRIPTION_ACTIVITY);
    expect(found.map((r) => r.table)).toEqual(['newsletter_withdrawals']);
    // The link is dead now.
    expect((await get(prefs)).statusCode).toBe(404);
    expect((await post(unsub, { 'List-Unsubscribe': 'One-Click' })).statusCode).toBe(404);
  });
});
