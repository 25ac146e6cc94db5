import type { JobDefinition } from '../../core/module.ts';
import { readBounceMaildir } from './newsletter.maildir.ts';
import { dispatchCampaigns, sendCampaign } from './newsletter.send.ts';

/**
 * `newsletter.dispatch` runs every minute: it starts scheduled campaigns and sends whatever is
 * sending until nothing is due — a run lasts as long as the campaign, it is not a batch per
 * minute. A later round picks up what a crashed process left (its leases run out).
 * `newsletter.send` sends one campaign now (CLI, staff "send now" through the scheduler).
 * `newsletter.bounces` reads the bounce mailbox (NEWSLETTER_BOUNCE_MAILDIR) every minute.
 */
export const newsletterJobs: JobDefinition[] = [
  { name: 'newsletter.dispatch', cron: '* * * * *', run: (ctx) => dispatchCampaigns(ctx) },
  {
    name: 'newsletter.bounces',
    cron: '* * * * *',
    run: (ctx) =>
      ctx.config.NEWSLETTER_BOUNCE_MAILDIR ? readBounceMaildir(ctx, ctx.config.NEWSLETTER_BOUNCE_MAILDIR) : Promise.resolve(null),
  },
  {
    name: 'newsletter.send',
    run: (ctx, data) => (typeof data.campaignId === 'string' ? sendCampaign(ctx, data.campaignId) : Promise.resolve(null)),
  },
];
