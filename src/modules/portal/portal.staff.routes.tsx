import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isUuid } from '../../core/auth/index.ts';
import { type FieldErrors, type FormValues, formValues, HttpError, validateForm } from '../../core/http/index.ts';
import { defineMessages, formatDate, formatDateTime, type Locale, translator } from '../../core/i18n/index.ts';
import type { AppContext, StaffAccess } from '../../core/module.ts';
import { isRestricted, restrictedAmong } from '../../core/privacy/index.ts';
import { Form, StaffLayout, sendPage, staffPage, TextArea, type ViewContext, viewContextFor } from '../../core/views/index.ts';
import { RestrictedBadge, refuseRestricted } from '../gdpr/index.ts';
import { appMessages } from './portal.app.messages.ts';
import { formatEuro } from './portal.money.ts';
import { TASKS_ACTIVITY } from './portal.privacy.ts';
import { acceptReading, dropReadingAwaitingCheck } from './portal.queries.ts';
import { TaskAnswerPreviewPage, TaskAnswerSentNotice } from './portal.staff.answer.views.tsx';
import type { PortalTables } from './portal.tables.ts';
import { mailTaskAnswered, taskAnswerMail } from './portal.task-mail.ts';
import { answerTask, type StaffTaskRow, taskForStaff, tasksForStaff } from './portal.tasks.ts';

export const staffTaskMessages = defineMessages({
  title: { de: 'Aufgaben aus dem Kundenportal', en: 'Tasks from the customer portal' },
  intro: {
    de: 'Jeder Geschäftsvorfall, den Kundinnen und Kunden im Portal anstoßen, landet hier. Übertragen Sie ihn in die Abrechnung und markieren Sie ihn dann als erledigt; erledigte Aufgaben werden nach einem Jahr gelöscht.',
    en: 'Every business process customers start in the portal lands here. Carry it into billing, then mark it done; done tasks are deleted after a year.',
  },
  open: { de: 'Offen', en: 'Open' },
  done: { de: 'Zuletzt erledigt', en: 'Recently done' },
  none: { de: 'Keine offenen Aufgaben.', en: 'No open tasks.' },
  reference: { de: 'Aktenzeichen', en: 'Reference' },
  kind: { de: 'Art', en: 'Kind' },
  customer: { de: 'Kunde', en: 'Customer' },
  contract: { de: 'Vertrag', en: 'Contract' },
  received: { de: 'Eingang', en: 'Received' },
  handled: { de: 'Erledigt am', en: 'Done on' },
  address: { de: 'Anschrift', en: 'Address' },
  details: { de: 'Angaben', en: 'Details' },
  answerTitle: { de: 'Antworten und abschließen', en: 'Answer and close' },
  message: { de: 'Nachricht an die Kundin oder den Kunden', en: 'Message to the customer' },
  messageHint: {
    de: 'Die Kundin oder der Kunde liest sie im Portal und per E-Mail. Beim Ablehnen ist sie Pflicht: Nennen Sie den Grund.',
    en: 'The customer reads it in the portal and by e-mail. Required when declining: give the reason.',
  },
  messageRequired: { de: 'Bitte nennen Sie den Grund der Ablehnung.', en: 'Please give the reason for declining.' },
  markDone: { de: 'Erledigt', en: 'Done' },
  decline: { de: 'Ablehnen', en: 'Decline' },
  outcome: { de: 'Ergebnis', en: 'Outcome' },
  outcomeDone: { de: 'erledigt', en: 'done' },
  outcomeDeclined: { de: 'abgelehnt', en: 'declined' },
  answer: { de: 'Antwort', en: 'Answer' },
  back: { de: 'Zurück zur Liste', en: 'Back to the list' },
  yes: { de: 'ja', en: 'yes' },
  no: { de: 'nein', en: 'no' },
});

