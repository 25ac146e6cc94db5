import type { Kysely } from 'kysely';
import type { Localized } from '../i18n/index.ts';
import type { AppContext } from '../module.ts';
import type { Role } from '../roles.ts';
import type { KeptReason } from './kept-reasons.ts';

/** Art. 6(1) GDPR, letters a–f. */
export type LegalBasis =
  | 'a-consent'
  | 'b-contract'
  | 'c-legal-obligation'
  | 'd-vital-interests'
  | 'e-public-task'
  | 'f-legitimate-interests';

/** Art. 9(2) GDPR, for special categories (e.g. health data in an application). */
export type SpecialCategoryBasis = 'a-explicit-consent' | 'b-employment' | 'f-legal-claims' | 'h-occupational-medicine';

export type Period = { days: number } | { months: number } | { years: number };

export type Condition =
  | { column: string; op: '=' | '<>'; value: string | number | boolean }
  | { column: string; op: 'in' | 'not in'; value: readonly (string | number)[] }
  | { column: string; op: 'is null' | 'is not null' };

export type RetentionAction =
  | { kind: 'delete' }
  /** Overwrites the named columns; `marker` (a timestamp column) records when, so a row is done once. */
  | { kind: 'anonymise'; set: Record<string, string | number | boolean | null>; marker: string };

/**
 * A retention rule as data (DIN 66398 style): from a start event, after a period, an action.
 * The runner compiles it to batched SQL; the statement renders it as a sentence.
 */
export interface RetentionRule {
  /** Unique within its activity. */
  id: string;
  table: string;
  /** Primary key column (default `id`). */
  key?: string;
  /** Timestamp column holding the start event; rows where it is null have not started yet. */
  start: string;
  /** The start event in words, completing "… after …": e.g. { de: 'dem Abschluss der Bearbeitung', en: 'the request was handled' }. */
  startEvent: Localized;
  after: Period;
  where?: readonly Condition[];
  action: RetentionAction;
  /** Whether a recorded legal hold (proof, customer care, statutory period) can keep a row longer. */
  holdable?: boolean;
  /** Work to do right before the rule runs, e.g. count log entries into statistics first. */
  prepare?: (ctx: AppContext) => Promise<void>;
  claims: readonly string[];
}

/**
 * Which rows a recipient role sees when not every recipient sees every row, e.g. each department
 * only the requests on its own topic. Queries apply it through `rowAccess` (row-scope.ts).
 */
export interface RowScope {
  /** Column of the activity's tables whose value decides (e.g. `topic`). */
  column: string;
  /** The value of `column` whose rows the role sees; null: the role sees no row by this activity. */
  valueFor(role: Role): string | null;
  /** Recipient roles that see every row whatever its value (e.g. HR, who forwards each application). */
  seeAll?: readonly Role[];
}

export interface Recipients {
  /** Staff roles that may see the records; the guard and the statement both read this. */
  roles: readonly Role[];
  /** Narrows what each role sees to its own rows; without it every recipient sees every row. */
  scope?: RowScope;
  /** Processors (by name, as configured in the organisation) that handle the data for us. */
  processors?: readonly string[];
  /** Outside recipients in words (e.g. authorities on a criminal complaint). */
  others?: readonly Localized[];
}

export interface ProcessingActivity {
  /** `<module>.<name>` */
  id: string;
  title: Localized;
  purpose: Localized;
  legalBasis: readonly LegalBasis[];
  specialCategories?: SpecialCategoryBasis;
  /** Why the basis applies, in words (e.g. the legitimate interest). */
  legalBasisNote?: Localized;
  dataSubjects: Localized;
  dataCategories: readonly Localized[];
  /** `table.column` of every column of personal data this activity processes. */
  personalColumns: readonly string[];
  recipients: Recipients;
  source: Localized;
  retention: readonly RetentionRule[];
  /** Further statements of the privacy statement for this activity (plain text paragraphs). */
  notes?: readonly Localized[];
  claims: readonly string[];
}

/** What a data-subject request searches by. */
export interface SubjectQuery {
  email?: string;
  phone?: string;
  customerNumber?: string;
}

