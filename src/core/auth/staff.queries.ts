import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Role } from '../roles.ts';
import type { AuthTables, StaffAccountsTable } from './auth.tables.ts';
import { hashToken, randomToken } from './tokens.ts';

type Db = Kysely<AuthTables> | Transaction<AuthTables>;

export interface StaffMember {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  active: boolean;
  hasPassword: boolean;
  hasSecondFactor: boolean;
  lastLoginAt: Date | null;
}

export const INVITATION_DAYS = 7;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

type AccountRow = Selectable<StaffAccountsTable>;

function toMember(row: AccountRow, roles: string[]): StaffMember {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: roles as Role[],
    active: row.active,
    hasPassword: row.password_hash !== null,
    hasSecondFactor: row.totp_secret !== null,
    lastLoginAt: row.last_login_at,
  };
}

export async function findStaffByEmail(db: Db, email: string) {
  return db.selectFrom('staff_accounts').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

export async function findStaffById(db: Db, id: string) {
  return db.selectFrom('staff_accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function rolesOf(db: Db, staffId: string): Promise<Role[]> {
  const rows = await db.selectFrom('staff_roles').select('role').where('staff_id', '=', staffId).orderBy('role').execute();
  return rows.map((r) => r.role as Role);
}

export async function loadMember(db: Db, id: string): Promise<StaffMember | null> {
  const row = await findStaffById(db, id);
  return row ? toMember(row, await rolesOf(db, id)) : null;
}

export async function listStaff(db: Db): Promise<StaffMember[]> {
  const rows = await db.selectFrom('staff_accounts').selectAll().orderBy('name').execute();
  const roles = await db.selectFrom('staff_roles').selectAll().execute();
  return rows.map((r) =>
    toMember(
      r,
      roles.filter((x) => x.staff_id === r.id).map((x) => x.role),
    ),
  );
}

export async function setRoles(db: Db, staffId: string, roles: readonly Role[]): Promise<void> {
  await db.deleteFrom('staff_roles').where('staff_id', '=', staffId).execute();
  if (roles.length)
    await db
      .insertInto('staff_roles')
      .values(roles.map((role) => ({ staff_id: staffId, role })))
      .execute();
}

export class StaffExistsError extends Error {}

/** Creates an account without password and returns a one-time invitation token to set it up. */
export async function createStaff(
  db: Kysely<AuthTables>,
  input: { email: string; name: string; roles: readonly Role[]; now: Date },
): Promise<{ id: string; token: string }> {
  return db.transaction().execute(async (trx) => {
    if (await findStaffByEmail(trx, input.email)) throw new StaffExistsError(`${input.email} already has an account`);
    const { id } = await trx
      .insertInto('staff_accounts')
      .values({
        email: normaliseEmail(input.email),
        name: input.name.trim(),
        created_at: input.now,
        password_hash: null,
        totp_secret: null,
        totp_last_step: null,
        activated_at: null,
        last_login_at: null,
        deactivated_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setRoles(trx, id, input.roles);
    const token = await createInvitation(trx, id, input.now);
    return { id, token };
  });
}

export async function createInvitation(db: Db, staffId: string, now: Date): Promise<string> {
  const token = randomToken();
  await db.deleteFrom('staff_invitations').where('staff_id', '=', staffId).where('used_at', 'is', null).execute();
  await db
    .insertInto('staff_invitations')
    .values({
      token_hash: hashToken(token),
      staff_id: staffId,
      created_at: now,
      expires_at: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
      used_at: null,
    })
    .execute();
  return token;
}

/** The account an unused, unexpired invitation belongs to. */
export async function invitationAccount(db: Db, token: string, now: Date) {
  return db
    .selectFrom('staff_invitations as i')
    .innerJoin('staff_accounts as a', 'a.id', 'i.staff_id')
    .select(['a.id', 'a.email', 'a.name', 'i.token_hash'])
    .where('i.token_hash', '=', hashToken(token))
    .where('i.used_at', 'is', null)
    .where('i.expires_at', '>', now)
    .where('a.active', '=', true)
    .executeTakeFirst();
}

/** Ten one-time recovery codes like "7KQ4-M2XP-9B"; only their hashes are stored. */
export async function replaceRecoveryCodes(db: Db, staffId: string): Promise<string[]> {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const codes = Array.from({ length: 10 }, () => {
    const raw = [...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('');
    return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 10)}`;
  });
  await db.deleteFrom('staff_recovery_codes').where('staff_id', '=', staffId).execute();
  await db
    .insertInto('staff_recovery_codes')
    .values(codes.map((c) => ({ staff_id: staffId, code_hash: hashToken(c), used_at: null })))
    .execute();
  return codes;
}

/** Spends a recovery code; true once per code. */
export async function useRecoveryCode(db: Db, staffId: string, code: string, now: Date): Promise<boolean> {
  const normalised = code
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  if (normalised.length !== 10) return false;
  const formatted = `${normalised.slice(0, 4)}-${normalised.slice(4, 8)}-${normalised.slice(8)}`;
  const result = await db
    .updateTable('staff_recovery_codes')
    .set({ used_at: now })
    .where('staff_id', '=', staffId)
    .where('code_hash', '=', hashToken(formatted))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
