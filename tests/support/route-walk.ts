import type { FastifyInstance } from 'fastify';
import { allRoles } from '../../src/core/roles.ts';
import { createTestCustomer, signInCustomer } from './customers.ts';
import { createTestStaff, signIn } from './staff.ts';
import type { TestApp } from './test-server.ts';

/** A value for each path parameter of the platform's routes, shaped as the route expects. */
const DEMO_PARAMS: Record<string, string> = {
  id: '00000000-0000-4000-8000-000000000001',
  grantId: '00000000-0000-4000-8000-000000000002',
  fileId: '00000000-0000-4000-8000-000000000003',
  cid: '00000000-0000-4000-8000-000000000004',
  entry: '00000000-0000-4000-8000-000000000005',
  photo: '00000000-0000-4000-8000-000000000006',
  campaign: '00000000-0000-4000-8000-000000000007',
  link: '0',
  token: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  sig: 'AAAAAAAAAAAAAAAAAAAAAA',
  day: '2026-06-02',
  number: '1',
  version: '1',
  format: 'csv',
  action: 'erledigt',
  slug: 'sommerfest',
  expires: '4102444800',
  size: 'klein',
  rendition: 'original',
};

/** A concrete URL for a route pattern: every parameter filled with a demo value. */
export function demoUrl(pattern: string): string {
  return pattern
    .replace(/:(\w+)/g, (_, name: string) => {
      const value = DEMO_PARAMS[name];
      if (!value) throw new Error(`no demo value for the path parameter :${name} (${pattern}): add one to DEMO_PARAMS`);
      return value;
    })
    .replace('*', 'site.css');
}

/** The routes of the application, one entry per method and pattern. */
export function routesOf(app: FastifyInstance, method: 'GET' | 'POST'): string[] {
  return [...new Set(app.routeTable.filter((r) => r.method === method).map((r) => r.url))].sort();
}

export interface Visitor {
  name: 'anonymous' | 'customer' | 'staff';
  cookie: string | null;
  csrf: string | null;
}

/**
 * The three kinds of visitor: nobody signed in, a customer signed in to the portal, and a member
 * of staff holding every role (so the staff routes answer with their pages, not with 403).
 */
export async function visitors(t: TestApp): Promise<Visitor[]> {
  const customer = await createTestCustomer(t.database.db, t.clock.now());
  const portal = await signInCustomer(t.app, customer);
  const member = await createTestStaff(t.database.db, allRoles(t.config.organisation), t.clock.now());
  const staff = await signIn(t.app, member, t.clock);
  return [
    { name: 'anonymous', cookie: null, csrf: null },
    { name: 'customer', cookie: portal.cookie, csrf: portal.csrf },
    { name: 'staff', cookie: staff.cookie, csrf: staff.csrf },
  ];
}
