import type { AppContext } from '../../core/module.ts';
import { pseudonym } from './newsletter.links.ts';
import type { NewsletterTables } from './newsletter.tables.ts';

export const OPEN = -1;
/** A pseudonym marked "not counted": its subscriber objected after the mail went out. */
export const NOT_COUNTED = -2;

/**
 * C53: counts an open (link -1) or a click once per pseudonym, while the campaign's key lives.
 * Only the pseudonym is stored; the count beside it is anonymous and outlives it.
 */
export async function countEvent(ctx: AppContext, campaignId: string, link: number, pseudo: string): Promise<boolean> {
  const db = ctx.db.withTables<NewsletterTables>();
  return db.transaction().execute(async (trx) => {
    const live = await trx
      .selectFrom('newsletter_campaigns')
      .select('id')
      .where('id', '=', campaignId)
      .where('tracking_key', 'is not', null)
      .forShare()
      .executeTakeFirst();
    if (!live) return false;
    const objected = await trx
      .selectFrom('newsletter_events')
      .select('pseudonym')
      .where('campaign_id', '=', campaignId)
      .where('link', '=', NOT_COUNTED)
      .where('pseudonym', '=', pseudo)
      .executeTakeFirst();
    if (objected) return false;
    const inserted = await trx
      .insertInto('newsletter_events')
      .values({ campaign_id: campaignId, link, pseudonym: pseudo, at: ctx.clock.now() })
      .onConflict((oc) => oc.columns(['campaign_id', 'link', 'pseudonym']).doNothing())
      .returning('link')
      .executeTakeFirst();
    if (!inserted) return false;
    await trx
      .insertInto('newsletter_counts')
      .values({ campaign_id: campaignId, link, count: 1 })
      .onConflict((oc) => oc.columns(['campaign_id', 'link']).doUpdateSet((eb) => ({ count: eb('newsletter_counts.count', '+', 1) })))
      .execute();
    return true;
  });
}

/**
 * A subscriber who objects to measurement: for every campaign whose key still lives, what was
 * counted for them is taken back and their pseudonym is marked, so mails already sent count no more.
 */
export async function stopCounting(ctx: AppContext, subscriberId: string): Promise<void> {
  const db = ctx.db.withTables<NewsletterTables>();
  const campaigns = await db
    .selectFrom('newsletter_campaigns')
    .select(['id', 'tracking_key'])
    .where('tracking_key', 'is not', null)
    .execute();
  for (const c of campaigns) {
    const pseudo = pseudonym(c.tracking_key as string, subscriberId);
    await db.transaction().execute(async (trx) => {
      const taken = await trx
        .deleteFrom('newsletter_events')
        .where('campaign_id', '=', c.id)
        .where('pseudonym', '=', pseudo)
        .returning('link')
        .execute();
      for (const e of taken.filter((x) => x.link !== NOT_COUNTED))
        await trx
          .updateTable('newsletter_counts')
          .set((eb) => ({ count: eb('count', '-', 1) }))
          .where('campaign_id', '=', c.id)
          .where('link', '=', e.link)
          .execute();
      await trx
        .insertInto('newsletter_events')
        .values({ campaign_id: c.id, link: NOT_COUNTED, pseudonym: pseudo, at: ctx.clock.now() })
        .execute();
    });
  }
}
