import { defineMessages, translator } from '../../core/i18n/index.ts';
import { type StaffFrame, StaffLayout, type ViewContext } from '../../core/views/index.ts';
import type { TaskAnswerMail } from './portal.task-mail.ts';

export const taskAnswerMessages = defineMessages({
  previewTitle: { de: 'Antwort prüfen', en: 'Check the answer' },
  previewIntro: {
    de: 'So erhält die Kundin oder der Kunde die E-Mail. Mit „Senden“ wird die Aufgabe abgeschlossen und die E-Mail verschickt.',
    en: 'This is the e-mail the customer gets. "Send" closes the task and sends the e-mail.',
  },
  noMail: {
    de: 'Die Kundin oder der Kunde hat keinen bestätigten Portalzugang: Es wird keine E-Mail verschickt, die Antwort steht nur im Portal.',
    en: 'The customer has no confirmed portal access: no e-mail is sent, the answer is shown in the portal only.',
  },
  to: { de: 'An', en: 'To' },
  subject: { de: 'Betreff', en: 'Subject' },
  send: { de: 'Senden', en: 'Send' },
  edit: { de: 'Ändern', en: 'Change' },
  sentDone: { de: 'Aufgabe {reference} erledigt, Antwort gesendet.', en: 'Task {reference} done, answer sent.' },
  sentDeclined: { de: 'Aufgabe {reference} abgelehnt, Antwort gesendet.', en: 'Task {reference} declined, answer sent.' },
});

/**
 * The step between writing and sending, as for contact answers: the exact mail, then "Senden"
 * (to the closing route, with what was typed in hidden fields) or "Ändern" (back to the task with
 * the form filled). Plain forms: it works without JavaScript.
 */
export function TaskAnswerPreviewPage({
  view,
  frame,
  reference,
  mail,
  typed,
  sendAction,
  editAction,
}: {
  view: ViewContext;
  frame: StaffFrame;
  reference: string;
  mail: TaskAnswerMail | undefined;
  typed: { outcome: 'done' | 'declined'; message: string };
  sendAction: string;
  editAction: string;
}) {
  const t = translator(taskAnswerMessages, view.locale);
  return (
    <StaffLayout view={view} title={`${t('previewTitle')} – ${reference}`} staff={frame}>
      <h1>
        {t('previewTitle')} – {reference}
      </h1>
      {mail ? (
        <>
          <p>{t('previewIntro')}</p>
          <div class="mail-card">
            <dl class="facts facts--compact">
              <div>
                <dt>{t('to')}</dt>
                <dd>{mail.to}</dd>
              </div>
              <div>
                <dt>{t('subject')}</dt>
                <dd>{mail.subject}</dd>
              </div>
            </dl>
            <p class="typed mail-card__text">{mail.text}</p>
          </div>
        </>
      ) : (
        <p class="notice">{t('noMail')}</p>
      )}
      <form method="post" action={sendAction} class="form">
        <input type="hidden" name="_csrf" value={frame.csrfToken} />
        <input type="hidden" name="outcome" value={typed.outcome} />
        <input type="hidden" name="message" value={typed.message} />
        <div class="actions">
          <button type="submit" class="button">
            {t('send')}
          </button>{' '}
          <button type="submit" class="button button--secondary" name="step" value="edit" formaction={editAction}>
            {t('edit')}
          </button>
        </div>
      </form>
    </StaffLayout>
  );
}

/** After "Senden": once, above the task list, which task was closed and that its answer went out. */
export function TaskAnswerSentNotice({ view, reference, outcome }: { view: ViewContext; reference: string; outcome: 'done' | 'declined' }) {
  const t = translator(taskAnswerMessages, view.locale);
  return (
    <p class="notice sent-notice" role="status">
      {t(outcome === 'done' ? 'sentDone' : 'sentDeclined', { reference })}
    </p>
  );
}
