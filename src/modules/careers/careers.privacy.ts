import { sql } from 'kysely';
import { departmentRole, type Role } from '../../core/auth/index.ts';
import type { Config } from '../../core/config/index.ts';
import type { AppContext } from '../../core/module.ts';
import { covered, type ModulePrivacy, type RetentionRule } from '../../core/privacy/index.ts';
import { deleteFilesOf } from '../../core/uploads/index.ts';
import { ACTIVITY, HR_ACTIVITY, TABLE } from './careers.forms.ts';
import { careersSubjectFields } from './careers.subjects.fields.ts';
import { careersSubjects } from './careers.subjects.ts';

const DEPARTMENT = 'department:';

/** `department:grid` sees the applications forwarded to `grid`. */
function departmentOfRole(role: Role): string | null {
  return role.startsWith(DEPARTMENT) ? role.slice(DEPARTMENT.length) : null;
}

/** What anonymising leaves: posting, category, status and stage reached – the statistics. */
const ANONYMISE = { name: null, email: null, phone: null, answers: null, message: null, token_hash: null, email_confirmed_at: null };

/**
 * Notes and files are not columns of the row the rule anonymises: right before the rule runs,
 * those of exactly the rows it will cover (same condition, legal holds included) are destroyed.
 */
function destroyNotesAndFiles(rule: () => RetentionRule) {
  return async (ctx: AppContext) => {
    const r = rule();
    const { rows } = await sql<{ id: string }>`select t.id from careers_applications as t where ${covered(r, ctx.clock.now())}`.execute(
      ctx.db,
    );
    for (const { id } of rows) {
      await sql`delete from careers_events where application_id = ${id}`.execute(ctx.db);
      await deleteFilesOf(ctx, { table: TABLE, id });
    }
  };
}

export function careersRetention(config: Config): RetentionRule[] {
  const months = config.organisation.careers.anonymiseAfterMonths;
  const notHired: RetentionRule = {
    id: 'not-hired',
    table: TABLE,
    start: 'selection_ended_at',
    startEvent: { de: 'dem Ende des Auswahlverfahrens', en: 'the selection process has ended' },
    after: { months },
    where: [{ column: 'status', op: '<>', value: 'hired' }],
    action: { kind: 'anonymise', set: ANONYMISE, marker: 'anonymised_at' },
    holdable: true,
    prepare: destroyNotesAndFiles(() => notHired),
    claims: ['C30'],
  };
  const handedOver: RetentionRule = {
    id: 'hired-handed-over',
    table: TABLE,
    start: 'exported_at',
    startEvent: {
      de: 'der Übergabe an die Personalverwaltung (bei eingestellten Bewerberinnen und Bewerbern)',
      en: 'the hand-over to personnel administration (for applicants who were hired)',
    },
    after: { days: 0 },
    where: [{ column: 'status', op: '=', value: 'hired' }],
    action: { kind: 'anonymise', set: ANONYMISE, marker: 'anonymised_at' },
    holdable: true,
    prepare: destroyNotesAndFiles(() => handedOver),
    claims: ['C30'],
  };
  return [notHired, handedOver];
}

/**
 * Applications (C27–C30). HR receives every application and forwards it to the department of
 * the posting; the row scope on `forwarded_to` lets each department see only what was
 * forwarded to it (decision 004), HR every row (`seeAll`). The officers and the works council
 * are no recipients: they see anonymous statistics only, as the configuration grants.
 */
