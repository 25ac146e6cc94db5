import type { AppContext } from '../module.ts';
import type { Role } from '../roles.ts';
import type { AuthTables } from './auth.tables.ts';
import { createInvitation, createStaff, findStaffByEmail } from './staff.queries.ts';

const DEMO: { local: string; name: string; roles: Role[] }[] = [
  { local: 'admin', name: 'Anna Admin', roles: ['admin'] },
  { local: 'datenschutz', name: 'Dana Datenschutz', roles: ['dpo', 'legal'] },
  { local: 'kundenservice', name: 'Kai Kundenservice', roles: ['customer-service', 'department:customer-service'] },
  { local: 'energieberatung', name: 'Elif Energieberatung', roles: ['energy-advice', 'department:energy-advice'] },
  { local: 'marketing', name: 'Mara Marketing', roles: ['marketing', 'communications', 'editor'] },
];

/**
 * Demo staff, one per area. They get invitation links, not passwords: whoever runs the demo sets
 * a password and a second factor like a real member of staff would. Accounts not yet set up get
 * a fresh link at every start.
 */
export async function seedDemoStaff(ctx: AppContext): Promise<void> {
  const db = ctx.db.withTables<AuthTables>();
  const domain = ctx.config.organisation.email.split('@')[1] ?? 'example.org';
  const links: string[] = [];
  for (const d of DEMO) {
    const email = `${d.local}@${domain}`;
    const existing = await findStaffByEmail(db, email);
    if (existing?.password_hash && existing.totp_secret) continue;
    const token = existing
      ? await createInvitation(db, existing.id, ctx.clock.now())
      : (await createStaff(db, { email, name: d.name, roles: d.roles, now: ctx.clock.now() })).token;
    links.push(`  ${d.name.padEnd(22)} (${d.roles.join(', ')})\n    ${ctx.config.PUBLIC_URL}/staff/einladung/${token}`);
  }
  if (links.length) console.log(`\nDemo staff – open a link to set a password and the second factor:\n${links.join('\n')}\n`);
}
