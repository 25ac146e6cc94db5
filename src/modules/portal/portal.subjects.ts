import { type Kysely, sql } from 'kysely';
import type { AuthTables } from '../../core/auth/index.ts';
import {
  formatDate,
  formatNumber,
  inEveryLocale,
  type Locale,
  sameInEveryLocale,
  type Translate,
  translator,
} from '../../core/i18n/index.ts';
import type { ErasureOutcome, KeptReason, SubjectHooks, SubjectRecord } from '../../core/privacy/index.ts';
import { customerByNumber } from './portal.accounts.ts';
import { addresseeName, salutationOf } from './portal.addressee.ts';
import { appMessages } from './portal.app.messages.ts';
import { portalSubjectFields } from './portal.subjects.fields.ts';
import { portalSubjectMessages } from './portal.subjects.messages.ts';
import type { PortalTables } from './portal.tables.ts';

type Db = Kysely<PortalTables>;

/**
 * Deletes a customer's online access (C39): the account with its keys and its portal log (by
 * cascade), and every session. Contract data is not touched.
 */
export async function deleteOnlineAccess(db: Kysely<PortalTables>, accountId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.withTables<AuthTables>().deleteFrom('sessions').where('kind', '=', 'customer').where('subject_id', '=', accountId).execute();
    await trx.deleteFrom('portal_accounts').where('id', '=', accountId).execute();
  });
}

/** A record's line in each language: the module's words with its numbers and dates formatted per locale. */
const say = (
  key: keyof typeof portalSubjectMessages,
  params: (words: Translate<typeof appMessages>, locale: Locale) => Record<string, string | number>,
) => inEveryLocale((locale) => translator(portalSubjectMessages, locale)(key, params(translator(appMessages, locale), locale)));

const KEPT_CONTRACT: KeptReason = { kind: 'business-records', years: 10 };
const KEPT_TASK: KeptReason = { kind: 'customer-request', years: 1 };

/**
 * Data-subject requests: a customer is found by customer number, by the e-mail address of the
 * contract or of the online access, or by the contract's phone number. Erasure deletes the online
 * access and its log; contract data and requests stay for their statutory and contractual reasons.
 */