export interface SubjectRecord {
  activity: string;
  table: string;
  recordId: string;
  /**
   * One line in words for staff and for the export, in each language (built from the module's
   * messages, numbers and dates formatted per locale): pages show the reader's, the export the
   * requester's. No code and no ISO date; a status the person would want to know is said in words.
   */
  summary: Localized;
  data: Record<string, unknown>;
  /**
   * Codes of `data` only the rows can say in words (a newsletter topic's id → its name), for the
   * letter; codes every record shares are said by the module's `fields`.
   */
  valueWords?: Readonly<Record<string, Localized>>;
  /** The row's value in the activity's row-scope column (`recipients.scope`), when it has one. */
  scope?: string | null;
  /** Keys of `data` the person provided themselves: what a portability export contains (Art. 20 GDPR). */
  provided?: readonly string[];
  /** Keys of `data` staff may correct on a rectification request (Art. 16 GDPR), through `rectify`. */
  correctable?: readonly string[];
  /** Set by the engine, not the module: the record's processing is restricted (Art. 18 GDPR). */
  restricted?: boolean;
}

export interface ErasureOutcome {
  activity: string;
  table: string;
  recordId: string;
  outcome: 'deleted' | 'anonymised' | 'kept';
  /** Why a record was kept (legal hold, statutory duty), as data; pages say it with keptReasonText. */
  reason?: KeptReason;
}

/**
 * How a letter to the person says one key of a record's `data` (Art. 15 answer): a label from the
 * module's messages, and how its value reads. Dates, times and booleans are recognised by their
 * type; what a type cannot tell is said here.
 */
export interface SubjectField {
  label: Localized;
  /** The codes the field stores, in words (`electricity` → Strom / Electricity). */
  values?: Readonly<Record<string, Localized>>;
  /** An amount in cents, said in euros (keys ending in `Cents` are read so without it). */
  cents?: true;
  /** An internal key (a row's id) the letter leaves out; the machine-readable export keeps it. */
  internal?: true;
}

/** Labels for the keys of `data` a module's records carry, by key; nested entries use the same map. */
export type SubjectFields = Readonly<Record<string, SubjectField>>;

/** Each module answers data-subject requests for what it holds. */
export interface SubjectHooks {
  /** How the letter answering an access request says the keys and values of this module's records. */
  fields?: SubjectFields;
  // biome-ignore lint/suspicious/noExplicitAny: each module passes the handle typed with its own tables
  find(db: Kysely<any>, subject: SubjectQuery): Promise<SubjectRecord[]>;
  /** Erases or anonymises the records; rows under a legal hold must be reported as kept. */
  // biome-ignore lint/suspicious/noExplicitAny: each module passes the handle typed with its own tables
  erase(db: Kysely<any>, records: readonly SubjectRecord[], ctx: AppContext): Promise<ErasureOutcome[]>;
  /**
   * Corrects a record on a rectification request (Art. 16 GDPR): `changes` holds new values for
   * keys the record named `correctable`. Returns the keys whose value actually changed; the
   * engine audits them by name, never with the values.
   */
  // biome-ignore lint/suspicious/noExplicitAny: any module's database handle, as the other hooks take it
  rectify?(db: Kysely<any>, record: SubjectRecord, changes: Readonly<Record<string, string | null>>, ctx: AppContext): Promise<string[]>;
  /**
   * The postal address on file for a customer number, for a code by letter that proves a
   * data-subject request comes from that customer; null when the number is unknown.
   */
  // biome-ignore lint/suspicious/noExplicitAny: each module passes the handle typed with its own tables
  postalAddress?(db: Kysely<any>, customerNumber: string, locale: 'de' | 'en'): Promise<PostalAddressee | null>;
}

/** Whom a letter reaches: the name as the contract has it, and the address lines. */
export interface PostalAddressee {
  name: string;
  salutation: string;
  address: readonly string[];
}

export interface ModulePrivacy {
  activities: readonly ProcessingActivity[];
  /**
   * Tables that hold personal data, with the columns that are not personal. Every other column
   * must be named by an activity, or boot fails.
   */
  personalTables: Readonly<Record<string, { nonPersonal: readonly string[] }>>;
  subjects?: SubjectHooks;
  /**
   * Runs after the privacy engine deleted or anonymised records – after each retention rule
   * that changed rows and after each erasure – for what must go with them that no foreign key
   * reaches (the upload facility removes the files whose owner row is gone).
   */
  afterDeletion?(ctx: AppContext): Promise<void>;
}
