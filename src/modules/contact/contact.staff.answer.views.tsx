import { translator } from '../../core/i18n/index.ts';
import type { ViewContext } from '../../core/views/index.ts';
import type { RequestRow } from './contact.queries.ts';
import { contactStaffMessages } from './contact.staff.messages.ts';
import { InboxLayout, type StaffPage, when } from './contact.staff.views.tsx';

/** An answer mail as the recipient gets it: the framed text of answerMail(), not only what staff typed. */
export interface MailShown {
  from: string;
  to: string;
  subject: string;
  text: string;
}

export interface SentMail extends MailShown {
  at: Date;
  by: string | null;
  reference: string;
}

function MailCard({ view, mail }: { view: ViewContext; mail: MailShown }) {
  const t = translator(contactStaffMessages, view.locale);
  return (
    <div class="mail-card">
      <dl class="facts facts--compact">
        <div>
          <dt>{t('preview.from')}</dt>
          <dd>{mail.from}</dd>
        </div>
        <div>
          <dt>{t('preview.to')}</dt>
          <dd>{mail.to}</dd>
        </div>
        <div>
          <dt>{t('preview.subject')}</dt>
          <dd>{mail.subject}</dd>
        </div>
      </dl>
      <p class="typed mail-card__text">{mail.text}</p>
    </div>
  );
}

/**
 * The step between writing and sending: the exact mail, then "Senden" (to the sending route,
 * with what was typed in hidden fields) or "Ändern" (back to the request with the form filled).
 * Plain forms: it works without JavaScript.
 */
export function AnswerPreviewPage({
  view,
  frame,
  request: r,
  mail,
  typed,
  sendAction,
  editAction,
}: StaffPage & {
  request: RequestRow;
  mail: MailShown;
  typed: { mailSubject: string; mailText: string };
  sendAction: string;
  editAction: string;
}) {
  const t = translator(contactStaffMessages, view.locale);
  return (
    <InboxLayout view={view} frame={frame} kind={r.kind} title={`${t('preview.title')} – ${r.reference}`}>
      <h1>
        {t('preview.title')} – {t('detail.request')} {r.reference}
      </h1>
      <p>{t('preview.intro')}</p>
      <MailCard view={view} mail={mail} />
      <form method="post" action={sendAction} class="form">
        <input type="hidden" name="_csrf" value={frame.csrfToken} />
        <input type="hidden" name="mailSubject" value={typed.mailSubject} />
        <input type="hidden" name="mailText" value={typed.mailText} />
        <div class="actions">
          <button type="submit" class="button">
            {t('preview.send')}
          </button>{' '}
          <button type="submit" class="button button--secondary" name="step" value="edit" formaction={editAction}>
            {t('preview.edit')}
          </button>
        </div>
      </form>
    </InboxLayout>
  );
}

/** After "Senden": what went out, to whom, when and under which reference, once, above the record. */
export function SentNotice({ view, sent }: { view: ViewContext; sent: SentMail }) {
  const t = translator(contactStaffMessages, view.locale);
  return (
    <section class="notice sent-notice" role="status" aria-labelledby="sent-title">
      <h2 id="sent-title">{t('sent.title')}</h2>
      <p>{t('sent.intro')}</p>
      <dl class="facts facts--compact">
        <div>
          <dt>{t('sent.at')}</dt>
          <dd>{when(sent.at, view.locale)}</dd>
        </div>
        {sent.by ? (
          <div>
            <dt>{t('sent.by')}</dt>
            <dd>{sent.by}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('sent.reference')}</dt>
          <dd>{sent.reference}</dd>
        </div>
      </dl>
      <MailCard view={view} mail={sent} />
    </section>
  );
}
