import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { defineModule } from '../../core/module.ts';
import { activitiesOf, ensureStatementVersion, glossary, type PrivacyTables, ruleSentence } from '../../core/privacy/index.ts';
import { linkLabels } from './gdpr.statement.text.ts';

let t: TestApp;
const db = () => t.database.db.withTables<PrivacyTables>();
const decode = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/<[^>]+>/g, '');

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('the published privacy statement', () => {
  test("[C01] names the controller and the data-protection officer, with a link to the officer's contact form", async () => {
    const org = t.config.organisation;
    const de = await t.app.inject({ method: 'GET', url: '/datenschutz' });
    expect(de.statusCode).toBe(200);
    const text = decode(de.body);
    expect(text).toContain(
      `Verantwortlich für die Verarbeitung Ihrer personenbezogenen Daten ist die ${org.name}, ${org.address.street}, ${org.address.postcode} ${org.address.city}`,
    );
    expect(text).toContain(`Unsere Datenschutzbeauftragte, ${org.dataProtectionOfficer.name}`);
    expect(de.body).toContain('<a href="/kontakt/datenschutz">Kontaktformular für die Datenschutzbeauftragte</a>');
    const en = await t.app.inject({ method: 'GET', url: '/en/privacy' });
    expect(en.body).toContain('<a href="/en/contact/data-protection">contact form for the data-protection officer</a>');
  });

  test('says exactly what the register holds: every activity with its purpose and every retention rule', async () => {
    const page = decode((await t.app.inject({ method: 'GET', url: '/datenschutz' })).body);
    const activities = activitiesOf(t.ctx.modules, t.config);
    expect(activities.length).toBeGreaterThan(4);
    for (const a of activities) {
      expect(page).toContain(a.title.de);
      expect(page).toContain(linkLabels(a.purpose.de));
      for (const rule of a.retention) expect(page).toContain(ruleSentence(rule, 'de'));
    }
    expect(page).toContain('Gelöscht 90 Tage nach dem Zugriff.');
    for (const p of t.config.organisation.processors) expect(page).toContain(p.name);
  });

  test('[C03] technical terms link to the glossary, and every link has its explanation', async () => {
    const page = (await t.app.inject({ method: 'GET', url: '/datenschutz' })).body;
    const links = [...page.matchAll(/<a href="\/glossar#([a-z-]+)" class="glossary-link">([^<]+)<\/a>/g)].map((m) => m[1] as string);
    for (const id of ['ip-adresse', 'cookie', 'tls', 'anonymisierung', 'auftragsverarbeiter', 'drittland', 'berechtigtes-interesse'])
      expect(links).toContain(id);
    const glossaryPage = (await t.app.inject({ method: 'GET', url: '/glossar' })).body;
    for (const id of new Set(links)) expect(glossaryPage).toContain(`id="${id}"`);
    for (const term of glossary) expect(glossaryPage).toContain(term.definition.de);
    const en = (await t.app.inject({ method: 'GET', url: '/en/privacy' })).body;
    expect(en).toMatch(/<a href="\/en\/glossary#ip-adresse" class="glossary-link">IP address<\/a>/);
  });

  test('[C02] carries a version and a valid-since date; a change gives a new version, and every earlier one stays retrievable', async () => {
    t.clock.set('2026-06-15T10:00:00Z');
    const first = await ensureStatementVersion(db(), t.config, t.ctx.modules, t.clock.now());
    const page = decode((await t.app.inject({ method: 'GET', url: '/datenschutz' })).body);
    expect(page).toMatch(new RegExp(`Version ${first.number}, gültig seit \\d{2}\\.\\d{2}\\.\\d{4}\\.`));
    // The same register gives no new version.
    expect((await ensureStatementVersion(db(), t.config, t.ctx.modules, t.clock.now())).number).toBe(first.number);

    const newsletter = defineModule({
      name: 'probe',
      privacy: {
        activities: [
          {
            id: 'probe.newsletter',
            title: { de: 'Probe-Newsletter', en: 'Probe newsletter' },
            purpose: { de: 'Wir versenden einen Probe-Newsletter.', en: 'We send a probe newsletter.' },
            legalBasis: ['a-consent'],
            dataSubjects: { de: 'Abonnenten', en: 'Subscribers' },
            dataCategories: [{ de: 'E-Mail-Adresse', en: 'e-mail address' }],
            personalColumns: [],
            recipients: { roles: ['marketing'] },
            source: { de: 'Sie', en: 'you' },
            retention: [],
            claims: [],
          },
        ],
        personalTables: {},
      },
    });
    t.clock.set('2026-07-01T08:00:00Z');
    const second = await ensureStatementVersion(db(), t.config, [...t.ctx.modules, newsletter], t.clock.now());
    expect(second.number).toBe(first.number + 1);
    expect(second.validSince.toISOString()).toBe('2026-07-01T08:00:00.000Z');

    const list = decode((await t.app.inject({ method: 'GET', url: '/datenschutz/versionen' })).body);
    expect(list).toContain(`Version ${second.number} (aktuell)`);
    expect(list).toContain(`Version ${first.number}`);
    const old = await t.app.inject({ method: 'GET', url: `/datenschutz/versionen/${first.number}` });
    expect(old.statusCode).toBe(200);
    expect(decode(old.body)).toContain('Dies ist eine frühere Fassung');
    expect(decode(old.body)).not.toContain('Probe-Newsletter');
    const newer = decode((await t.app.inject({ method: 'GET', url: `/datenschutz/versionen/${second.number}` })).body);
    expect(newer).toContain('Probe-Newsletter');
    const diff = (await t.app.inject({ method: 'GET', url: `/datenschutz/vergleich?von=${first.number}&bis=${second.number}` })).body;
    expect(diff).toContain('<ins><span class="diff__label">Hinzugefügt: </span>## Probe-Newsletter</ins>');
    expect(diff).toContain('Wir versenden einen Probe-Newsletter.');
    expect((await t.app.inject({ method: 'GET', url: '/datenschutz/versionen/99999' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/datenschutz/vergleich?von=abc&bis=1' })).statusCode).toBe(404);
  });
});
