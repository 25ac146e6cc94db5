import type { ColumnType } from 'kysely';

export interface LettersTable {
  id: string;
  created_at: Date;
  /** The Europe/Berlin day whose print run the letter belongs to, `YYYY-MM-DD`. */
  day: string;
  /** What the letter is, e.g. `activation-key`, `written-answer`. */
  kind: string;
  /** The processing activity that caused the letter (the privacy register names it). */
  activity: string;
  /** What the letter is about in the causing module, e.g. a request id. */
  reference: string | null;
  /** Personal: the addressee as printed in the address field. */
  recipient_name: string;
  /** Personal: the rendered letter. */
  pdf: ColumnType<Uint8Array, Uint8Array, never>;
  pages: number;
  /** When the letter went into a print run; null while it waits. */
  printed_at: Date | null;
  /** 'metadata': once printed, name, reference and PDF go (the cause was deleted); 'content': kept for reprints. */
  keep_after_print: ColumnType<'content' | 'metadata', 'content' | 'metadata' | undefined, 'content' | 'metadata'>;
}

export type LettersTables = { letters: LettersTable };
