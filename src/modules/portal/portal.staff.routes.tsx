import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isUuid } from '../../core/auth/index.ts';
import { HttpError } from '../../core/http/index.ts';
import { defineMessages, formatDateTime, type Locale, translator } from '../../core/i18n/index.ts';
import type { AppContext, StaffAccess } from '../../core/module.ts';
import { StaffLayout, sendPage, staffPage, type ViewContext } from '../../core/views/index.ts';
import { appMessages } from './portal.app.messages.ts';
import { formatEuro } from './portal.money.ts';
import { TASKS_ACTIVITY } from './portal.privacy.ts';
import type { PortalTables } from './portal.tables.ts';
import { markTaskDone, type StaffTaskRow, taskForStaff, tasksForStaff } from './portal.tasks.ts';

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
  markDone: { de: 'Als erledigt markieren', en: 'Mark as done' },
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

function fieldValue(key: string, value: unknown, locale: Locale): string {
  const t = translator(staffTaskMessages, locale);
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (key.endsWith('Cents') && typeof value === 'number') return formatEuro(value, locale);
  if (Array.isArray(value)) return value.join(', ');
  return String(value ?? '–');
}

const access = (action: 'read' | 'change'): { staff: StaffAccess } => ({ staff: { activity: TASKS_ACTIVITY, action } });
const day = (d: Date, locale: Locale) => formatDateTime(d, locale);

function TaskTable({ view, rows, done }: { view: ViewContext; rows: StaffTaskRow[]; done?: boolean }) {
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
    return sendPage(
      reply,
      <StaffLayout view={view} title={t('title')} staff={frame}>
        <h1>{t('title')}</h1>
        <p class="prose">{t('intro')}</p>
        <h2>{t('open')}</h2>
        {open.length ? <TaskTable view={view} rows={open} /> : <p>{t('none')}</p>}
        {done.length ? (
          <>
            <h2>{t('done')}</h2>
            <TaskTable view={view} rows={done} done />
          </>
        ) : null}
      </StaffLayout>,
    );
  });

  app.get('/staff/portal/aufgaben/:id', { config: access('read') }, async (request, reply) => {
    const { view, frame, t } = page(request);
    const a = translator(appMessages, view.locale);
    const { id } = request.params as { id: string };
    const task = isUuid(id) ? await taskForStaff(db, id) : undefined;
    if (!task) throw new HttpError(404);
    const L = view.locale;
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
          {Object.entries(task.payload).map(([key, value]) => (
            <div key={key}>
              <dt>{FIELD_LABELS[key]?.[L] ?? key}</dt>
              <dd>{fieldValue(key, value, L)}</dd>
            </div>
          ))}
        </dl>
        {task.status === 'open' ? (
          <form method="post" action={`/staff/portal/aufgaben/${task.id}/erledigt`}>
            <input type="hidden" name="_csrf" value={frame.csrfToken} />
            <button type="submit" class="button">
              {t('markDone')}
            </button>
          </form>
        ) : null}
        <p>
          <a href="/staff/portal/aufgaben">{t('back')}</a>
        </p>
      </StaffLayout>,
    );
  });

  app.post('/staff/portal/aufgaben/:id/erledigt', { config: access('change') }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const task = isUuid(id) ? await taskForStaff(db, id) : undefined;
    if (!task || !request.staff) throw new HttpError(404);
    await markTaskDone(db, task.id, request.staff.id, ctx.clock.now());
    return reply.redirect('/staff/portal/aufgaben', 303);
  });
}