const FIELD_LABELS: Record<string, { de: string; en: string }> = {
  meterNumber: { de: 'Zähler', en: 'Meter' },
  readOn: { de: 'Ablesedatum', en: 'Date of reading' },
  value: { de: 'Zählerstand', en: 'Reading' },
  unit: { de: 'Einheit', en: 'Unit' },
  plausible: { de: 'Plausibel', en: 'Plausible' },
  confirmedDespite: { de: 'Trotz Hinweis bestätigt', en: 'Confirmed despite warning' },
  awaitingCheck: { de: 'Zählt erst nach Ihrer Prüfung', en: 'Counts only once you checked it' },
  contractNumber: { de: 'Vertrag', en: 'Contract' },
  currentCents: { de: 'Bisheriger Abschlag', en: 'Current instalment' },
  newCents: { de: 'Neuer Abschlag', en: 'New instalment' },
  from: { de: 'Gültig ab', en: 'From' },
  accountHolder: { de: 'Kontoinhaber/in', en: 'Account holder' },
  iban: { de: 'IBAN', en: 'IBAN' },
  mandateGrantedAt: { de: 'Mandat erteilt am', en: 'Mandate granted at' },
  moveOn: { de: 'Auszugsdatum', en: 'Moving-out date' },
  street: { de: 'Neue Straße', en: 'New street' },
  postcode: { de: 'Neue PLZ', en: 'New postcode' },
  city: { de: 'Neuer Ort', en: 'New town' },
  continueSupply: { de: 'Weiter beliefern', en: 'Continue supply' },
  contracts: { de: 'Betroffene Verträge', en: 'Contracts concerned' },
  previous: { de: 'Bisherige E-Mail-Adresse', en: 'Previous e-mail address' },
  email: { de: 'Neue E-Mail-Adresse', en: 'New e-mail address' },
};

/** The plausibility check's findings in words, not the internal codes the task stores. */
const READING_WARNINGS: Record<string, { de: string; en: string }> = {
  'below-last': { de: 'kleiner als der letzte Zählerstand', en: 'lower than the last reading' },
  'too-high': { de: 'viel höherer Verbrauch als erwartet', en: 'much more consumption than expected' },
  'too-low': { de: 'viel niedrigerer Verbrauch als erwartet', en: 'much less consumption than expected' },
};

/** Payload entries that steer the software and mean nothing to a reader. */
const HIDDEN_FIELDS = new Set(['meterId']);

function fieldValue(key: string, value: unknown, locale: Locale): string {
  const t = translator(staffTaskMessages, locale);
  if (key === 'confirmedDespite' && typeof value === 'string') return READING_WARNINGS[value]?.[locale] ?? value;
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (key.endsWith('Cents') && typeof value === 'number') return formatEuro(value, locale);
  if (Array.isArray(value)) return value.join(', ');
  // Days and moments the task stores as ISO text are written as people read them.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, locale);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value)) return formatDateTime(new Date(value), locale);
  return String(value ?? '–');
}

const answerSchema = z.object({
  outcome: z.enum(['done', 'declined']).default('done'),
  message: z.string().trim().max(2000).optional().default(''),
});

const access = (action: 'read' | 'change'): { staff: StaffAccess } => ({ staff: { activity: TASKS_ACTIVITY, action } });
const day = (d: Date, locale: Locale) => formatDateTime(d, locale);

