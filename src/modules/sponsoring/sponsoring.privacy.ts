import { type Kysely, sql } from 'kysely';
import type { Config } from '../../core/config/index.ts';
import { defineMessages, formatDate, inEveryLocale, translator } from '../../core/i18n/index.ts';
import type { AppContext } from '../../core/module.ts';
import type { ModulePrivacy, SubjectHooks, SubjectRecord } from '../../core/privacy/index.ts';
import { deleteFilesOf } from '../../core/uploads/index.ts';
import { sponsoringStaffMessages } from './sponsoring.staff.messages.ts';
import { sponsoringSubjectFields } from './sponsoring.subjects.fields.ts';
import type { SponsoringTables } from './sponsoring.tables.ts';

/** How a data-subject request names the module's records, German first: a project's state in words. */
const summaryMessages = defineMessages({
  voter: { de: '{name}, zur Abstimmung registriert am {registered}', en: '{name}, registered to vote on {registered}' },
  project: { de: 'Projekt „{title}“: {status}', en: 'Project “{title}”: {status}' },
});

export const APPLICATIONS_ACTIVITY = 'sponsoring.applications';
export const VOTERS_ACTIVITY = 'sponsoring.voters';

/** What anonymising a project clears: everything about the sponsor, the contact and the content. */
export const PROJECT_ERASED = {
  title: '',
  description: null,
  sponsor_name: null,
  sponsor_street: null,
  sponsor_postcode: null,
  sponsor_city: null,
  contact_name: null,
  contact_email: null,
  contact_phone: null,
  decision_reason: null,
} as const;

/** Files of anonymised projects go too (the engine calls this after each rule that changed rows). */
async function deleteFilesOfAnonymised(ctx: AppContext): Promise<void> {
  const { rows } = await sql<{ id: string }>`select p.id from sponsoring_projects p
    where p.anonymised_at is not null
      and exists (select 1 from files f where f.owner_table = 'sponsoring_projects' and f.owner_id = p.id::text)`.execute(ctx.db);
  for (const r of rows) await deleteFilesOf(ctx, { table: 'sponsoring_projects', id: r.id });
}

const subjects: SubjectHooks = {
  fields: sponsoringSubjectFields,
  async find(anyDb, subject) {
    const db = anyDb as Kysely<SponsoringTables>;
    const records: SubjectRecord[] = [];
    if (!subject.email) return records;
    const email = subject.email.trim().toLowerCase();
    // Only a confirmed registration ties the address to the person who registered.
    const voters = await db
      .selectFrom('sponsoring_voters')
      .selectAll()
      .where((eb) => eb.fn('lower', ['email']), '=', email)
      .where('confirmed_at', 'is not', null)
      .execute();
    for (const v of voters)
      records.push({
        activity: VOTERS_ACTIVITY,
        table: 'sponsoring_voters',
        recordId: v.id,
        summary: inEveryLocale((locale) =>
          translator(summaryMessages, locale)('voter', {
            name: `${v.first_name} ${v.last_name}`,
            registered: formatDate(v.created_at, locale),
          }),
        ),
        data: { email: v.email, salutation: v.salutation, firstName: v.first_name, lastName: v.last_name, registered: v.created_at },
      });
    const projects = await db
      .selectFrom('sponsoring_projects')
      .selectAll()
      .where((eb) => eb.fn('lower', ['contact_email']), '=', email)
      .where('anonymised_at', 'is', null)
      .execute();
    for (const p of projects)
      records.push({
        activity: APPLICATIONS_ACTIVITY,
        table: 'sponsoring_projects',
        recordId: p.id,
        summary: inEveryLocale((locale) =>
          translator(summaryMessages, locale)('project', {
            title: p.title,
            status: translator(sponsoringStaffMessages, locale)(`status.${p.status}`),
          }),
        ),
        data: {
          title: p.title,
          description: p.description,
          amountCents: p.budget_cents,
          sponsor: [p.sponsor_name, p.sponsor_street, p.sponsor_postcode, p.sponsor_city].filter(Boolean).join(', '),
          contact: [p.contact_name, p.contact_email, p.contact_phone].filter(Boolean).join(', '),
          status: p.status,
          decisionReason: p.decision_reason,
          submitted: p.created_at,
        },
      });
    return records;
  },
  async erase(anyDb, records, ctx) {
    const db = anyDb as Kysely<SponsoringTables>;
    const out = [];
    for (const r of records) {
      if (r.table === 'sponsoring_voters') {
        await db.deleteFrom('sponsoring_voters').where('id', '=', r.recordId).execute();
        out.push({ activity: r.activity, table: r.table, recordId: r.recordId, outcome: 'deleted' as const });
      } else {
        await db
          .updateTable('sponsoring_projects')
          .set({ ...PROJECT_ERASED, anonymised_at: ctx.clock.now() })
          .where('id', '=', r.recordId)
          .execute();
        await deleteFilesOf(ctx, { table: 'sponsoring_projects', id: r.recordId });
        out.push({ activity: r.activity, table: r.table, recordId: r.recordId, outcome: 'anonymised' as const });
      }
    }
    return out;
  },
};

