import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StaffRouteAccess } from '../../src/core/auth/guard.ts';
import { allows } from '../../src/core/privacy/index.ts';
import type { PrivacyTables } from '../../src/core/privacy/privacy.tables.ts';
import { allRoles, type Role } from '../../src/core/roles.ts';
import { createTestStaff, type StaffAgent, signIn } from '../support/staff.ts';
import { createTestApp, type TestApp } from '../support/test-server.ts';

let t: TestApp;
const agents = new Map<Role, StaffAgent>();
const ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  for (const role of allRoles(t.config.organisation))
    agents.set(role, await signIn(t.app, await createTestStaff(t.database.db, [role], t.clock.now()), t.clock));
});
afterAll(() => t?.close());

const staffRoutes = () =>
  t.app.routeTable
    .filter((r) => r.url.startsWith('/staff'))
    .map((r) => ({ ...r, access: r.config.staff as StaffRouteAccess | undefined, concrete: r.url.replace(/:[^/]+/g, ID) }))
    // signing out last, or every later request would meet a closed session
    .sort((a, b) => Number(a.url === '/staff/abmelden') - Number(b.url === '/staff/abmelden'));

describe('[C04] staff access follows the processing register', () => {
  test('every back-office route declares what it shows', () => {
    const routes = staffRoutes();
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => !r.access).map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  test('[C04] every staff route, as every role: 403 wherever the register grants nothing', async () => {
    const denials: string[] = [];
    const leaks: string[] = [];
    for (const route of staffRoutes()) {
      if (!route.access || route.access === 'sign-in') continue;
      for (const [role, agent] of agents) {
        t.clock.advance(1000);
        const res = route.method === 'GET' ? await agent.get(route.concrete) : await agent.post(route.concrete);
        const granted = allows(t.ctx, route.access, [role]);
        if (granted && res.statusCode === 403) denials.push(`${role} ${route.method} ${route.url}`);
        if (!granted && res.statusCode !== 403) leaks.push(`${role} ${route.method} ${route.url} → ${res.statusCode}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(denials).toEqual([]);
    // Routes × roles grows with every module; the walk is bounded by its work, not by a clock.
  }, 300_000);

  test('without a session every staff route is closed', async () => {
    for (const route of staffRoutes()) {
      if (route.access === 'sign-in') continue;
      const res = await t.app.inject({
        method: route.method as 'GET',
        url: route.concrete,
        ...(route.method === 'POST' ? { payload: {} } : {}),
      });
      expect([303, 403], `${route.method} ${route.url}`).toContain(res.statusCode);
    }
  });

  test('[C04] a read of personal data is written to the audit log: who, what, which records, when, from where', async () => {
    const admin = await signIn(t.app, await createTestStaff(t.database.db, ['admin'], t.clock.now()), t.clock);
    const before = new Date(t.clock.now().getTime());
    const res = await admin.get('/staff/mitarbeitende');
    expect(res.statusCode).toBe(200);
    const rows = await t.database.db
      .withTables<PrivacyTables>()
      .selectFrom('audit_log')
      .selectAll()
      .where('occurred_at', '>=', before)
      .where('path', '=', '/staff/mitarbeitende')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ activity: 'auth.staff-accounts', action: 'read', ip: '127.0.0.1' });
    expect(rows[0]?.staff_email).toMatch(/@stadtwerke-musterstadt.example$/);
    expect(rows[0]?.record_ids.length).toBe(agents.size + 1);
  });
});
