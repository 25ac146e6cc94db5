import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestStaff, formBody, type StaffAgent, signIn } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { allRoles, type Role, roleLabel } from '../roles.ts';

let t: TestApp;
const agent = (roles: Role[]) => createTestStaff(t.database.db, roles, t.clock.now()).then((m) => signIn(t.app, m, t.clock));

async function sendContact(topic: string): Promise<void> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/kontakt',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: formBody({ salutation: 'none', name: 'Erika Muster', email: 'erika@example.org', concern: 'Eine Frage zum Anschluss', topic }),
  });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
}

/** The overview's tile of an area, as text: its label and, if any, its count. */
async function tile(member: StaffAgent, label: string): Promise<string | null> {
  const page = await member.get('/staff');
  expect(page.statusCode).toBe(200);
  const cards = /<ul class="cards">([\s\S]*?)<\/ul>/.exec(page.body)?.[1] ?? '';
  const item = [...cards.matchAll(/<li><a href="[^"]+">([\s\S]*?)<\/a><\/li>/g)]
    .map((m) => (m[1] ?? '').replace(/<[^>]+>/g, '').trim())
    .find((text) => text.startsWith(label));
  return item ?? null;
}

beforeAll(async () => {
  t = await createTestApp();
  // Two requests for the grid department, one for billing: each department counts its own.
  await sendContact('grid');
  await sendContact('grid');
  await sendContact('billing');
});
afterAll(() => t?.close());

describe('the back-office overview', () => {
  test('each role is named distinctly: a department role by its department, never like the fixed role beside it', async () => {
    const roles = allRoles(t.config.organisation);
    for (const locale of ['de', 'en'] as const) {
      const labels = roles.map((r) => roleLabel(t.config.organisation, r)[locale]);
      expect(new Set(labels).size, labels.join(' | ')).toBe(labels.length);
      for (const label of labels) expect(label).not.toMatch(/^[a-z-]+:|department:/);
    }
    const kai = await agent(['customer-service', 'department:customer-service']);
    const page = await kai.get('/staff');
    const tags = [...page.body.matchAll(/<span class="tag">([^<]*)<\/span>/g)].map((m) => m[1]);
    expect(tags).toEqual(['Kundenservice', 'Fachabteilung Kundenservice']);
  });

  test('a tile counts the open items the role may read: each department its own requests', async () => {
    expect(await tile(await agent(['department:grid']), 'Kontaktanfragen')).toBe('Kontaktanfragen (2 offen)');
    expect(await tile(await agent(['department:billing']), 'Kontaktanfragen')).toBe('Kontaktanfragen (1 offen)');
    expect(await tile(await agent(['department:grid', 'department:billing']), 'Kontaktanfragen')).toBe('Kontaktanfragen (3 offen)');
    expect(await tile(await agent(['department:energy-advice']), 'Kontaktanfragen')).toBe('Kontaktanfragen (0 offen)');
  });

  test('an area the role may not read has no tile and no count', async () => {
    const marketing = await agent(['marketing']);
    expect(await tile(marketing, 'Kontaktanfragen')).toBeNull();
    expect((await marketing.get('/staff')).body).not.toContain('offen)');
    expect((await marketing.get('/staff/kontakt/anfragen')).statusCode).toBe(403);
  });
});
