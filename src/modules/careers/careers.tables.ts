import type { ColumnType, Generated } from 'kysely';

export const STATUSES = ['received', 'forwarded', 'interview', 'offer', 'hired', 'rejected'] as const;
export type Status = (typeof STATUSES)[number];
/** The stages in order; `rejected` ends an application at whatever stage it had reached. */
export const STAGES = ['received', 'forwarded', 'interview', 'offer', 'hired'] as const;
export type Stage = (typeof STAGES)[number];

type Timestamp = ColumnType<Date, Date, Date>;

export interface PostingsTable {
  id: Generated<string>;
  slug: string;
  category: string;
  department: string;
  title_de: string;
  title_en: string;
  description_de: string;
  description_en: string;
  location: string;
  published_at: Timestamp;
  closes_at: Timestamp;
  selection_ended_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ApplicationsTable {
  id: Generated<string>;
  reference: string;
  posting_id: string;
  category: string;
  forwarded_to: string | null;
  status: Status;
  stage_reached: Stage;
  name: string | null;
  email: string | null;
  phone: string | null;
  /** jsonb: read as the parsed object, written as its JSON text. */
  answers: ColumnType<Record<string, string> | null, string | null, string | null>;
  message: string | null;
  locale: string;
  created_at: Timestamp;
  token_hash: string | null;
  email_confirmed_at: Timestamp | null;
  selection_ended_at: Timestamp | null;
  exported_at: Timestamp | null;
  anonymised_at: Timestamp | null;
}

export interface EventsTable {
  id: Generated<string>;
  application_id: string;
  occurred_at: Timestamp;
  staff_id: string | null;
  kind: 'note' | 'status' | 'forwarded' | 'mail' | 'exported';
  body: string | null;
}

export type CareersTables = {
  careers_postings: PostingsTable;
  careers_applications: ApplicationsTable;
  careers_events: EventsTable;
};
