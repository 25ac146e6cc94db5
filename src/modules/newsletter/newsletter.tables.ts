import type { ColumnType, Generated } from 'kysely';

export type SubscriberStatus = 'pending' | 'active';
export type CampaignStatus = 'draft' | 'scheduled' | 'sending' | 'paused' | 'sent';
export type SendStatus = 'pending' | 'sending' | 'sent' | 'failed';
export type WithdrawalChannel = 'one-click' | 'preferences' | 'hard-bounce' | 'complaint' | 'erasure';

export interface NewsletterTopicsTable {
  id: string;
  name_de: string;
  name_en: string;
  created_at: Date;
}

export interface NewsletterSubscribersTable {
  id: Generated<string>;
  /** Lower-cased. */
  email: string;
  salutation: string | null;
  name: string | null;
  topics: ColumnType<string[], string[] | undefined, string[]>;
  locale: string;
  /** False: the subscriber opted out of measuring opens and clicks. */
  measure: ColumnType<boolean, boolean | undefined, boolean>;
  status: SubscriberStatus;
  /** SHA-256 of the confirmation token; null once confirmed. */
  confirm_token_hash: string | null;
  // Proof of consent: the request as made …
  requested_at: Date;
  request_form: string;
  statement_version: number | null;
  requested_topics: ColumnType<string[], string[] | undefined, string[]>;
  // … and its confirmation.
  confirmed_at: Date | null;
  /** A changed address waiting for its own confirmation. */
  new_email: string | null;
  new_email_token_hash: string | null;
  new_email_requested_at: Date | null;
}

export interface NewsletterWithdrawalsTable {
  id: Generated<string>;
  /** HMAC of the address under the installation's key: matches the address when asked, reveals nothing else. */
  email_hash: string;
  withdrawn_at: Date;
  channel: WithdrawalChannel;
}

export interface CampaignLink {
  url: string;
}

export interface NewsletterCampaignsTable {
  id: Generated<string>;
  subject: string;
  markdown: string;
  /** Null: every subscriber. */
  topic: string | null;
  status: CampaignStatus;
  scheduled_at: Date | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  /** The per-campaign key of the pseudonyms; destroyed (null) after the evaluation period. */
  tracking_key: string | null;
  key_destroyed_at: Date | null;
  links: ColumnType<CampaignLink[], string | undefined, string>;
}

export interface NewsletterSendsTable {
  id: Generated<string>;
  campaign_id: string;
  subscriber_id: string | null;
  email: string;
  status: SendStatus;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Date;
  /** When a sender claimed the row (status 'sending'); claimed longer ago than the lease, it is an orphan of a crash. */
  claimed_at: Date | null;
  /** Fixed when the row is made, so a resend after a crash carries the same identity. */
  message_id: string;
  done_at: Date | null;
  last_error: string | null;
}

export interface NewsletterEventsTable {
  campaign_id: string;
  /** -1: an open; otherwise the link's index in the campaign. */
  link: number;
  pseudonym: string;
  at: Date;
}

export interface NewsletterCountsTable {
  campaign_id: string;
  link: number;
  count: number;
}

export type NewsletterTables = {
  newsletter_topics: NewsletterTopicsTable;
  newsletter_subscribers: NewsletterSubscribersTable;
  newsletter_withdrawals: NewsletterWithdrawalsTable;
  newsletter_campaigns: NewsletterCampaignsTable;
  newsletter_sends: NewsletterSendsTable;
  newsletter_events: NewsletterEventsTable;
  newsletter_counts: NewsletterCountsTable;
};
