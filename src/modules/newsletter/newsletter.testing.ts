import type { Kysely } from 'kysely';
import type { NewsletterTables } from './newsletter.tables.ts';

/** Test data: confirmed subscribers and a draft campaign, written straight to the tables. */
export async function addSubscribers(
  // biome-ignore lint: any handle of the application's database
  anyDb: Kysely<any>,
  emails: readonly string[],
  extra: { topics?: string[]; measure?: boolean; locale?: 'de' | 'en' } = {},
): Promise<{ id: string; email: string }[]> {
  const db = anyDb as Kysely<NewsletterTables>;
  if (emails.length === 0) return [];
  const at = new Date('2026-06-01T08:00:00Z');
  return db
    .insertInto('newsletter_subscribers')
    .values(
      emails.map((email) => ({
        email,
        salutation: null,
        name: null,
        topics: extra.topics ?? [],
        locale: extra.locale ?? 'de',
        measure: extra.measure ?? true,
        status: 'active' as const,
        confirm_token_hash: null,
        requested_at: at,
        request_form: '/newsletter',
        statement_version: 1,
        requested_topics: extra.topics ?? [],
        confirmed_at: at,
        new_email: null,
        new_email_token_hash: null,
        new_email_requested_at: null,
      })),
    )
    .returning(['id', 'email'])
    .execute();
}

export async function addCampaign(
  // biome-ignore lint: any handle of the application's database
  anyDb: Kysely<any>,
  campaign: { subject?: string; markdown?: string; topic?: string | null } = {},
): Promise<string> {
  const db = anyDb as Kysely<NewsletterTables>;
  const row = await db
    .insertInto('newsletter_campaigns')
    .values({
      subject: campaign.subject ?? 'Neues aus Ihren Stadtwerken',
      markdown: campaign.markdown ?? '## Hallo\n\nUnser [Solarkataster](https://www.example.org/solar) ist online.',
      topic: campaign.topic ?? null,
      status: 'draft',
      scheduled_at: null,
      created_at: new Date('2026-06-01T08:00:00Z'),
      started_at: null,
      finished_at: null,
      tracking_key: null,
      key_destroyed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
