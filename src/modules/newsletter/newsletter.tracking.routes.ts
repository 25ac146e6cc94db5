import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isUuid, safeEqual } from '../../core/auth/index.ts';
import type { AppContext } from '../../core/module.ts';
import { applyBounce } from './newsletter.bounces.ts';
import { BOUNCE_PATH, pseudonymOfToken, TRACK_CLICK, TRACK_OPEN } from './newsletter.links.ts';
import type { NewsletterTables } from './newsletter.tables.ts';
import { countEvent, OPEN } from './newsletter.tracking.ts';

// The smallest transparent GIF.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const bounceSchema = z
  .object({
    type: z.enum(['hard', 'soft', 'complaint']),
    email: z.email().max(254).optional(),
    messageId: z.string().max(300).optional(),
  })
  .refine((b) => b.email || b.messageId, 'email or messageId');

/**
 * The open pixel and the click redirect (C53), and the bounce endpoint of the mail server. None
 * sets a cookie; a token that is not ours, or of a campaign whose key is gone, counts nothing.
 */
export function registerTrackingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<NewsletterTables>();

  app.get(`${TRACK_OPEN}/:campaign/:token`, async (request, reply) => {
    const { campaign, token } = request.params as { campaign: string; token: string };
    const pseudo = isUuid(campaign) ? pseudonymOfToken(ctx.config, campaign, token) : null;
    if (pseudo) await countEvent(ctx, campaign, OPEN, pseudo);
    // Web mail shows the image on its own origin: this one resource may be embedded anywhere.
    return reply.type('image/gif').header('cache-control', 'no-store').header('cross-origin-resource-policy', 'cross-origin').send(PIXEL);
  });

  app.get(`${TRACK_CLICK}/:campaign/:link/:token`, async (request, reply) => {
    const { campaign, link, token } = request.params as { campaign: string; link: string; token: string };
    const row =
      isUuid(campaign) && /^\d{1,4}$/.test(link)
        ? await db.selectFrom('newsletter_campaigns').select('links').where('id', '=', campaign).executeTakeFirst()
        : undefined;
    // Only the campaign's own links: the redirect is never open to an address in the URL.
    const target = row?.links[Number(link)]?.url;
    if (!target) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    const pseudo = pseudonymOfToken(ctx.config, campaign, token);
    if (pseudo) await countEvent(ctx, campaign, Number(link), pseudo);
    return reply.header('cache-control', 'no-store').redirect(target, 302);
  });

  /**
   * Bounces and complaints reported by the mail server (or its DSN reader), authenticated by a
   * shared secret. Hard bounces and complaints take the address off the list; a soft bounce
   * sends that one mail again later, up to MAIL_MAX_ATTEMPTS.
   */
  app.post(BOUNCE_PATH, async (request, reply) => {
    const secret = ctx.config.NEWSLETTER_BOUNCE_SECRET;
    if (!secret) return reply.code(404).send({ error: 'not configured' });
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (!safeEqual(given, secret)) return reply.code(401).send({ error: 'unauthorised' });
    const parsed = bounceSchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ error: 'expected {type: hard|soft|complaint, email or messageId}' });
    return reply.code(202).send({ outcome: await applyBounce(ctx, parsed.data) });
  });
}