function TaskTable({
  view,
  rows,
  done,
  restricted,
}: {
  view: ViewContext;
  rows: StaffTaskRow[];
  done?: boolean;
  /** Tasks whose processing is restricted (Art. 18 GDPR). */
  restricted?: ReadonlySet<string>;
}) {
  const t = translator(staffTaskMessages, view.locale);
  const a = translator(appMessages, view.locale);
  return (
    <table class="data-table">
      <thead>
        <tr>
          <th scope="col">{t('reference')}</th>
          <th scope="col">{t('kind')}</th>
          <th scope="col">{t('customer')}</th>
          <th scope="col">{t('contract')}</th>
          <th scope="col">{done ? t('handled') : t('received')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>
              <a href={`/staff/portal/aufgaben/${r.id}`}>{r.reference}</a>
              {restricted?.has(r.id) ? <RestrictedBadge view={view} /> : null}
            </td>
            <td>{a(`task.${r.kind}`)}</td>
            <td>
              {r.customer_number} · {r.customer_name}
            </td>
            <td>{r.contract_number ?? '–'}</td>
            <td>{day(done && r.done_at ? r.done_at : r.created_at, view.locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Customer service's inbox of portal tasks (C33); the register's recipients of `portal.tasks` open it. */
export function registerPortalStaffRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<PortalTables>();
  const page = (request: FastifyRequest) => {
    const { view, frame } = staffPage(ctx, request);
    return { view, frame, t: translator(staffTaskMessages, view.locale) };
  };

  app.get('/staff/portal/aufgaben', { config: access('read') }, async (request, reply) => {
    const { view, frame, t } = page(request);
    const { open, done } = await tasksForStaff(db);
    request.auditRecords = [...open, ...done].map((r) => r.id);
    // After "Senden" (once: only the redirect's address carries it): which task was closed.
    const sentId = formValues(request.query).gesendet;
    const sent = typeof sentId === 'string' && isUuid(sentId) ? await taskForStaff(db, sentId) : undefined;
    const restricted = await restrictedAmong(
      db,
      'portal_tasks',
      [...open, ...done].map((r) => r.id),
    );
    return sendPage(
      reply,
      <StaffLayout view={view} title={t('title')} staff={frame}>
        <h1>{t('title')}</h1>
        {sent?.outcome ? <TaskAnswerSentNotice view={view} reference={sent.reference} outcome={sent.outcome} /> : null}
        <p class="prose">{t('intro')}</p>
        <h2>{t('open')}</h2>
        {open.length ? <TaskTable view={view} rows={open} restricted={restricted} /> : <p>{t('none')}</p>}
        {done.length ? (
          <>
            <h2>{t('done')}</h2>
            <TaskTable view={view} rows={done} done restricted={restricted} />
          </>
        ) : null}
      </StaffLayout>,
    );
  });

  const showTask = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: { errors?: FieldErrors; values?: FormValues } = {},
    status = 200,
  ) => {
    const { view, frame, t } = page(request);
    const a = translator(appMessages, view.locale);
    const { id } = request.params as { id: string };
    const task = isUuid(id) ? await taskForStaff(db, id) : undefined;
    if (!task) throw new HttpError(404);
    const L = view.locale;
    const { errors = {}, values = {} } = form;
    return sendPage(
      reply,
      <StaffLayout view={view} title={task.reference} staff={frame}>
        <h1>
          {task.reference} · {a(`task.${task.kind}`)}
        </h1>
        <dl class="facts">
          <div>
            <dt>{t('customer')}</dt>
            <dd>
              {task.customer_number} · {task.customer_name}
            </dd>
          </div>
          <div>
            <dt>{t('address')}</dt>
            <dd>
              {task.street}, {task.postcode} {task.city}
            </dd>
          </div>
          <div>
            <dt>{t('contract')}</dt>
            <dd>{task.contract_number ?? '–'}</dd>
          </div>
          <div>
            <dt>{t('received')}</dt>
            <dd>{day(task.created_at, L)}</dd>
          </div>
          {task.done_at ? (
            <div>
              <dt>{t('handled')}</dt>
              <dd>{day(task.done_at, L)}</dd>
            </div>
          ) : null}
        </dl>
        <h2>{t('details')}</h2>
        <dl class="facts">
          {Object.entries(task.payload as Record<string, unknown>)
            .filter(([key]) => !HIDDEN_FIELDS.has(key))
            .map(([key, value]) => (
              <div key={key}>
                <dt>{FIELD_LABELS[key]?.[L] ?? key}</dt>
                <dd>{fieldValue(key, value, L)}</dd>
              </div>
            ))}
        </dl>
        {task.outcome ? (
          <dl class="facts">
            <div>
              <dt>{t('outcome')}</dt>
              <dd>{t(task.outcome === 'declined' ? 'outcomeDeclined' : 'outcomeDone')}</dd>
            </div>
            {task.answer ? (
              <div>
                <dt>{t('answer')}</dt>
                <dd class="typed">{task.answer}</dd>
              </div>
            ) : null}
          </dl>
        ) : null}
        {task.status === 'open' ? (
          <section aria-labelledby="answer-title">
            <h2 id="answer-title">{t('answerTitle')}</h2>
            <Form
              view={view}
              action={`/staff/portal/aufgaben/${task.id}/pruefen#answer-title`}
              errors={errors}
              labels={{ message: t('message') }}
              csrfToken={frame.csrfToken}
              showRequiredNote={false}
            >
              <TextArea
                view={view}
                name="message"
                label={t('message')}
                hint={t('messageHint')}
                values={values}
                errors={errors}
                rows={4}
                maxLength={2000}
              />
              <div class="actions">
                <button type="submit" class="button" name="outcome" value="done">
                  {t('markDone')}
                </button>{' '}
                <button type="submit" class="button button--secondary" name="outcome" value="declined">
                  {t('decline')}
                </button>
              </div>
            </Form>
          </section>
        ) : null}
        <p>
          <a href="/staff/portal/aufgaben">{t('back')}</a>
        </p>
      </StaffLayout>,
      status,
    );
  };

  app.get('/staff/portal/aufgaben/:id', { config: access('read') }, (request, reply) => showTask(request, reply));

  /** The open task (404 otherwise), refused when restricted; and the answer as typed, or the form again with the mistakes. */
  const answerFrom = async (request: FastifyRequest, reply: FastifyReply) => {
    const { id } = request.params as { id: string };
    const task = isUuid(id) ? await taskForStaff(db, id) : undefined;
    if (!task || !request.staff) throw new HttpError(404);
    // A restricted task is kept, not carried into the contract (Art. 18 GDPR).
    if (await isRestricted(db, 'portal_tasks', task.id)) return { done: await refuseRestricted(ctx, request, reply) };
    const view = viewContextFor(request);
    const t = translator(staffTaskMessages, view.locale);
    const form = validateForm(answerSchema, request.body, { locale: view.locale, labels: { message: t('message') } });
    if (!form.ok) return { done: await showTask(request, reply, form, 400) };
    if (form.data.outcome === 'declined' && !form.data.message)
      return { done: await showTask(request, reply, { errors: { message: t('messageRequired') }, values: form.values }, 400) };
    return { task, staffId: request.staff.id, ...form.data };
  };

  /**
   * The answer mail before it is sent: the exact mail with "Senden" and "Ändern"; "Ändern" comes
   * back here and shows the task with the form filled in. Nothing changes, so it is a read.
   */
  app.post('/staff/portal/aufgaben/:id/pruefen', { config: access('read') }, async (request, reply) => {
    const { id } = request.params as { id: string };
    if (isUuid(id)) request.auditRecords = [id];
    if (formValues(request.body).step === 'edit') {
      const { message } = formValues(request.body);
      return showTask(request, reply, { values: { message: typeof message === 'string' ? message : '' } });
    }
    const answer = await answerFrom(request, reply);
    if ('done' in answer) return answer.done;
    const { task, outcome, message } = answer;
    if (task.status !== 'open') return reply.redirect(`/staff/portal/aufgaben/${task.id}`, 303);
    const mail = await taskAnswerMail(db, ctx, {
      customerId: task.customer_id,
      reference: task.reference,
      kind: task.kind,
      outcome,
      answer: message || null,
    });
    const { view, frame } = staffPage(ctx, request);
    return sendPage(
      reply,
      <TaskAnswerPreviewPage
        view={view}
        frame={frame}
        reference={task.reference}
        mail={mail}
        typed={{ outcome, message }}
        sendAction={`/staff/portal/aufgaben/${task.id}/erledigt`}
        editAction={`/staff/portal/aufgaben/${task.id}/pruefen#answer-title`}
      />,
    );
  });

  app.post('/staff/portal/aufgaben/:id/erledigt', { config: access('change') }, async (request, reply) => {
    const answer = await answerFrom(request, reply);
    if ('done' in answer) return answer.done;
    const { task, staffId, outcome, message } = answer;
    const payload = task.payload as { meterId?: string; readOn?: string; awaitingCheck?: boolean };
    const closed = await db.transaction().execute(async (trx) => {
      const closed = await answerTask(trx, task.id, staffId, ctx.clock.now(), { outcome, message: message || null });
      if (!closed) return false;
      // Accepting a reading that waited for the check makes it the last reading; declining drops it.
      if (task.kind === 'meter-reading' && payload.awaitingCheck && payload.meterId && payload.readOn) {
        if (outcome === 'done') await acceptReading(trx, payload.meterId, payload.readOn);
        else await dropReadingAwaitingCheck(trx, payload.meterId, payload.readOn);
      }
      await mailTaskAnswered(trx, ctx, {
        customerId: task.customer_id,
        reference: task.reference,
        kind: task.kind,
        outcome,
        answer: message || null,
      });
      return true;
    });
    // The confirmation: the list again, saying once which task was closed and answered.
    return reply.redirect(closed ? `/staff/portal/aufgaben?gesendet=${task.id}` : '/staff/portal/aufgaben', 303);
  });
}
