import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../../tests/support/smtp.ts';
import { createTestStaff, type StaffAgent, signIn } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { allRoles, type Role } from '../../core/auth/index.ts';
import type { MailTables } from '../../core/mail/index.ts';
import type { PrivacyTables } from '../../core/privacy/index.ts';
import { dispatchCampaigns } from './newsletter.send.ts';
import type { NewsletterTables } from './newsletter.tables.ts';
import { addSubscribers } from './newsletter.testing.ts';

let t: TestApp;
let smtp: TestSmtpServer;
const agents = new Map<Role, StaffAgent>();
const db = () => t.database.db.withTables<NewsletterTables & MailTables & PrivacyTables>();
const ID = '00000000-0000-4000-8000-000000000000';
let marketing: StaffAgent;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ env: { SMTP_URL: smtp.url, NEWSLETTER_RATE_PER_SECOND: '100000' } });
  t.clock.set('2026-06-02T10:00:00Z');
  for (const role of allRoles(t.config.organisation))
    agents.set(role, await signIn(t.app, await createTestStaff(t.database.db, [role], t.clock.now()), t.clock));
  marketing = agents.get('marketing') as StaffAgent;
  await addSubscribers(t.database.db, ['erika@example.org', 'max@example.org']);
});
afterAll(async () => {
  await t?.close();
  await smtp?.stop();
});

const newsletterRoutes = () =>
  t.app.routeTable
    .filter((r) => r.url.startsWith('/staff/newsletter'))
    .map((r) => ({ method: r.method, url: r.url, concrete: r.url.replace(/:[^/]+/g, ID) }));

describe('marketing staff only', () => {
  test('[C54] every newsletter staff route, as every role: only marketing gets through, every other role (administrators too) gets 403', async () => {
    const routes = newsletterRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(10);
    const through: string[] = [];
    for (const route of routes)
      for (const [role, agent] of agents) {
        t.clock.advance(1000);
        const res = route.method === 'GET' ? await agent.get(route.concrete) : await agent.post(route.concrete);
        expect(res.statusCode, `${role} ${route.method} ${route.url}`).not.toBe(500);
        if (res.statusCode !== 403) through.push(role);
      }
    expect(new Set(through)).toEqual(new Set(['marketing']));
    expect(through).toHaveLength(routes.length);
    // And without a session: closed.
    for (const route of routes)
      expect([303, 403]).toContain((await t.app.inject({ method: route.method as 'GET', url: route.concrete })).statusCode);
  });

  test('[C52] [C54] each read and each export of subscriber data is written to the audit log with the records shown', async () => {
    const before = t.clock.now();
    const list = await marketing.get('/staff/newsletter/abonnements');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('erika@example.org');
    const csv = await marketing.get('/staff/newsletter/abonnements.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toContain('"max@example.org"');
    const ids = (await db().selectFrom('newsletter_subscribers').select('id').execute()).map((r) => r.id).sort();
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('occurred_at', '>=', before)
      .where('activity', '=', 'newsletter.subscriptions')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['read', 'export']);
    for (const a of audit) expect([...a.record_ids].sort()).toEqual(ids);
    // A code, said in words on the DPO's access log (gdpr.audit-reasons.ts).
    expect(audit[1]?.reason).toBe('subscriber-list');
    // Denied reads leave no trace of data: the administrator gets 403 and no list.
    const admin = await (agents.get('admin') as StaffAgent).get('/staff/newsletter/abonnements');
    expect(admin.statusCode).toBe(403);
    expect(admin.body).not.toContain('erika@example.org');
  });

  test('[C52] no public address of the site hands out a subscriber: every public GET route is free of their addresses', async () => {
    const routes = t.app.routeTable.filter(
      (r) => r.method === 'GET' && !r.url.startsWith('/staff') && !r.url.includes(':') && !r.url.includes('*'),
    );
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      const res = await t.app.inject({ method: 'GET', url: route.url });
      expect(res.body, route.url).not.toContain('erika@example.org');
    }
  });
});

describe('campaigns', () => {
  test('write in Markdown, preview, test send to oneself, schedule, send at the time through the dispatch job', async () => {
    const bad = await marketing.post('/staff/newsletter/aussendungen', { subject: '', markdown: '' });
    expect(bad.statusCode).toBe(400);
    const created = await marketing.post('/staff/newsletter/aussendungen', {
      subject: 'Sommer in den Bädern',
      topic: '',
      markdown: '## Freibad\n\nAb **Juni** geöffnet: [Öffnungszeiten](https://www.example.org/baeder)\n\n<script>alert(1)</script>',
    });
    expect(created.statusCode).toBe(303);
    const path = created.headers.location as string;
    const page = await marketing.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h2>Freibad</h2>');
    expect(page.body).toContain('<strong>Juni</strong>');
    expect(page.body).toContain('href="https://www.example.org/baeder"');
    expect(page.body).not.toContain('<script>alert');

    const test = await marketing.post(`${path}/test`);
    expect(test.statusCode).toBe(200);
    const outbox = await db().selectFrom('mail_outbox').select(['recipient', 'subject', 'html_body', 'text_body']).execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.subject).toBe('[Test] Sommer in den Bädern');
    expect(outbox[0]?.html_body).toContain('<strong>Juni</strong>');
    expect(outbox[0]?.text_body).toContain('Öffnungszeiten (https://www.example.org/baeder)');
    expect(outbox[0]?.text_body).toContain('Newsletter abbestellen: ');

    const past = await marketing.post(`${path}/planen`, { when: '2026-06-01T10:00' });
    expect(past.statusCode).toBe(400);
    expect((await marketing.post(`${path}/planen`, { when: '2026-06-03T09:00' })).statusCode).toBe(200);
    const campaign = await db().selectFrom('newsletter_campaigns').selectAll().executeTakeFirstOrThrow();
    expect(campaign).toMatchObject({ status: 'scheduled', scheduled_at: new Date('2026-06-03T07:00:00Z') });

    expect((await dispatchCampaigns(t.ctx)).sent).toBe(0);
    t.clock.set('2026-06-03T07:00:30Z');
    expect((await dispatchCampaigns(t.ctx)).sent).toBe(2);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['erika@example.org', 'max@example.org']);
    // A day later the session is over: sign in again.
    const again = await signIn(t.app, await createTestStaff(t.database.db, ['marketing'], t.clock.now()), t.clock);
    const report = await again.get(path);
    expect(report.body).toContain('2 von 2 versendet');
    expect(report.body).toContain('<svg');
    expect(report.body).toContain('<table');
  });
});
