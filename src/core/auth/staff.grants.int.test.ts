import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestStaff, signIn } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import type { MailTables } from '../mail/index.ts';
import type { PrivacyTables } from '../privacy/index.ts';
import type { AuthTables } from './auth.tables.ts';

/** Finding 3 of the security review: officer roles only with a second person's approval. */
let t: TestApp;
const db = () => t.database.db.withTables<AuthTables & MailTables & PrivacyTables>();
const rolesOf = async (id: string) =>
  (await db().selectFrom('staff_roles').select('role').where('staff_id', '=', id).execute()).map((r) => r.role).sort();

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('officer roles (four eyes)', () => {
  test('[C21] an administrator cannot make themselves an officer: the grant waits for a second administrator, the officers are told, and every step is in the audit log', async () => {
    const officer = await createTestStaff(t.database.db, ['equal-treatment'], t.clock.now());
    const a = await createTestStaff(t.database.db, ['admin'], t.clock.now());
    const b = await createTestStaff(t.database.db, ['admin'], t.clock.now());
    const agentA = await signIn(t.app, a, t.clock);
    const asked = await agentA.post(`/staff/mitarbeitende/${a.id}/rollen`, { roles: ['admin', 'equal-treatment'] });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('wartet auf die Freigabe durch eine zweite Person');
    expect(await rolesOf(a.id)).toEqual(['admin']);
    // Neither the one who asked nor the one who would get the role decides.
    const list = await agentA.get('/staff/mitarbeitende');
    const grantId = /\/staff\/mitarbeitende\/freigaben\/([0-9a-f-]{36})/.exec(list.body)?.[1];
    expect(grantId).toBeUndefined();
    const grant = await db().selectFrom('staff_role_grants').selectAll().where('staff_id', '=', a.id).executeTakeFirstOrThrow();
    expect((await agentA.post(`/staff/mitarbeitende/freigaben/${grant.id}`, { decision: 'approve' })).statusCode).toBe(403);
    expect(await rolesOf(a.id)).toEqual(['admin']);

    const agentB = await signIn(t.app, b, t.clock);
    const page = await agentB.get('/staff/mitarbeitende');
    expect(page.body).toContain(`/staff/mitarbeitende/freigaben/${grant.id}`);
    const approved = await agentB.post(`/staff/mitarbeitende/freigaben/${grant.id}`, { decision: 'approve' });
    expect(approved.statusCode).toBe(200);
    expect(await rolesOf(a.id)).toEqual(['admin', 'equal-treatment']);
    // Decided once.
    expect((await agentB.post(`/staff/mitarbeitende/freigaben/${grant.id}`, { decision: 'approve' })).statusCode).toBe(404);

    const told = await db().selectFrom('mail_outbox').select('recipient').where('subject', 'like', 'Amtsrolle%').execute();
    expect(told.map((m) => m.recipient).sort()).toEqual([a.email, officer.email].sort());
    const audit = await db()
      .selectFrom('audit_log')
      .select(['staff_id', 'reason', 'record_ids'])
      .where('activity', '=', 'auth.staff-accounts')
      .where('reason', 'like', 'officer role%')
      .orderBy('id')
      .execute();
    expect(audit.map((e) => [e.staff_id, e.reason?.split(' (')[0], e.record_ids])).toEqual([
      [a.id, 'officer role requested', [`staff_roles/${a.id}/equal-treatment`]],
      [b.id, 'officer role approved', [`staff_roles/${a.id}/equal-treatment`]],
    ]);
  });

  test('a rejected grant changes nothing; taking an officer role away needs no second person and is audited', async () => {
    const a = await createTestStaff(t.database.db, ['admin'], t.clock.now());
    const b = await createTestStaff(t.database.db, ['admin'], t.clock.now());
    const member = await createTestStaff(t.database.db, ['customer-service', 'dpo'], t.clock.now());
    const agentA = await signIn(t.app, a, t.clock);
    const agentB = await signIn(t.app, b, t.clock);
    await agentA.post(`/staff/mitarbeitende/${member.id}/rollen`, { roles: ['customer-service', 'dpo', 'equal-treatment'] });
    const grant = await db().selectFrom('staff_role_grants').selectAll().where('staff_id', '=', member.id).executeTakeFirstOrThrow();
    expect((await agentB.post(`/staff/mitarbeitende/freigaben/${grant.id}`, { decision: 'reject' })).statusCode).toBe(200);
    expect(await rolesOf(member.id)).toEqual(['customer-service', 'dpo']);
    expect((await agentA.post(`/staff/mitarbeitende/${member.id}/rollen`, { roles: ['customer-service'] })).statusCode).toBe(200);
    expect(await rolesOf(member.id)).toEqual(['customer-service']);
    const removed = await db()
      .selectFrom('audit_log')
      .select('reason')
      .where('reason', '=', 'officer role removed')
      .select('record_ids')
      .execute();
    expect(removed.filter((r) => r.record_ids.includes(`staff_roles/${member.id}/dpo`))).toHaveLength(1);
    // A new account invited with an officer role gets it only after approval, too.
    const invited = await agentA.post('/staff/mitarbeitende/neu', { name: 'Neu', email: 'neu.officer@example.org', roles: ['dpo'] });
    expect(invited.statusCode).toBe(200);
    const account = await db()
      .selectFrom('staff_accounts')
      .select('id')
      .where('email', '=', 'neu.officer@example.org')
      .executeTakeFirstOrThrow();
    expect(await rolesOf(account.id)).toEqual([]);
  });
});