/** The sponsoring vote's processing (C40–C50). */
export function sponsoringPrivacy(config: Config): ModulePrivacy {
  const hosting = [config.SPONSORING_HOSTING_PROCESSOR];
  const anonymise = { kind: 'anonymise' as const, set: PROJECT_ERASED, marker: 'anonymised_at' };
  return {
    activities: [
      {
        id: APPLICATIONS_ACTIVITY,
        title: { de: 'Bewerbungen von Projekten für die Bürgerprojekte', en: 'Project applications for the community projects' },
        purpose: {
          de: 'Projekte bewerben sich mit Träger (Name, Anschrift), Ansprechperson (Name, E-Mail, Telefon), Beschreibung und Förderbetrag, freiwillig mit Bildern und Anhängen. Das Sponsoring-Team und der Sponsoring-Beirat prüfen die Bewerbung anhand der Kriterien. Von zugelassenen Projekten veröffentlichen wir Titel, Beschreibung, Betrag, den Namen des Trägers, Bilder und Anhänge zur Abstimmung; Anschrift und Ansprechperson sehen nur das Sponsoring-Team und der Beirat. Geförderte Projekte begleiten wir bei der Umsetzung der Förderung.',
          en: 'Projects apply with their sponsor (name, address), a contact person (name, e-mail, phone), a description and the amount, optionally with images and attachments. The sponsoring team and the sponsoring advisory board check the application against the criteria. Of admitted projects we publish the title, description, amount, the sponsor’s name, images and attachments for the vote; the address and the contact person are seen only by the sponsoring team and the board. We accompany funded projects while the sponsoring is carried out.',
        },
        legalBasis: ['b-contract'],
        dataSubjects: { de: 'Projektträger und ihre Ansprechpersonen', en: 'Project sponsors and their contact persons' },
        dataCategories: [
          { de: 'Name und Anschrift des Trägers', en: 'name and address of the sponsor' },
          { de: 'Name, E-Mail-Adresse und Telefonnummer der Ansprechperson', en: 'name, e-mail address and phone of the contact person' },
          { de: 'Titel, Beschreibung, Bilder und Anhänge des Projekts', en: 'title, description, images and attachments of the project' },
        ],
        personalColumns: [
          'sponsoring_projects.title',
          'sponsoring_projects.description',
          'sponsoring_projects.sponsor_name',
          'sponsoring_projects.sponsor_street',
          'sponsoring_projects.sponsor_postcode',
          'sponsoring_projects.sponsor_city',
          'sponsoring_projects.contact_name',
          'sponsoring_projects.contact_email',
          'sponsoring_projects.contact_phone',
          'sponsoring_projects.decision_reason',
        ],
        recipients: { roles: ['sponsoring', 'advisory-board'], processors: hosting },
        source: { de: 'Ihre Bewerbung über unser Formular', en: 'your application through our form' },
        retention: [
          {
            id: 'without-budget',
            table: 'sponsoring_projects',
            start: 'decided_at',
            startEvent: {
              de: 'dem Ergebnis der Abstimmung, für Projekte ohne Förderung (vor Beginn der nächsten Runde)',
              en: 'the result of the vote, for projects without funding (before the next round starts)',
            },
            after: { days: config.SPONSORING_UNFUNDED_KEEP_DAYS },
            where: [{ column: 'funded', op: '=', value: false }],
            action: anonymise,
            claims: ['C49'],
          },
          {
            id: 'winners',
            table: 'sponsoring_projects',
            start: 'completed_at',
            startEvent: {
              de: 'dem Abschluss der Förderung, für geförderte Projekte',
              en: 'the sponsoring was carried out, for funded projects',
            },
            after: { days: config.SPONSORING_WINNER_KEEP_DAYS },
            where: [{ column: 'funded', op: '=', value: true }],
            action: anonymise,
            claims: ['C48'],
          },
        ],
        claims: ['C45', 'C46', 'C47', 'C48', 'C49'],
      },
      {
        id: VOTERS_ACTIVITY,
        title: { de: 'Abstimmung über die Bürgerprojekte', en: 'Voting on the community projects' },
        purpose: {
          de: 'Zur Abstimmung melden Sie sich einmal je Runde mit E-Mail-Adresse, Anrede, Vor- und Nachname an. Wir nutzen diese Angaben nur für die Abstimmung und um Mehrfachanmeldungen auszuschließen. Eine Kundennummer für weitere Stimmen prüfen wir gegen unsere Vertragsdaten und speichern sie nur als verschlüsselten Prüfwert, damit sie je Runde einmal zählt. Ihr Stimmzettel enthält nichts, was auf Sie verweist. Auf Papier abgegebene Stimmzettel erfasst das Sponsoring-Team; jede Erfassung wird protokolliert.',
          en: 'To vote you register once per round with e-mail address, salutation, first and last name. We use them only for the vote and to exclude registering twice. A customer number for more votes is checked against our contract data and kept only as an encrypted check value, so that it counts once per round. Your ballot holds nothing that points to you. Ballots cast on paper are entered by the sponsoring team; every entry is logged.',
        },
        legalBasis: ['a-consent'],
        dataSubjects: { de: 'Abstimmende', en: 'Voters' },
        dataCategories: [
          { de: 'E-Mail-Adresse, Anrede, Vor- und Nachname', en: 'e-mail address, salutation, first and last name' },
          { de: 'Prüfwert einer Kundennummer', en: 'check value of a customer number' },
        ],
        personalColumns: [
          'sponsoring_voters.email',
          'sponsoring_voters.email_key',
          'sponsoring_voters.salutation',
          'sponsoring_voters.first_name',
          'sponsoring_voters.last_name',
          'sponsoring_voters.locale',
          'sponsoring_voters.confirm_hash',
          'sponsoring_voters.confirmed_at',
          'sponsoring_voters.ballot_token_hash',
          'sponsoring_voters.ballot_id',
          'sponsoring_voters.bonus_attempts',
          'sponsoring_voters.created_at',
          'sponsoring_customer_uses.number_hash',
        ],
        recipients: { roles: ['sponsoring'], processors: hosting },
        source: { de: 'Ihre Anmeldung zur Abstimmung', en: 'your registration for the vote' },
        retention: [
          {
            id: 'voting-ended',
            table: 'sponsoring_voters',
            start: 'voting_ends_at',
            startEvent: { de: 'dem Ende der Abstimmung', en: 'voting ended' },
            after: { days: 0 },
            action: { kind: 'delete' },
            claims: ['C44'],
          },
          {
            id: 'customer-numbers',
            table: 'sponsoring_customer_uses',
            start: 'voting_ends_at',
            startEvent: { de: 'dem Ende der Abstimmung (Kundennummern)', en: 'voting ended (customer numbers)' },
            after: { days: 0 },
            action: { kind: 'delete' },
            claims: ['C43', 'C44'],
          },
        ],
        claims: ['C41', 'C42', 'C43', 'C44'],
      },
    ],
    personalTables: {
      sponsoring_projects: {
        nonPersonal: [
          'id',
          'cycle_id',
          'number',
          'budget_cents',
          'locale',
          'status',
          'criteria_met',
          'reviewed_at',
          'votes',
          'funded',
          'decided_at',
          'completed_at',
          'anonymised_at',
          'created_at',
        ],
      },
      sponsoring_voters: { nonPersonal: ['id', 'cycle_id', 'voting_ends_at'] },
      sponsoring_customer_uses: { nonPersonal: ['id', 'cycle_id', 'voting_ends_at'] },
    },
    subjects,
    afterDeletion: deleteFilesOfAnonymised,
  };
}
