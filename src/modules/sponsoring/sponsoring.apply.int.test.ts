import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestStaff, signIn } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { allRoles } from '../../core/auth/index.ts';
import { phaseOf, scheduledCycles } from './sponsoring.cycles.ts';
import { APPLICATION, apply, cycleOf, db, get, mailsTo } from './sponsoring.test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { UPLOAD_STORE: 'database' } });
});
afterAll(() => t?.close());

const MS = 1;
const staff = async (roles: Parameters<typeof createTestStaff>[1]) =>
  signIn(t.app, await createTestStaff(t.database.db, roles, t.clock.now()), t.clock);

describe('cycles and phases', () => {
  test('[C40] two cycles a year by default, each with application, review, voting, result and sponsoring in order', () => {
    const cycles = scheduledCycles(t.config, 2027);
    expect(cycles.map((c) => c.id)).toEqual(['2027-1', '2027-2']);
    for (const c of cycles) {
      expect(c.application_from < c.review_from && c.review_from < c.voting_from && c.voting_from < c.result_from).toBe(true);
      expect(c.result_from < c.sponsoring_from && c.sponsoring_from < c.completed_at).toBe(true);
    }
    // applications open at midnight in Berlin
    expect(cycles[0]?.application_from.toISOString()).toBe('2027-01-31T23:00:00.000Z');
    expect(cycles[1]?.application_from.toISOString()).toBe('2027-07-31T22:00:00.000Z');
  });

  test('[C40] the phase decides which pages act; outside its phase a page explains when, and a post stores nothing', async () => {
    const c = cycleOf(t);
    const expectations = [
      { at: new Date(c.application_from.getTime() - MS), phase: 'completed' },
      { at: c.application_from, phase: 'application' },
      { at: new Date(c.review_from.getTime() - MS), phase: 'application' },
      { at: c.review_from, phase: 'review' },
      { at: c.voting_from, phase: 'voting' },
      { at: new Date(c.result_from.getTime() - MS), phase: 'voting' },
      { at: c.result_from, phase: 'result' },
    ];
    for (const e of expectations) {
      t.clock.set(e.at);
      const form = await get(t, '/buergerprojekte/bewerbung');
      const register = await get(t, '/buergerprojekte/abstimmung/anmelden');
      const result = await get(t, '/buergerprojekte/ergebnis');
      expect([form.statusCode, register.statusCode, result.statusCode], e.at.toISOString()).toEqual([200, 200, 200]);
      expect(form.body.includes('name="contactEmail"'), `${e.at.toISOString()} form`).toBe(e.phase === 'application');
      expect(register.body.includes('name="firstName"'), `${e.at.toISOString()} register`).toBe(e.phase === 'voting');
      expect(result.body.includes('Alle Stimmzettel zum Nachzählen'), `${e.at.toISOString()} result`).toBe(
        e.phase === 'result' || e.phase === 'completed',
      );
      if (e.phase !== 'application') expect(form.body).toContain('Bewerbungen nehmen wir nur in der Bewerbungsphase an');
    }
    // a post to a closed phase: a clear page, 409, nothing stored
    t.clock.set(c.review_from);
    const before = await db(t).selectFrom('sponsoring_projects').select('id').execute();
    const late = await apply(t);
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Bewerbungen nehmen wir nur in der Bewerbungsphase an');
    expect(await db(t).selectFrom('sponsoring_projects').select('id').execute()).toHaveLength(before.length);
    const early = await t.app.inject({ method: 'POST', url: '/buergerprojekte/abstimmung/anmelden', payload: {} });
    expect(early.statusCode).toBe(409);
  });

  test('[C50] the terms of participation are linked from every page of every phase and readable there, versioned', async () => {
    const c = cycleOf(t);
    const pages = [
      '/buergerprojekte',
      '/buergerprojekte/bewerbung',
      '/buergerprojekte/projekte',
      '/buergerprojekte/abstimmung/anmelden',
      '/buergerprojekte/ergebnis',
      '/en/community-projects',
      '/en/community-projects/apply',
      '/en/community-projects/vote/register',
    ];
    for (const at of [c.application_from, c.review_from, c.voting_from, c.result_from, c.sponsoring_from]) {
      t.clock.set(at);
      expect(phaseOf({ ...c, budget_cents: 0, closed_at: null, created_at: at }, at)).not.toBe('upcoming');
      for (const url of pages) {
        const res = await get(t, url);
        expect(res.statusCode, url).toBe(200);
        const en = url.startsWith('/en');
        for (const terms of en
          ? ['/en/community-projects/terms/projects', '/en/community-projects/terms/vote']
          : ['/buergerprojekte/teilnahmebedingungen/projekte', '/buergerprojekte/teilnahmebedingungen/abstimmung']) {
          expect(res.body, `${at.toISOString()} ${url}`).toContain(`href="${terms}"`);
        }
      }
      const terms = await get(t, '/buergerprojekte/teilnahmebedingungen/abstimmung');
      expect(terms.statusCode).toBe(200);
      expect(terms.body).toContain('5 Stimmen, die Sie auf höchstens 5 Projekte verteilen');
      expect(terms.body).toContain('Fassung 1, gültig seit 1. Dezember 2026');
      expect((await get(t, '/en/community-projects/terms/projects/1')).body).toContain('Terms of participation for projects');
    }
    expect((await get(t, '/buergerprojekte/teilnahmebedingungen/projekte/99')).statusCode).toBe(404);
  });
});

