import type { Kysely, Transaction } from 'kysely';
import { type Locale, translator } from '../../core/i18n/index.ts';
import { enqueueMail } from '../../core/mail/index.ts';
import type { AppContext } from '../../core/module.ts';
import { appMessages } from './portal.app.messages.ts';
import { TASKS_ACTIVITY } from './portal.privacy.ts';
import type { PortalTables, TaskKind } from './portal.tables.ts';

type Db = Kysely<PortalTables> | Transaction<PortalTables>;

/**
 * The customer's active access: its address was confirmed (activation or a confirmed change), so
 * a mail about their requests may go there. Without one (the access was deleted) nothing is sent.
 */
async function confirmedAddressOf(db: Db, customerId: string): Promise<{ email: string; locale: Locale } | undefined> {
  const row = await db
    .selectFrom('portal_accounts')
    .select(['email', 'locale'])
    .where('customer_id', '=', customerId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row ? { email: row.email, locale: row.locale === 'en' ? 'en' : 'de' } : undefined;
}

/** Confirms by mail that a request from the portal arrived, with its reference (in the caller's transaction). */
export async function mailTaskReceived(
  db: Db,
  ctx: AppContext,
  task: { customerId: string; reference: string; kind: TaskKind },
): Promise<void> {
  const to = await confirmedAddressOf(db, task.customerId);
  if (!to) return;
  const t = translator(appMessages, to.locale);
  await enqueueMail(db, ctx, {
    to: to.email,
    subject: t('taskMail.receivedSubject', { reference: task.reference }),
    text: t('taskMail.receivedBody', { kind: t(`task.${task.kind}`), reference: task.reference, org: ctx.config.organisation.shortName }),
    activity: TASKS_ACTIVITY,
    reference: task.reference,
  });
}

/** The answer mail exactly as it would go out; what the preview shows and what is then sent. */
export interface TaskAnswerMail {
  to: string;
  subject: string;
  text: string;
  reference: string;
}

type AnsweredTask = { customerId: string; reference: string; kind: TaskKind; outcome: 'done' | 'declined'; answer: string | null };

/**
 * Builds customer service's answer (done or declined, and the message) without sending it, so the
 * preview and the sending share one text. Undefined when the customer has no confirmed address.
 */
export async function taskAnswerMail(db: Db, ctx: AppContext, task: AnsweredTask): Promise<TaskAnswerMail | undefined> {
  const to = await confirmedAddressOf(db, task.customerId);
  if (!to) return undefined;
  const t = translator(appMessages, to.locale);
  const kind = t(`task.${task.kind}`);
  const lines = [
    t(task.outcome === 'done' ? 'taskMail.doneBody' : 'taskMail.declinedBody', { kind, reference: task.reference }),
    ...(task.answer ? ['', t('taskMail.message'), task.answer] : []),
    '',
    t('taskMail.portal'),
    '',
    ctx.config.organisation.shortName,
  ];
  return {
    to: to.email,
    subject: t(task.outcome === 'done' ? 'taskMail.doneSubject' : 'taskMail.declinedSubject', { reference: task.reference }),
    text: lines.join('\n'),
    reference: task.reference,
  };
}

/** Tells the customer customer service's answer: done or declined, and the message. */
export async function mailTaskAnswered(db: Db, ctx: AppContext, task: AnsweredTask): Promise<void> {
  const mail = await taskAnswerMail(db, ctx, task);
  if (!mail) return;
  await enqueueMail(db, ctx, { ...mail, activity: TASKS_ACTIVITY });
}
