import { berlinDay, type Locale, translator } from '../../core/i18n/index.ts';
import { enqueueMail } from '../../core/mail/index.ts';
import type { AppContext } from '../../core/module.ts';
import type { PrivacyTables } from '../../core/privacy/index.ts';
import { addEvent } from './gdpr.request.queries.ts';
import { rightsMessages } from './gdpr.rights.messages.ts';

const DAY_MS = 86_400_000;
/** The DPO is reminded this many days before a deadline. */
export const REMIND_DAYS_BEFORE = 7;

const longDate = new Map<Locale, Intl.DateTimeFormat>();
/** "Montag, 4. Januar 2027" in Europe/Berlin: a deadline in words, never an ISO date. */
export function dayInWords(date: Date, locale: Locale): string {
  let fmt = longDate.get(locale);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/Berlin',
    });
    longDate.set(locale, fmt);
  }
  return fmt.format(date);
}

/** Calendar days from `now` to `deadline` as a person in Berlin counts them (0: today). */
export function daysLeft(deadline: Date, now: Date): number {
  const a = Date.parse(`${berlinDay(now)}T00:00:00Z`);
  const b = Date.parse(`${berlinDay(deadline)}T00:00:00Z`);
  return Math.round((b - a) / DAY_MS);
}

/** "noch 12 Tage – bis Montag, 4. Januar 2027", "heute fällig", "seit 3 Tagen überfällig – …". */
export function deadlineInWords(deadline: Date, now: Date, locale: Locale): string {
  const t = translator(rightsMessages, locale);
  const date = dayInWords(deadline, locale);
  if (deadline <= now) {
    const days = -daysLeft(deadline, now);
    return days <= 0 ? t('deadline.passedToday', { date }) : t(days === 1 ? 'deadline.overdueOne' : 'deadline.overdue', { days, date });
  }
  const days = daysLeft(deadline, now);
  if (days === 0) return t('deadline.today', { date });
  return t(days === 1 ? 'deadline.leftOne' : 'deadline.left', { days, date });
}

/** The deadline two months later (Art. 12(3) sentence 2 GDPR), counted in UTC calendar months like the first. */
export function extendedFrom(deadline: Date): Date {
  const d = new Date(deadline.getTime());
  d.setUTCMonth(d.getUTCMonth() + 2);
  return d;
}

/**
 * Extends an open request's deadline once by two months with a reason, and tells the person
 * why, as Art. 12(3) requires. The conditional update makes a second extension (or a race of
 * two) change nothing. Returns the new deadline, or null when nothing was extended.
 */
export async function extendDeadline(ctx: AppContext, requestId: string, reason: string, staffId: string | null): Promise<Date | null> {
  const db = ctx.db.withTables<PrivacyTables>();
  const now = ctx.clock.now();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('dsr_requests')
      .selectAll()
      .where('id', '=', requestId)
      .where('status', '=', 'open')
      .where('extended_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!row?.deadline_at || row.deadline_at <= now) return null;
    const deadline = extendedFrom(row.deadline_at);
    await trx
      .updateTable('dsr_requests')
      .set({ deadline_at: deadline, extended_at: now, extension_reason: reason })
      .where('id', '=', row.id)
      .execute();
    await addEvent(trx, row.id, staffId, 'extended', { reason }, now);
    const locale: Locale = row.locale === 'en' ? 'en' : 'de';
    const t = translator(rightsMessages, locale);
    await enqueueMail(trx, ctx, {
      to: row.email,
      subject: t('extend.mailSubject', { reference: row.reference }),
      text: t('extend.mailBody', {
        name: row.name,
        reference: row.reference,
        date: dayInWords(deadline, locale),
        reason,
        org: ctx.config.organisation.shortName,
      }),
      activity: 'privacy.subject-requests',
      reference: row.reference,
    });
    return deadline;
  });
}

/**
 * The daily reminder to the DPO: requests whose deadline is at most a week away, and requests
 * past it. Each request is named once per kind of reminder (the conditional update claims it),
 * so a second run on the same day, or two workers at once, send nothing twice. The mail names
 * references and deadlines only, no requester.
 */
export async function remindDeadlines(ctx: AppContext): Promise<{ soon: number; overdue: number }> {
  const db = ctx.db.withTables<PrivacyTables>();
  const now = ctx.clock.now();
  const soonLimit = new Date(now.getTime() + REMIND_DAYS_BEFORE * DAY_MS);
  return db.transaction().execute(async (trx) => {
    const overdue = await trx
      .updateTable('dsr_requests')
      .set({ reminded_overdue_at: now })
      .where('status', '=', 'open')
      .where('deadline_at', '<=', now)
      .where('reminded_overdue_at', 'is', null)
      .returning(['id', 'reference', 'kind', 'deadline_at'])
      .execute();
    const soon = await trx
      .updateTable('dsr_requests')
      .set({ reminded_soon_at: now })
      .where('status', '=', 'open')
      .where('deadline_at', '>', now)
      .where('deadline_at', '<=', soonLimit)
      .where('reminded_soon_at', 'is', null)
      .returning(['id', 'reference', 'kind', 'deadline_at'])
      .execute();
    if (!overdue.length && !soon.length) return { soon: 0, overdue: 0 };
    const t = translator(rightsMessages, 'de');
    const line = (r: { id: string; reference: string; kind: string; deadline_at: Date | null }) =>
      `- ${r.reference} (${t(`kind.${r.kind}` as 'kind.access')}): ${r.deadline_at ? deadlineInWords(r.deadline_at, now, 'de') : '–'}\n  ${ctx.config.PUBLIC_URL}/staff/anfragen/${r.id}`;
    const parts = [
      overdue.length ? `${t('remind.overdue')}\n${overdue.map(line).join('\n')}` : '',
      soon.length ? `${t('remind.soon', { days: REMIND_DAYS_BEFORE })}\n${soon.map(line).join('\n')}` : '',
    ].filter(Boolean);
    await enqueueMail(trx, ctx, {
      to: ctx.config.organisation.dataProtectionOfficer.email,
      subject: t('remind.subject', { overdue: overdue.length, soon: soon.length }),
      text: `${t('remind.intro')}\n\n${parts.join('\n\n')}\n`,
      activity: 'privacy.subject-requests',
    });
    for (const r of [...overdue, ...soon]) await addEvent(trx, r.id, null, 'reminded', { overdue: overdue.includes(r) }, now);
    return { soon: soon.length, overdue: overdue.length };
  });
}