export function careersPrivacy(config: Config): ModulePrivacy {
  const departments = config.organisation.departments.map((d) => departmentRole(d.id));
  const months = config.organisation.careers.anonymiseAfterMonths;
  return {
    activities: [
      {
        id: ACTIVITY,
        title: { de: 'Bewerbungen', en: 'Job applications' },
        purpose: {
          de: 'Wir entscheiden über Ihre Bewerbung auf eine ausgeschriebene Stelle. Die Personalabteilung erhält jede Bewerbung und leitet sie nur an die Abteilung weiter, die für die Stelle zuständig ist.',
          en: 'We decide on your application for an advertised position. Human resources receive every application and forward it only to the department responsible for the position.',
        },
        legalBasis: ['b-contract', 'c-legal-obligation'],
        legalBasisNote: {
          de: 'Rechtsgrundlage ist § 26 Abs. 1 BDSG in Verbindung mit Art. 88 DSGVO (Entscheidung über die Begründung eines Beschäftigungsverhältnisses) sowie Art. 6 Abs. 1 lit. b DSGVO. Nach dem Auswahlverfahren bewahren wir die Daten nur so lange auf, wie Ansprüche nach dem Allgemeinen Gleichbehandlungsgesetz geltend gemacht werden können (Art. 6 Abs. 1 lit. f DSGVO, § 15 Abs. 4 AGG, § 61b ArbGG).',
          en: 'The legal basis is § 26(1) BDSG with Art. 88 GDPR (deciding on an employment relationship) and Art. 6(1)(b) GDPR. After the selection we keep the data only as long as claims under the General Equal Treatment Act can be made (Art. 6(1)(f) GDPR, § 15(4) AGG, § 61b ArbGG).',
        },
        dataSubjects: { de: 'Bewerberinnen und Bewerber', en: 'Applicants' },
        dataCategories: [
          { de: 'Name, E-Mail-Adresse, freiwillig Telefonnummer', en: 'name, e-mail address, optionally phone number' },
          {
            de: 'die Angaben des Bewerbungsformulars (z. B. Schulabschluss)',
            en: 'what the application form asks (e.g. school-leaving certificate)',
          },
          { de: 'Lebenslauf, Zeugnisse und Anschreiben', en: 'CV, certificates and covering letter' },
          {
            de: 'Stand des Verfahrens und Vermerke der Personalabteilung und der Fachabteilung',
            en: 'state of the process and notes of HR and the department',
          },
        ],
        personalColumns: ['name', 'email', 'phone', 'answers', 'message', 'token_hash', 'email_confirmed_at']
          .map((c) => `careers_applications.${c}`)
          .concat(['careers_events.staff_id', 'careers_events.body']),
        recipients: {
          roles: ['hr', ...departments],
          scope: { column: 'forwarded_to', valueFor: departmentOfRole, seeAll: ['hr'] },
        },
        source: { de: 'Sie selbst, über das Bewerbungsformular', en: 'you, through the application form' },
        retention: careersRetention(config),
        notes: [
          {
            de: 'Die Fachabteilung sieht nur die Bewerbungen, die die Personalabteilung an sie weitergeleitet hat, und nur solange das Auswahlverfahren läuft. Die Gleichstellungsbeauftragte und der Betriebsrat sehen nur Statistiken ohne Namen und ohne Unterlagen, nie eine Gruppe von weniger als fünf Personen.',
            en: 'The department sees only the applications HR forwarded to it, and only while the selection runs. The equal-treatment officer and the works council see only statistics without names or documents, never a group of fewer than five people.',
          },
          {
            de: `Werden Sie nicht eingestellt, anonymisieren wir Ihre Daten ${months} Monate nach dem Ende des Auswahlverfahrens; Ihre Unterlagen werden dann vernichtet. Es bleibt nur, für welche Stelle eine Bewerbung einging und wie weit sie kam – für Statistiken. Werden Sie eingestellt, geben wir Ihre Daten an die Personalverwaltung weiter und löschen sie hier. Ziehen Sie Ihre Bewerbung über den Link in der Eingangsbestätigung zurück, löschen wir sie sofort mit allen Unterlagen. Ein anhängiges Verfahren (z. B. nach dem AGG) kann eine Bewerbung bis zu seinem Ende aufbewahren.`,
            en: `If you are not hired, we anonymise your data ${months} months after the selection has ended; your documents are then destroyed. Only which position an application was for and how far it got remain, for statistics. If you are hired, we pass your data to personnel administration and delete it here. If you withdraw your application through the link in the receipt, we delete it at once with all documents. Pending proceedings (e.g. under the AGG) can keep an application until they end.`,
          },
        ],
        claims: ['C27', 'C28', 'C29', 'C30'],
      },
      {
        id: HR_ACTIVITY,
        title: { de: 'Weiterleitung und Übergabe von Bewerbungen', en: 'Forwarding and hand-over of applications' },
        purpose: {
          de: 'Die Personalabteilung leitet Ihre Bewerbung an die für die Stelle zuständige Abteilung weiter, bewahrt sie für ein anhängiges Verfahren auf und gibt die Daten eingestellter Bewerberinnen und Bewerber an die Personalverwaltung weiter.',
          en: 'Human resources forward your application to the department responsible for the position, keep it for pending proceedings and pass the data of hired applicants to personnel administration.',
        },
        legalBasis: ['b-contract', 'c-legal-obligation'],
        legalBasisNote: {
          de: 'Rechtsgrundlage ist § 26 Abs. 1 BDSG in Verbindung mit Art. 88 DSGVO sowie Art. 6 Abs. 1 lit. b und c DSGVO.',
          en: 'The legal basis is § 26(1) BDSG with Art. 88 GDPR and Art. 6(1)(b) and (c) GDPR.',
        },
        dataSubjects: { de: 'Bewerberinnen und Bewerber', en: 'Applicants' },
        dataCategories: [
          { de: 'Name, E-Mail-Adresse, freiwillig Telefonnummer', en: 'name, e-mail address, optionally phone number' },
          { de: 'die Angaben des Bewerbungsformulars und die Unterlagen', en: 'what the application form asks, and the documents' },
        ],
        personalColumns: ['name', 'email', 'phone', 'answers', 'message'].map((c) => `careers_applications.${c}`),
        recipients: { roles: ['hr'] },
        source: { de: 'Sie selbst, über das Bewerbungsformular', en: 'you, through the application form' },
        // The application's own rules (above) delete or anonymise it; this activity keeps nothing of its own.
        retention: [],
        notes: [
          {
            de: 'Aufbewahrung und Löschung richten sich nach der Tätigkeit „Bewerbungen“.',
            en: 'Retention and deletion follow the activity “Job applications”.',
          },
        ],
        claims: ['C29', 'C30'],
      },
    ],
    personalTables: {
      careers_applications: {
        nonPersonal: [
          'id',
          'reference',
          'posting_id',
          'category',
          'forwarded_to',
          'status',
          'stage_reached',
          'locale',
          'created_at',
          'selection_ended_at',
          'exported_at',
          'anonymised_at',
        ],
      },
      careers_events: { nonPersonal: ['id', 'application_id', 'occurred_at', 'kind'] },
    },
    subjects: { ...careersSubjects, fields: careersSubjectFields(config) },
  };
}
