import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/support/test-context.ts';
import { DAY_MS } from '../clock.ts';
import { eraseSubject, findSubject, runRetention } from '../privacy/index.ts';
import { enqueueMail } from './mail.outbox.ts';
import { MAIL_ACTIVITY } from './mail.privacy.ts';
import type { MailStatus, MailTables } from './mail.tables.ts';

let t: TestContext;
const db = () => t.db as unknown as Kysely<MailTables>;

async function mail(to: string, status: MailStatus, sentDaysAgo: number | null, createdDaysAgo: number) {
  const id = await enqueueMail(t.db, t, {
    to,
    subject: 'Eingangsbestätigung K-1',
    text: 'Aktenzeichen K-1',
    activity: 'contact.requests',
    reference: 'K-1',
  });
  const now = t.clock.now().getTime();
  await db()
    .updateTable('mail_outbox')
    .set({
      status,
      created_at: new Date(now - createdDaysAgo * DAY_MS),
      sent_at: sentDaysAgo === null ? null : new Date(now - sentDaysAgo * DAY_MS),
    })
    .where('id', '=', id)
    .execute();
  return id;
}
const ids = async () => (await db().selectFrom('mail_outbox').select('id').execute()).map((r) => r.id).sort();

beforeAll(async () => {
  t = await createTestContext({ env: { MAIL_RETENTION_DAYS: '30' } });
});
afterAll(() => t?.database.close());

describe('the outbox in the privacy register', () => {
  test('sent and failed mail is deleted MAIL_RETENTION_DAYS after sending or queueing; pending mail stays', async () => {
    const keptSent = await mail('a@example.org', 'sent', 29, 29);
    await mail('b@example.org', 'sent', 31, 31);
    const keptFailed = await mail('c@example.org', 'failed', null, 29);
    await mail('d@example.org', 'failed', null, 31);
    const pending = await mail('e@example.org', 'pending', null, 400);
    const report = await runRetention(t, { trigger: 'test', activity: MAIL_ACTIVITY });
    expect(report.rules.map((r) => [r.rule, r.affected])).toEqual([
      ['sent', 1],
      ['failed', 1],
    ]);
    expect(await ids()).toEqual([keptSent, keptFailed, pending].sort());
  });

  test('a data-subject request finds mail by address, whatever its case, and erasure deletes it', async () => {
    const id = await mail('Erika.Muster@Example.org', 'pending', null, 0);
    const found = (await findSubject(t, { email: 'erika.muster@example.org' })).filter((r) => r.activity === MAIL_ACTIVITY);
    expect(found.map((r) => r.recordId)).toEqual([id]);
    expect(found[0]?.data).toMatchObject({
      recipient: 'Erika.Muster@Example.org',
      subject: 'Eingangsbestätigung K-1',
      status: 'pending',
      cause: 'contact.requests',
    });
    expect(await eraseSubject(t, found)).toEqual([{ activity: MAIL_ACTIVITY, table: 'mail_outbox', recordId: id, outcome: 'deleted' }]);
    expect(await ids()).not.toContain(id);
  });
});
