import { type Kysely, sql } from 'kysely';

/** Officer roles are granted by two people: one asks, another approves (four eyes). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('staff_role_grants')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('staff_id', 'uuid', (c) => c.notNull().references('staff_accounts.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'uuid', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_by', 'uuid')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'approved', 'rejected')`))
    .execute();
  await sql`create unique index staff_role_grants_pending on staff_role_grants (staff_id, role) where status = 'pending'`.execute(db);
}
