import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUuid } from '../../core/auth/index.ts';
import { formValues, HttpError } from '../../core/http/index.ts';
import { translator } from '../../core/i18n/index.ts';
import type { AppContext } from '../../core/module.ts';
import { findActivity, isRestricted, type ProcessingActivity, restrictedAmong, rolesSeeingRow } from '../../core/privacy/index.ts';
import { sendPage, staffPage } from '../../core/views/index.ts';
import { refuseRestricted } from '../gdpr/index.ts';
import { ACTIVITY, INBOX_PATH } from './contact.forms.ts';
import {
  addEvent,
  type CallbackRow,
  type ContactDb,
  colleagues,
  eventsOf,
  getCallback,
  listCallbacks,
  markDone,
} from './contact.queries.ts';
import { assignStep, noteStep } from './contact.staff.actions.ts';
import { CallbackDetailPage, CallbackListPage } from './contact.staff.callbacks.views.tsx';
import { contactStaffMessages } from './contact.staff.messages.ts';
import { choice, enforceNow, member, REFERENCE, staffAccess } from './contact.staff.shared.ts';
import type { Failed } from './contact.staff.views.tsx';

/**
 * Customer service's callback list (C18): every recipient of the activity sees every callback.
 * "Done" after the call deletes the request through the register's rule (C19).
 */
export function registerCallbackInbox(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<ContactDb>();
  const base = INBOX_PATH.callback;
  const activity = findActivity(ctx.modules, ctx.config, ACTIVITY.callback) as ProcessingActivity;
  const read = { config: staffAccess(activity.id, 'read') };
  const change = { config: staffAccess(activity.id, 'change') };
  const team = () => colleagues(db, rolesSeeingRow(activity, null));

  const load = async (request: FastifyRequest): Promise<CallbackRow> => {
    const { id } = request.params as { id: string };
    const row = isUuid(id) ? await getCallback(db, id) : undefined;
    if (!row || row.done_at) throw new HttpError(404);
    return row;
  };
  const detail = async (request: FastifyRequest, reply: FastifyReply, row: CallbackRow, failed?: Failed) => {
    const { view, frame } = staffPage(ctx, request);
    return sendPage(
      reply,
      <CallbackDetailPage
        view={view}
        frame={frame}
        callback={row}
        events={await eventsOf(db, { callback: row.id })}
        colleagues={await team()}
        failed={failed}
      />,
      failed ? 400 : 200,
    );
  };
  const back = (reply: FastifyReply, row: CallbackRow) => reply.redirect(`${base}/${row.id}`, 303);

  app.get(base, read, async (request, reply) => {
    const { view, frame } = staffPage(ctx, request);
    const filter = {
      when: choice(request.query, 'when', ['all', 'due', 'upcoming'] as const, 'all'),
      assigned: choice(request.query, 'assigned', ['all', 'me', 'none'] as const, 'all'),
    };
    const now = ctx.clock.now();
    const rows = await listCallbacks(db, filter, member(request).id, now);
    request.auditRecords = rows.map((r) => r.id);
    const done = formValues(request.query).erledigt;
    const notice =
      typeof done === 'string' && REFERENCE.test(done)
        ? translator(contactStaffMessages, view.locale)('list.doneDeleted', { reference: done })
        : undefined;
    const restricted = await restrictedAmong(
      db,
      'contact_callbacks',
      rows.map((r) => r.id),
    );
    return sendPage(
      reply,
      <CallbackListPage view={view} frame={frame} rows={rows} filter={filter} notice={notice} now={now} restricted={restricted} />,
    );
  });

  app.get(`${base}/:id`, read, async (request, reply) => detail(request, reply, await load(request)));

  /** Every change to a callback is one form posted to `…/:id/<action>`. */
  const actions: Record<string, (request: FastifyRequest, reply: FastifyReply, row: CallbackRow) => Promise<FastifyReply>> = {
    zuweisen: async (request, reply, row) => {
      const failed = await assignStep(db, request, { callback: row.id }, await team(), ctx.clock.now());
      return failed ? detail(request, reply, row, failed) : back(reply, row);
    },
    notiz: async (request, reply, row) => {
      const failed = await noteStep(db, request, { callback: row.id }, ctx.clock.now());
      return failed ? detail(request, reply, row, failed) : back(reply, row);
    },
    erledigt: async (request, reply, row) => {
      const now = ctx.clock.now();
      if (await markDone(db, row.id, now)) {
        await addEvent(db, { callback: row.id }, { kind: 'done', staffId: member(request).id, at: now });
        await enforceNow(ctx, activity.id, now);
      }
      return reply.redirect(`${base}?erledigt=${row.reference}`, 303);
    },
  };

  app.post(`${base}/:id/:action`, change, async (request, reply) => {
    const { action } = request.params as { action: string };
    const handle = Object.hasOwn(actions, action) ? actions[action] : undefined;
    if (!handle) throw new HttpError(404);
    const row = await load(request);
    // A restricted callback is kept, not processed (Art. 18 GDPR): no call, note or assignment.
    if (await isRestricted(db, 'contact_callbacks', row.id)) return refuseRestricted(ctx, request, reply);
    return handle(request, reply, row);
  });
}
