import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { eraseSubject, findSubject } from '../../core/privacy/index.ts';
import { apply, cycleOf, db, get, mailsTo, post } from './sponsoring.test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { UPLOAD_STORE: 'database' } });
});
afterAll(() => t?.close());

test('[C44] [C47] a data-subject request finds a confirmed voter and a contact person by e-mail, and erases them', async () => {
  const c = cycleOf(t);
  t.clock.set(c.application_from);
  expect((await apply(t, { contactEmail: 'dsr.person@example.org' })).statusCode).toBe(200);
  t.clock.set(c.voting_from);
  const person = { email: 'dsr.person@example.org', salutation: 'mr', firstName: 'Dieter', lastName: 'Datenschutz' };
  await post(t, '/buergerprojekte/abstimmung/anmelden', person);
  // an unconfirmed registration does not prove the address: not found
  expect((await findSubject(t.ctx, { email: 'dsr.person@example.org' })).filter((r) => r.table === 'sponsoring_voters')).toHaveLength(0);
  const link = /http:\/\/localhost:3000(\S+)/.exec((await mailsTo(t, person.email)).at(-1)?.text_body ?? '')?.[1] as string;
  expect((await post(t, link)).statusCode).toBe(303);
  const found = await findSubject(t.ctx, { email: 'DSR.Person@example.org' });
  const mine = found.filter((r) => r.activity.startsWith('sponsoring.'));
  expect(mine.map((r) => r.table).sort()).toEqual(['sponsoring_projects', 'sponsoring_voters']);
  const outcomes = await eraseSubject(t.ctx, mine);
  expect(outcomes.map((o) => o.outcome).sort()).toEqual(['anonymised', 'deleted']);
  expect(await db(t).selectFrom('sponsoring_voters').select('id').where('email', '=', person.email).execute()).toHaveLength(0);
  const project = await db(t).selectFrom('sponsoring_projects').selectAll().executeTakeFirstOrThrow();
  expect(project).toMatchObject({ contact_email: null, contact_name: null, sponsor_street: null });
  expect((await get(t, '/buergerprojekte/projekte')).body).not.toContain('Sportplatzweg');
});
