import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PrivacyTables } from '../../src/core/privacy/privacy.tables.ts';
import { createTestStaff, signIn } from '../support/staff.ts';
import { createTestApp, type TestApp } from '../support/test-server.ts';

/** Finding 10 of the security review: staff pages and exports are never cached, like the portal's. */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('Cache-Control: no-store', () => {
  test('every staff page, the sign-in, an error and a data-subject export carry no-store', async () => {
    const dpo = await signIn(t.app, await createTestStaff(t.database.db, ['dpo', 'admin'], t.clock.now()), t.clock);
    for (const url of ['/staff', '/staff/anfragen', '/staff/mitarbeitende', '/staff/datenschutz/protokoll', '/staff/gibt-es-nicht']) {
      const res = await dpo.get(url);
      expect(res.headers['cache-control'], `${url} ${res.statusCode}`).toBe('no-store');
    }
    const signInPage = await t.app.inject({ method: 'GET', url: '/staff/anmelden' });
    expect(signInPage.headers['cache-control']).toBe('no-store');
    const { id } = await t.database.db
      .withTables<PrivacyTables>()
      .insertInto('dsr_requests')
      .values({
        reference: 'DS-2026-NOSTOR',
        kind: 'access',
        name: 'Erika Mustermann',
        email: 'erika.nostore@example.org',
        phone: null,
        customer_number: null,
        message: null,
        locale: 'de',
        token_hash: null,
        created_at: t.clock.now(),
        confirmed_at: t.clock.now(),
        deadline_at: t.clock.now(),
        status: 'open',
        closed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const format of ['json', 'pdf']) {
      const res = await dpo.post(`/staff/anfragen/${id}/export`, { format, reason: 'Antwort an die Person' });
      expect(res.statusCode, format).toBe(200);
      expect(res.headers['cache-control'], format).toBe('no-store');
    }
  });
});
