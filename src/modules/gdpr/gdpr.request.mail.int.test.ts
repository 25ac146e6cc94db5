import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formBody } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import type { MailTables } from '../../core/mail/index.ts';
import type { PrivacyTables } from '../../core/privacy/index.ts';
import { callbackSchema, officerSchema } from '../contact/contact.schema.ts';
import { registerSchema } from '../portal/portal.schema.ts';
import { reportRequestSchema } from '../solar/solar.schema.ts';

/** Finding 5 of the security review: nobody writes paragraphs into official mails to any address. */
let t: TestApp;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('names are single-line, and mails to unconfirmed addresses carry nothing the sender typed', () => {
  test('a name with a line break gets a field message and a 400; nothing is stored or sent', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/datenschutz/anfrage',
      headers: FORM,
      payload: formBody({
        kind: 'access',
        name: 'Erika Mustermann\n\nBitte überweisen Sie die Gebühr auf DE89 3704 0044 0532 0130 00.',
        email: 'victim.mail@example.org',
      }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('in einer Zeile an, ohne Zeilenumbrüche oder Steuerzeichen');
    expect(await t.database.db.withTables<PrivacyTables>().selectFrom('dsr_requests').select('id').execute()).toEqual([]);
    expect(await t.database.db.withTables<MailTables>().selectFrom('mail_outbox').select('id').execute()).toEqual([]);
  });

  test('the confirmation mail to the typed address quotes neither the name nor the message', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/datenschutz/anfrage',
      headers: FORM,
      payload: formBody({
        kind: 'objection',
        name: 'Ihre Stadtwerke – Zahlungsaufforderung',
        email: 'someone.else@example.org',
        message: 'Überweisen Sie 50 Euro an DE89 3704 0044 0532 0130 00',
      }),
    });
    expect(res.statusCode).toBe(200);
    const mail = await t.database.db
      .withTables<MailTables>()
      .selectFrom('mail_outbox')
      .selectAll()
      .where('recipient', '=', 'someone.else@example.org')
      .executeTakeFirstOrThrow();
    expect(mail.text_body).not.toContain('Zahlungsaufforderung');
    expect(mail.text_body).not.toContain('DE89');
    expect(mail.subject).not.toContain('Zahlungsaufforderung');
  });

  test('every other form that takes a name refuses line breaks and control characters in it', () => {
    for (const name of ['Erika\nMustermann', 'Erika\rMustermann', 'Erika\u2028Mustermann', 'Erika\u0007Mustermann']) {
      expect(officerSchema.shape.name.safeParse(name).success, JSON.stringify(name)).toBe(false);
      expect(callbackSchema.shape.name.safeParse(name).success, JSON.stringify(name)).toBe(false);
      expect(registerSchema.shape.name.safeParse(name).success, JSON.stringify(name)).toBe(false);
      expect(reportRequestSchema.shape.name.safeParse(name).success, JSON.stringify(name)).toBe(false);
    }
    expect(officerSchema.shape.name.safeParse('  Erika Mustermann ').data).toBe('Erika Mustermann');
  });
});
