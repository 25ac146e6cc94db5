import { parseArgs } from 'node:util';
import type { CliCommand } from '../module.ts';
import { allRoles, isRole, type Role } from '../roles.ts';
import type { AuthTables } from './auth.tables.ts';
import { recordCommandLineGrants } from './staff.grants.ts';
import { createInvitation, createStaff, findStaffByEmail, listStaff, StaffExistsError, setRoles } from './staff.queries.ts';

export const staffCommands: CliCommand[] = [
  {
    name: 'staff create',
    summary: 'Create a staff account and print its one-time invitation link (password and second factor are set there)',
    usage: 'staff create --email <e-mail> --name <name> --roles <role,role>',
    async run(args, ctx) {
      const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' }, roles: { type: 'string' } } });
      const roles = (values.roles ?? '')
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean);
      const bad = roles.filter((r) => !isRole(ctx.config.organisation, r));
      if (!values.email || !values.name || roles.length === 0 || bad.length > 0) {
        if (bad.length) console.error(`unknown roles: ${bad.join(', ')}`);
        console.error(
          `usage: staff create --email <e-mail> --name <name> --roles <role,role>\nroles: ${allRoles(ctx.config.organisation).join(', ')}`,
        );
        return 2;
      }
      try {
        const { id, token } = await createStaff(ctx.db.withTables<AuthTables>(), {
          email: values.email,
          name: values.name,
          roles: roles as Role[],
          now: ctx.clock.now(),
        });
        await recordCommandLineGrants(ctx.db.withTables<AuthTables>(), id, roles as Role[], ctx.clock.now());
        console.log(`Invitation for ${values.email} (valid 7 days, once):\n${ctx.config.PUBLIC_URL}/staff/einladung/${token}`);
        return 0;
      } catch (err) {
        if (err instanceof StaffExistsError) {
          console.error(err.message);
          return 1;
        }
        throw err;
      }
    },
  },
  {
    name: 'staff invite',
    summary: 'Print a new invitation link for an existing account (resets its password and second factor)',
    usage: 'staff invite --email <e-mail>',
    async run(args, ctx) {
      const { values } = parseArgs({ args, options: { email: { type: 'string' } } });
      const db = ctx.db.withTables<AuthTables>();
      const account = values.email ? await findStaffByEmail(db, values.email) : undefined;
      if (!account) {
        console.error('usage: staff invite --email <e-mail of an existing account>');
        return 2;
      }
      const token = await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('staff_accounts')
          .set({ password_hash: null, totp_secret: null, totp_last_step: null })
          .where('id', '=', account.id)
          .execute();
        await trx.deleteFrom('sessions').where('kind', '=', 'staff').where('subject_id', '=', account.id).execute();
        return createInvitation(trx, account.id, ctx.clock.now());
      });
      console.log(`${ctx.config.PUBLIC_URL}/staff/einladung/${token}`);
    },
  },
  {
    name: 'staff roles',
    summary: 'Set the roles of a staff account',
    usage: 'staff roles --email <e-mail> --roles <role,role>',
    async run(args, ctx) {
      const { values } = parseArgs({ args, options: { email: { type: 'string' }, roles: { type: 'string' } } });
      const db = ctx.db.withTables<AuthTables>();
      const roles = (values.roles ?? '')
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean);
      const account = values.email ? await findStaffByEmail(db, values.email) : undefined;
      if (!account || roles.length === 0 || roles.some((r) => !isRole(ctx.config.organisation, r))) {
        console.error(`usage: staff roles --email <e-mail> --roles <role,role>\nroles: ${allRoles(ctx.config.organisation).join(', ')}`);
        return 2;
      }
      const before = (await listStaff(db)).find((m) => m.id === account.id)?.roles ?? [];
      await setRoles(db, account.id, roles as Role[]);
      await recordCommandLineGrants(
        db,
        account.id,
        (roles as Role[]).filter((r) => !before.includes(r)),
        ctx.clock.now(),
      );
      console.log(`${account.email}: ${roles.join(', ')}`);
    },
  },
  {
    name: 'staff list',
    summary: 'List staff accounts and their roles',
    usage: 'staff list',
    async run(_args, ctx) {
      for (const m of await listStaff(ctx.db.withTables<AuthTables>())) {
        console.log(
          `${m.email.padEnd(40)} ${(m.active ? (m.hasSecondFactor ? 'active' : 'invited') : 'deactivated').padEnd(12)} ${m.roles.join(', ')}`,
        );
      }
    },
  },
];