describe('applications', () => {
  test('[C45] [C46] the form marks required and published fields; bad input comes back field by field, nothing stored', async () => {
    t.clock.set(cycleOf(t).application_from);
    const form = await get(t, '/buergerprojekte/bewerbung');
    expect(form.body).toContain('enctype="multipart/form-data"');
    for (const label of ['Titel des Projekts (wird veröffentlicht)', 'Beschreibung (wird veröffentlicht)', 'Name des Trägers'])
      expect(form.body).toContain(label);
    expect(form.body).toContain('Ansprechperson (nicht öffentlich)');
    expect(form.body.match(/field__required/g)?.length).toBeGreaterThanOrEqual(11);
    expect(form.body).toMatch(/Bilder \(wird veröffentlicht\)<span class="field__optional">/);
    const before = (await db(t).selectFrom('sponsoring_projects').select('id').execute()).length;
    const bad = await apply(t, { budget: '99999999', sponsorPostcode: '1234', contactEmail: 'nope', terms: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/Bitte geben Sie einen Betrag zwischen 100\s€ und 5\.000\s€ an\./);
    expect(bad.body).toContain('fünfstellige Postleitzahl');
    expect(bad.body).toContain('Bitte bestätigen Sie die Teilnahmebedingungen.');
    expect(bad.body).toContain('value="SV Grün-Weiß Musterstadt e. V."');
    expect((await db(t).selectFrom('sponsoring_projects').select('id').execute()).length).toBe(before);
  });

  test('[C45] [C46] [C47] an application with image; review by the board; only approved public fields are published, address and contact never', async () => {
    const c = cycleOf(t);
    t.clock.set(new Date(c.application_from.getTime() + 3600_000));
    const photo = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#0a0' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'LeakyCam' } })
      .toBuffer();
    const ok = await apply(t, {}, [['images', photo, 'netz.jpg', 'image/jpeg']]);
    expect(ok.statusCode, ok.body.slice(0, 500)).toBe(200);
    expect(ok.body).toContain('Danke für Ihre Bewerbung');
    const rejectMe = await apply(t, { title: 'Parteifest der Musterpartei', contactEmail: 'partei@example.org' });
    expect(rejectMe.statusCode).toBe(200);
    const rows = await db(t).selectFrom('sponsoring_projects').selectAll().where('cycle_id', '=', c.id).orderBy('created_at').execute();
    const project = rows.find((r) => r.title === APPLICATION.title);
    const other = rows.find((r) => r.title === 'Parteifest der Musterpartei');
    expect(project).toMatchObject({
      budget_cents: 150_000,
      status: 'submitted',
      sponsor_street: 'Sportplatzweg 17',
      contact_phone: '0123 9876543',
    });
    if (!project || !other) throw new Error('applications missing');
    // the applicant hears of the application by mail, without what they typed in it
    const [receipt] = await mailsTo(t, APPLICATION.contactEmail);
    expect(receipt?.text_body).not.toContain(APPLICATION.title);

    // before approval: nothing published
    t.clock.set(c.review_from);
    expect((await get(t, '/buergerprojekte/projekte')).body).toContain('Noch kein Projekt ist zugelassen.');
    expect((await get(t, `/buergerprojekte/projekte/${project.id}`)).statusCode).toBe(404);

    const board = await staff(['advisory-board']);
    const page = await board.get(`/staff/sponsoring/bewerbungen/${project.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Sportplatzweg 17');
    expect(page.body).toContain(APPLICATION.contactEmail);
    // approval needs every criterion; a rejection needs a reason
    const partial = await board.post(`/staff/sponsoring/bewerbungen/${project.id}`, { decision: 'approve', criteria: ['c1', 'c2'] });
    expect(partial.statusCode).toBe(400);
    expect(partial.body).toContain('nur, wenn alle Kriterien erfüllt sind');
    const noReason = await board.post(`/staff/sponsoring/bewerbungen/${other.id}`, { decision: 'reject' });
    expect(noReason.statusCode).toBe(400);
    expect(
      (await board.post(`/staff/sponsoring/bewerbungen/${project.id}`, { decision: 'approve', criteria: ['c1', 'c2', 'c3', 'c4'] }))
        .statusCode,
    ).toBe(303);
    expect(
      (
        await board.post(`/staff/sponsoring/bewerbungen/${other.id}`, {
          decision: 'reject',
          reason: 'Parteipolitische Werbung ist ausgeschlossen.',
        })
      ).statusCode,
    ).toBe(303);
    const told = await mailsTo(t, APPLICATION.contactEmail);
    expect(told.at(-1)?.subject).toBe('Ihr Projekt ist zur Abstimmung zugelassen');
    expect((await mailsTo(t, 'partei@example.org')).at(-1)?.text_body).toContain('Parteipolitische Werbung ist ausgeschlossen.');

    // published: the marked fields of the approved project only
    const secrets = [APPLICATION.sponsorStreet, APPLICATION.contactName, APPLICATION.contactEmail, APPLICATION.contactPhone, 'Parteifest'];
    const publicPages = [
      '/buergerprojekte',
      '/buergerprojekte/projekte',
      '/buergerprojekte/projekte.json',
      `/buergerprojekte/projekte/${project.id}`,
      '/en/community-projects/projects',
      '/en/community-projects/projects.json',
      `/en/community-projects/projects/${project.id}`,
      `/buergerprojekte/projekte/${other.id}`,
    ];
    for (const at of [c.review_from, c.voting_from, c.result_from]) {
      t.clock.set(at);
      for (const url of publicPages) {
        const res = await get(t, url);
        for (const s of secrets) expect(res.body, `${url} shows ${s}`).not.toContain(s);
      }
      const list = await get(t, '/buergerprojekte/projekte');
      expect(list.body).toContain(APPLICATION.title);
      expect(list.body).toContain(APPLICATION.sponsorName);
      expect(list.body).toMatch(/1\.500\s€/);
      const json = JSON.parse((await get(t, '/buergerprojekte/projekte.json')).body);
      expect(json.projects).toHaveLength(1);
    }
    t.clock.set(c.voting_from);
    const detail = await get(t, `/buergerprojekte/projekte/${project.id}`);
    const src = /<img src="([^"]+)"/.exec(detail.body)?.[1];
    expect(src).toBeDefined();
    const image = await get(t, src as string);
    expect(image.statusCode).toBe(200);
    expect(image.rawPayload.includes(Buffer.from('LeakyCam'))).toBe(false);
    expect((await get(t, `/buergerprojekte/projekte/${other.id}`)).statusCode).toBe(404);

    // every other role's back office: no address, no contact person; the two recipients see them
    t.clock.set(c.voting_from);
    for (const role of allRoles(t.config.organisation)) {
      const agent = await staff([role]);
      const list = await agent.get('/staff/sponsoring/bewerbungen');
      const one = await agent.get(`/staff/sponsoring/bewerbungen/${project.id}`);
      const dashboard = await agent.get('/staff');
      if (role === 'sponsoring' || role === 'advisory-board') {
        expect(one.body, role).toContain(APPLICATION.contactEmail);
        continue;
      }
      expect([list.statusCode, one.statusCode], role).toEqual([403, 403]);
      for (const res of [list, one, dashboard]) for (const s of secrets.slice(0, 4)) expect(res.body, `${role} sees ${s}`).not.toContain(s);
    }
  });
});
