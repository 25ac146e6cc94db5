import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { formValues, validateForm } from '../../core/http/index.ts';
import { translator } from '../../core/i18n/index.ts';
import { viewContextFor } from '../../core/views/index.ts';
import { addEvent, assign, type ContactDb, type Owner } from './contact.queries.ts';
import { text } from './contact.schema.ts';
import { actionLabels } from './contact.staff.inbox.views.tsx';
import { contactStaffMessages } from './contact.staff.messages.ts';
import { member } from './contact.staff.shared.ts';
import type { Failed } from './contact.staff.views.tsx';

const noteSchema = z.object({ note: text(1, 5000) });

/**
 * The steps requests and callbacks share. Each returns the form with its mistakes, or null when
 * done. `candidates` are the colleagues the register lets see the row: nobody else can get it.
 */
export async function assignStep(
  db: Kysely<ContactDb>,
  request: FastifyRequest,
  owner: Owner,
  candidates: { id: string; name: string }[],
  now: Date,
): Promise<Failed | null> {
  const t = translator(contactStaffMessages, viewContextFor(request).locale);
  const values = formValues(request.body);
  const wanted = typeof values.assignee === 'string' ? values.assignee : '';
  const target = wanted === '' ? null : candidates.find((c) => c.id === wanted);
  if (target === undefined) return { form: 'assign', values, errors: { assignee: t('assign.invalid') } };
  await db.transaction().execute(async (trx) => {
    await assign(trx, owner, target?.id ?? null);
    await addEvent(trx, owner, { kind: 'assigned', staffId: member(request).id, body: target?.name ?? t('nobody'), at: now });
  });
  return null;
}

export async function noteStep(db: Kysely<ContactDb>, request: FastifyRequest, owner: Owner, now: Date): Promise<Failed | null> {
  const locale = viewContextFor(request).locale;
  const form = validateForm(noteSchema, request.body, { locale, labels: actionLabels(locale).note });
  if (!form.ok) return { form: 'note', values: form.values, errors: form.errors };
  await addEvent(db, owner, { kind: 'note', staffId: member(request).id, body: form.data.note, at: now });
  return null;
}
