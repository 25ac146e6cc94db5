import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { seedSponsoringDemo } from './sponsoring.seed.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

test('[C40] the demo cycle is open for voting at once with five admitted projects, and seeding twice changes nothing', async () => {
  await seedSponsoringDemo(t.ctx);
  await seedSponsoringDemo(t.ctx);
  const overview = await t.app.inject({ method: 'GET', url: '/buergerprojekte' });
  expect(overview.body).toContain('Demo-Runde: jetzt Abstimmung');
  const list = JSON.parse((await t.app.inject({ method: 'GET', url: '/buergerprojekte/projekte.json' })).body);
  expect(list.projects).toHaveLength(5);
  for (const p of list.projects) expect(JSON.stringify(p)).not.toMatch(/Musterweg|Kontakt \d|@example\.org/);
  expect((await t.app.inject({ method: 'GET', url: '/buergerprojekte/abstimmung/anmelden' })).body).toContain('name="firstName"');
});
