import type { ColumnType, Generated } from 'kysely';

/** The legal ground on which a picture may be shown: consent of each depicted person, or an exception of § 23 KUG. */
export type MediaBasis = 'consent' | 'crowd' | 'landscape' | 'public-figure' | 'no-people';
export const MEDIA_BASES: readonly MediaBasis[] = ['consent', 'crowd', 'landscape', 'public-figure', 'no-people'];

/** Where a picture appears: the website's pages, printed matter, the public gallery. */
export type MediaScope = 'web' | 'print' | 'gallery';
export const MEDIA_SCOPES: readonly MediaScope[] = ['web', 'print', 'gallery'];

export type ConsentMethod = 'signed-form' | 'photographer';
export type TakedownWish = 'remove' | 'unrecognisable';
export type TakedownOutcome = 'removed' | 'pixelated' | 'blurred' | 'closed';

export interface MediaItemsTable {
  id: Generated<string>;
  /** An editor's words; may name a person. */
  title: string;
  alt_text: string;
  basis: MediaBasis;
  /** People shown who need a consent record each (basis `consent`); 0 under an exception. */
  people: number;
  /** The editors' wish; whether it shows is decided per request (consent, open takedown). */
  published: boolean;
  unpublished_at: Date | null;
  unpublished_reason: 'editor' | 'consent-expired' | null;
  /** Made unrecognisable in parts (pixelated or blurred) on a depicted person's request. */
  altered_at: Date | null;
  uploaded_by: string | null;
  created_at: ColumnType<Date, Date, never>;
}

export interface MediaConsentsTable {
  id: Generated<string>;
  item_id: string;
  person_name: string;
  scope_web: boolean;
  scope_print: boolean;
  scope_gallery: boolean;
  given_on: Date;
  method: ConsentMethod;
  /** Null: until revoked. */
  valid_until: Date | null;
  recorded_by: string | null;
  created_at: ColumnType<Date, Date, never>;
}

export interface MediaTakedownsTable {
  id: Generated<string>;
  reference: string;
  item_id: string | null;
  /** The picture as the person named it (an address or a description). */
  picture: string;
  wish: TakedownWish;
  details: string | null;
  name: string | null;
  email: string | null;
  locale: 'de' | 'en';
  created_at: ColumnType<Date, Date, never>;
  handled_at: Date | null;
  outcome: TakedownOutcome | null;
  handled_by: string | null;
  anonymised_at: Date | null;
}

export type MediaTables = { media_items: MediaItemsTable; media_consents: MediaConsentsTable; media_takedowns: MediaTakedownsTable };
