import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/support/test-context.ts';
import { DAY_MS } from '../clock.ts';
import { runRetention } from '../privacy/index.ts';
import { LETTERS_ACTIVITY } from './letters.privacy.ts';
import { queueLetter } from './letters.queue.ts';
import type { LettersTables } from './letters.tables.ts';

let t: TestContext;
const db = () => t.db as unknown as Kysely<LettersTables>;

async function letter(printedDaysAgo: number | null) {
  const { id } = await queueLetter(t.db, t, {
    kind: 'written-answer',
    activity: 'contact.requests',
    reference: 'K-2026-TEST0001',
    recipient: { name: 'Frau Erika Mustermann', address: ['Energieweg 7', '12345 Musterstadt'] },
    subject: 'Ihre Anfrage',
    salutation: 'Sehr geehrte Frau Mustermann,',
    paragraphs: ['Text.'],
    closing: 'Mit freundlichen Grüßen',
  });
  if (printedDaysAgo !== null)
    await db()
      .updateTable('letters')
      .set({ printed_at: new Date(t.clock.now().getTime() - printedDaysAgo * DAY_MS) })
      .where('id', '=', id)
      .execute();
  return id;
}

beforeAll(async () => {
  t = await createTestContext({ env: { LETTER_RETENTION_DAYS: '14' } });
});
afterAll(() => t?.database.close());

describe('letters in the privacy register', () => {
  test('a printed letter is deleted LETTER_RETENTION_DAYS after printing; a waiting one stays until it is printed', async () => {
    const waiting = await letter(null);
    const recent = await letter(13);
    await letter(15);
    const report = await runRetention(t, { trigger: 'test', activity: LETTERS_ACTIVITY });
    expect(report.rules).toEqual([{ activity: LETTERS_ACTIVITY, rule: 'printed', table: 'letters', action: 'delete', affected: 1 }]);
    expect((await db().selectFrom('letters').select('id').execute()).map((r) => r.id).sort()).toEqual([waiting, recent].sort());
  });
});
