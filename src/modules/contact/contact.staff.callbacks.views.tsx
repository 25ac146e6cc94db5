import { translator } from '../../core/i18n/index.ts';
import { SelectField } from '../../core/views/index.ts';
import { RestrictedBadge } from '../gdpr/index.ts';
import { INBOX_PATH } from './contact.forms.ts';
import { formatPhone } from './contact.phone.ts';
import type { CallbackFilter, CallbackListRow, CallbackRow, EventRow } from './contact.queries.ts';
import { actionLabels } from './contact.staff.inbox.views.tsx';
import { contactStaffMessages } from './contact.staff.messages.ts';
import {
  AssignForm,
  DoneForm,
  type Failed,
  History,
  InboxLayout,
  InboxList,
  NoteForm,
  type StaffPage,
  slotText,
  when,
} from './contact.staff.views.tsx';

const BASE = INBOX_PATH.callback;

export function CallbackListPage({
  view,
  frame,
  rows,
  filter,
  notice,
  now,
  restricted,
}: StaffPage & {
  rows: CallbackListRow[];
  filter: CallbackFilter;
  notice?: string | undefined;
  now: Date;
  /** Callbacks whose processing is restricted (Art. 18 GDPR). */
  restricted?: ReadonlySet<string>;
}) {
  const t = translator(contactStaffMessages, view.locale);
  const L = view.locale;
  return (
    <InboxList
      view={view}
      frame={frame}
      title={t('nav.callback')}
      intro={t('list.intro.callback')}
      notice={notice}
      action={BASE}
      rows={rows}
      filters={
        <>
          <SelectField
            view={view}
            name="when"
            label={t('filter.when')}
            options={(['all', 'due', 'upcoming'] as const).map((s) => ({ value: s, label: t(`when.${s}`) }))}
            values={{ when: filter.when }}
          />
          <SelectField
            view={view}
            name="assigned"
            label={t('filter.assigned')}
            options={(['all', 'me', 'none'] as const).map((s) => ({ value: s, label: t(`assigned.${s}`) }))}
            values={{ assigned: filter.assigned }}
          />
        </>
      }
      columns={[
        {
          header: t('col.reference'),
          cell: (r) => (
            <>
              <a href={`${BASE}/${r.id}`}>{r.reference}</a>
              {restricted?.has(r.id) ? <RestrictedBadge view={view} /> : null}
            </>
          ),
        },
        {
          header: t('col.slot'),
          cell: (r) => (
            <>
              {slotText(r.slot_start, r.slot_end, L)}
              {r.slot_start <= now ? <span class="status--overdue"> ({t('due')})</span> : null}
            </>
          ),
        },
        { header: t('col.name'), cell: (r) => r.name },
        { header: t('col.phone'), cell: (r) => formatPhone(r.phone) },
        { header: t('col.assignee'), cell: (r) => r.assignee ?? t('nobody') },
      ]}
    />
  );
}

export function CallbackDetailPage({
  view,
  frame,
  callback: c,
  events,
  colleagues,
  failed,
}: StaffPage & { callback: CallbackRow; events: EventRow[]; colleagues: { id: string; name: string }[]; failed?: Failed | undefined }) {
  const t = translator(contactStaffMessages, view.locale);
  const L = view.locale;
  const base = `${BASE}/${c.id}`;
  const labels = actionLabels(L);
  const page = { view, frame, failed };
  return (
    <InboxLayout view={view} frame={frame} kind="callback" title={c.reference}>
      <h1>
        {t('detail.callback')} {c.reference}
      </h1>
      <dl class="facts">
        <div>
          <dt>{t('col.slot')}</dt>
          <dd>{slotText(c.slot_start, c.slot_end, L)}</dd>
        </div>
        <div>
          <dt>{t('col.name')}</dt>
          <dd>{c.name}</dd>
        </div>
        <div>
          <dt>{t('col.phone')}</dt>
          <dd>
            <a href={`tel:${c.phone}`}>{formatPhone(c.phone)}</a>
          </dd>
        </div>
        {c.subject ? (
          <div>
            <dt>{t('detail.subject')}</dt>
            <dd>{c.subject}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('col.received')}</dt>
          <dd>{when(c.created_at, L)}</dd>
        </div>
        <div>
          <dt>{t('col.assignee')}</dt>
          <dd>{c.assignee ?? t('nobody')}</dd>
        </div>
      </dl>
      <History view={view} events={events} />
      <p class="form__note">{view.t('form.requiredNote')}</p>
      <AssignForm
        {...page}
        name="assign"
        action={`${base}/zuweisen`}
        colleagues={colleagues}
        current={c.assigned_to}
        labels={labels.assign}
      />
      <NoteForm {...page} name="note" action={`${base}/notiz`} labels={labels.note} />
      <DoneForm view={view} frame={frame} action={`${base}/erledigt`} />
    </InboxLayout>
  );
}
