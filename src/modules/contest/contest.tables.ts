import type { Generated } from 'kysely';

/** How the photos of an event may be taken and shown (the register's legal bases). */
export type ConsentBasis = 'a-consent' | 'f-legitimate-interests';

export interface ContestEventsTable {
  id: Generated<string>;
  /** Short name in URLs and on the command line, e.g. `stadtfest-2026`. */
  slug: string;
  title: string;
  held_on: string;
  consent_basis: ConsentBasis;
  /** How consent was given, in words (e.g. signs at the entrance and a form per person photographed). */
  consent_note: string;
  created_at: Date;
}

export interface ContestPhotosTable {
  id: Generated<string>;
  event_id: string;
  /** HMAC-SHA-256 of the normalised code under the installation's key: the code itself is never stored. */
  code_hash: string;
  /** The holder's choice (C57): only photos with it are in the public gallery. */
  in_gallery: Generated<boolean>;
  gallery_changed_at: Date | null;
  created_at: Date;
}

export interface ContestDrawsTable {
  id: Generated<string>;
  event_id: string;
  title: string;
  prizes: string;
  winners_count: number;
  entries_close_at: Date;
  /** The public random value named before the list is frozen, e.g. a lottery result or a drand round. */
  random_source: string;
  /** When that value becomes known; the list must be frozen before. */
  random_source_at: Date;
  frozen_at: Date | null;
  /** SHA-256 over the sorted entry hashes, published when frozen. */
  commitment: string | null;
  entry_count: number | null;
  seed: string | null;
  seed_entered_at: Date | null;
  drawn_at: Date | null;
  /** Prizes handed over and entry data deleted; the protocol remains. */
  settled_at: Date | null;
  created_at: Date;
}

export interface ContestTermsTable {
  id: Generated<string>;
  draw_id: string;
  version: number;
  text_de: string;
  text_en: string;
  published_at: Date;
}

export interface ContestEntriesTable {
  id: string;
  draw_id: string;
  /** One entry per code: unique. Null once the photo is gone (its retention). */
  photo_id: string | null;
  terms_version: number;
  first_name: string;
  last_name: string;
  street: string;
  postcode: string;
  city: string;
  email: string;
  locale: string;
  /** Random per entry: without it the published hash says nothing about the entry. */
  salt: string;
  entry_hash: string;
  created_at: Date;
  /** Separate consent to publish name and photo (C60). */
  publish_consent_at: Date | null;
  prize_handed_over_at: Date | null;
  /** The draw settled: from here the register deletes the entry (C61). */
  settled_at: Date | null;
}

/** The frozen list: entry hashes only, kept as the draw's protocol after the entries are deleted. */
export interface ContestDrawListTable {
  draw_id: string;
  entry_hash: string;
  /** 1 … winners_count for the drawn entries, else null. */
  winner_rank: number | null;
}

/** A global throttle of code look-ups: one row per hour, counted by a conditional upsert. */
export interface ContestCodeAttemptsTable {
  window_start: Date;
  attempts: number;
}

export type ContestTables = {
  contest_events: ContestEventsTable;
  contest_photos: ContestPhotosTable;
  contest_draws: ContestDrawsTable;
  contest_terms: ContestTermsTable;
  contest_entries: ContestEntriesTable;
  contest_draw_list: ContestDrawListTable;
  contest_code_attempts: ContestCodeAttemptsTable;
};
