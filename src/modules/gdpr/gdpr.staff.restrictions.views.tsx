import type { FastifyReply, FastifyRequest } from 'fastify';
import { translator } from '../../core/i18n/index.ts';
import type { AppContext } from '../../core/module.ts';
import { type StaffFrame, StaffLayout, sendPage, staffFrame, type ViewContext, viewContextFor } from '../../core/views/index.ts';
import { rightsMessages } from './gdpr.rights.messages.ts';

/** The mark a module's staff list puts next to a restricted record (Art. 18 GDPR). */
export function RestrictedBadge({ view }: { view: ViewContext }) {
  return <strong class="status--overdue"> ({translator(rightsMessages, view.locale)('restricted.badge')})</strong>;
}

/**
 * The answer to a processing action on a restricted record: 409, nothing done, and why. Modules
 * call it before any step that processes the record (answer, assign, note, close).
 */
export function refuseRestricted(ctx: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const view = viewContextFor(request);
  const t = translator(rightsMessages, view.locale);
  return sendPage(
    reply,
    <StaffLayout view={view} title={t('restricted.title')} staff={staffFrame(ctx, request) as StaffFrame}>
      <h1>{t('restricted.title')}</h1>
      <p>{t('restricted.text')}</p>
    </StaffLayout>,
    409,
  );
}