export const portalSubjects: SubjectHooks = {
  fields: portalSubjectFields,
  async postalAddress(anyDb, customerNumber, locale) {
    const c = await customerByNumber(anyDb as Db, customerNumber);
    if (!c) return null;
    return {
      name: addresseeName(c, locale),
      salutation: salutationOf(c, locale),
      address: [c.street, `${c.postcode} ${c.city}`],
    };
  },

  async find(anyDb, subject) {
    const db = anyDb as Db;
    const customers = await db
      .selectFrom('portal_customers as c')
      .select([
        'c.id',
        'c.customer_number',
        'c.salutation',
        'c.first_name',
        'c.last_name',
        'c.street',
        'c.postcode',
        'c.city',
        'c.email',
        'c.phone',
      ])
      .where((eb) => {
        const any = [];
        if (subject.customerNumber) any.push(eb('c.customer_number', '=', subject.customerNumber.replace(/[\s\-/.]/g, '').toUpperCase()));
        if (subject.email) {
          any.push(eb(sql<string>`lower(c.email)`, '=', subject.email));
          // Only an active access ties an address to the customer: a pending registration is
          // what someone typed next to a customer number, and proves nothing.
          any.push(
            eb(
              'c.id',
              'in',
              eb
                .selectFrom('portal_accounts as a')
                .select('a.customer_id')
                .where(sql<string>`lower(a.email)`, '=', subject.email)
                .where('a.status', '=', 'active'),
            ),
          );
        }
        if (subject.phone) any.push(eb('c.phone', '=', subject.phone));
        return any.length ? eb.or(any) : eb.val(false);
      })
      .execute();
    const records: SubjectRecord[] = [];
    for (const c of customers) {
      records.push({
        activity: 'portal.contract-data',
        table: 'portal_customers',
        recordId: c.id,
        summary: sameInEveryLocale(`${c.customer_number}: ${c.first_name} ${c.last_name}, ${c.postcode} ${c.city}`),
        // Given by the customer when the contract was made (Art. 20(1)(a): contract as the basis).
        provided: ['salutation', 'firstName', 'lastName', 'street', 'postcode', 'city', 'email', 'phone'],
        data: {
          customerNumber: c.customer_number,
          salutation: c.salutation,
          firstName: c.first_name,
          lastName: c.last_name,
          street: c.street,
          postcode: c.postcode,
          city: c.city,
          email: c.email,
          phone: c.phone,
        },
      });
      const contracts = await db
        .selectFrom('portal_contracts as k')
        .select([
          'k.id',
          'k.contract_number',
          'k.commodity',
          'k.tariff',
          'k.supply_street',
          'k.supply_postcode',
          'k.supply_city',
          'k.start_date',
          'k.end_date',
          'k.instalment_cents',
          sql<number>`(select count(*) from portal_meter_readings r join portal_meters m on m.id = r.meter_id join portal_metering_points p on p.id = m.metering_point_id where p.contract_id = k.id)`.as(
            'readings',
          ),
          sql<number>`(select count(*) from portal_invoices i where i.contract_id = k.id)`.as('invoices'),
        ])
        .where('k.customer_id', '=', c.id)
        .execute();
      for (const k of contracts) {
        records.push({
          activity: 'portal.contract-data',
          table: 'portal_contracts',
          recordId: k.id,
          summary: say(k.end_date ? 'summary.contractEnded' : 'summary.contract', (t, locale) => ({
            contract: k.contract_number,
            commodity: t(`commodity.${k.commodity}`),
            tariff: k.tariff,
            street: k.supply_street,
            postcode: k.supply_postcode,
            city: k.supply_city,
            end: k.end_date ? formatDate(k.end_date, locale) : '',
          })),
          data: {
            contractNumber: k.contract_number,
            commodity: k.commodity,
            tariff: k.tariff,
            start: k.start_date,
            end: k.end_date,
            instalmentCents: k.instalment_cents,
            meterReadings: Number(k.readings),
            invoices: Number(k.invoices),
          },
        });
      }
      const mandates = await db
        .selectFrom('portal_bank_mandates')
        .select(['id', 'mandate_reference', 'account_holder', 'iban', 'signed_on', 'revoked_on'])
        .where('customer_id', '=', c.id)
        .execute();
      for (const m of mandates) {
        records.push({
          activity: 'portal.contract-data',
          table: 'portal_bank_mandates',
          recordId: m.id,
          summary: say(m.revoked_on ? 'summary.mandateRevoked' : 'summary.mandate', (_, locale) => ({
            reference: m.mandate_reference,
            holder: m.account_holder,
            signed: formatDate(m.signed_on, locale),
            revoked: m.revoked_on ? formatDate(m.revoked_on, locale) : '',
          })),
          provided: ['accountHolder', 'iban'],
          data: {
            mandateReference: m.mandate_reference,
            accountHolder: m.account_holder,
            iban: m.iban,
            signed: m.signed_on,
            revoked: m.revoked_on,
          },
        });
      }
      const accounts = await db
        .selectFrom('portal_accounts')
        .select(['id', 'email', 'status', 'created_at', 'activated_at', 'last_login_at', 'totp_secret'])
        .where('customer_id', '=', c.id)
        .orderBy('created_at')
        .execute();
      for (const account of accounts) {
        const log = await db
          .selectFrom('portal_access_log')
          .select(['occurred_at', 'action', 'ip'])
          .where('account_id', '=', account.id)
          .orderBy('occurred_at')
          .execute();
        records.push({
          activity: 'portal.online-access',
          table: 'portal_accounts',
          recordId: account.id,
          summary: say(`summary.account.${account.status}`, () => ({ email: account.email })),
          provided: ['email'],
          data: {
            email: account.email,
            status: account.status,
            registered: account.created_at,
            activated: account.activated_at,
            lastSignIn: account.last_login_at,
            secondFactor: account.totp_secret !== null,
          },
        });
        if (log.length) {
          records.push({
            activity: 'portal.access-log',
            table: 'portal_access_log',
            recordId: account.id,
            summary: say(log.length === 1 ? 'summary.log.one' : 'summary.log', (_, locale) => ({
              count: formatNumber(log.length, locale),
            })),
            data: { entries: log.map((l) => ({ at: l.occurred_at, action: l.action, ip: l.ip })) },
          });
        }
      }
      const tasks = await db
        .selectFrom('portal_tasks')
        .select(['id', 'reference', 'kind', 'status', 'created_at', 'payload'])
        .where('customer_id', '=', c.id)
        .execute();
      for (const t of tasks) {
        records.push({
          activity: 'portal.tasks',
          table: 'portal_tasks',
          recordId: t.id,
          summary: say(`summary.task.${t.status}`, (words) => ({ reference: t.reference, kind: words(`task.${t.kind}`) })),
          // What the customer entered in the portal form (a new instalment, bank details, a move).
          provided: Object.keys(t.payload ?? {}),
          data: { reference: t.reference, kind: t.kind, received: t.created_at, ...t.payload },
        });
      }
    }
    return records;
  },

  async erase(anyDb, records): Promise<ErasureOutcome[]> {
    const db = anyDb as Db;
    const outcomes: ErasureOutcome[] = [];
    for (const r of records) {
      if (r.table === 'portal_accounts') {
        await deleteOnlineAccess(db, r.recordId);
        outcomes.push({ activity: r.activity, table: r.table, recordId: r.recordId, outcome: 'deleted' });
      } else if (r.table === 'portal_access_log') {
        // recordId is the account's: its whole log goes (with the account, if that is erased too).
        await db.deleteFrom('portal_access_log').where('account_id', '=', r.recordId).execute();
        outcomes.push({ activity: r.activity, table: r.table, recordId: r.recordId, outcome: 'deleted' });
      } else if (r.table === 'portal_tasks') {
        outcomes.push({ activity: r.activity, table: r.table, recordId: r.recordId, outcome: 'kept', reason: KEPT_TASK });
      } else {
        outcomes.push({ activity: r.activity, table: r.table, recordId: r.recordId, outcome: 'kept', reason: KEPT_CONTRACT });
      }
    }
    return outcomes;
  },
};
