import { DAY_MS } from '../../core/clock.ts';
import { type Locale, translator } from '../../core/i18n/index.ts';
import { SelectField, TextField } from '../../core/views/index.ts';
import { RestrictedBadge } from '../gdpr/index.ts';
import { INBOX_PATH } from './contact.forms.ts';
import { formatPhone } from './contact.phone.ts';
import type { EventRow, InboxFilter, InboxRow, RequestRow } from './contact.queries.ts';
import { type SentMail, SentNotice } from './contact.staff.answer.views.tsx';
import { contactStaffMessages } from './contact.staff.messages.ts';
import {
  AssignForm,
  type Failed,
  HandleForm,
  History,
  InboxLayout,
  InboxList,
  LetterForm,
  MailForm,
  NoteForm,
  Notice,
  type StaffPage,
  Typed,
  when,
} from './contact.staff.views.tsx';
import type { RequestKind } from './contact.tables.ts';

/** Holds end at 23:59:59 UTC of the day staff chose (as on the DPO's page): shown as that day. */
const holdEnd = (until: Date, locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(until);

export function actionLabels(locale: Locale) {
  const t = translator(contactStaffMessages, locale);
  return {
    assign: { assignee: t('assign.to') },
    note: { note: t('note.text') },
    mail: { mailSubject: t('mail.subject'), mailText: t('mail.text') },
    letter: { letterAddress: t('letter.address'), letterText: t('letter.text') },
    handle: { keep: t('handle.keep'), reason: t('handle.reason'), until: t('handle.until'), holdNote: t('handle.note') },
  };
}

interface ListProps extends StaffPage {
  kind: RequestKind;
  rows: InboxRow[];
  filter: InboxFilter;
  /** The topics the viewer may filter by, with their names (general inbox only). */
  topics: { id: string; name: string }[];
  notice?: string | undefined;
  now: Date;
  /** Requests whose processing is restricted (Art. 18 GDPR): marked, and their actions refused. */
  restricted?: ReadonlySet<string>;
}

export function RequestListPage({ view, frame, kind, rows, filter, topics, notice, now, restricted }: ListProps) {
  const t = translator(contactStaffMessages, view.locale);
  const L = view.locale;
  const title = t(`nav.${kind}`);
  const topicName = (id: string | null) => topics.find((x) => x.id === id)?.name ?? id ?? '';
  return (
    <InboxList
      view={view}
      frame={frame}
      title={title}
      intro={t(`list.intro.${kind}`)}
      notice={notice}
      action={INBOX_PATH[kind]}
      rows={rows}
      filters={
        <>
          <SelectField
            view={view}
            name="status"
            label={t('filter.status')}
            options={(['open', 'handled'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
            values={{ status: filter.status }}
          />
          <SelectField
            view={view}
            name="assigned"
            label={t('filter.assigned')}
            options={(['all', 'me', 'none'] as const).map((s) => ({ value: s, label: t(`assigned.${s}`) }))}
            values={{ assigned: filter.assigned }}
          />
          {kind === 'general' && topics.length > 1 ? (
            <SelectField
              view={view}
              name="topic"
              label={t('filter.topic')}
              placeholder={t('filter.allTopics')}
              options={topics.map((x) => ({ value: x.id, label: x.name }))}
              values={{ topic: filter.topic ?? '' }}
            />
          ) : null}
          <TextField
            view={view}
            name="q"
            type="search"
            label={t('filter.search')}
            values={{ q: filter.search ?? '' }}
            size="medium"
            maxLength={100}
          />
        </>
      }
      columns={[
        {
          header: t('col.reference'),
          cell: (r) => (
            <>
              <a href={`${INBOX_PATH[kind]}/${r.id}`}>{r.reference}</a>
              {restricted?.has(r.id) ? <RestrictedBadge view={view} /> : null}
            </>
          ),
        },
        {
          header: t('col.received'),
          cell: (r) => {
            const days = Math.floor((now.getTime() - r.created_at.getTime()) / DAY_MS);
            return (
              <>
                {when(r.created_at, L)}
                {r.status === 'open' && days >= 3 ? <span class="status--overdue"> ({t('list.waiting', { days })})</span> : null}
              </>
            );
          },
        },
        { header: t('col.topic'), cell: (r) => topicName(r.topic), when: kind === 'general' },
        { header: t('col.name'), cell: (r) => r.name },
        { header: t('col.assignee'), cell: (r) => r.assignee ?? t('nobody') },
        { header: t('col.status'), cell: (r) => t(`status.${r.status}`) },
      ]}
    />
  );
}

interface DetailProps extends StaffPage {
  request: RequestRow;
  topicName: string | null;
  events: EventRow[];
  colleagues: { id: string; name: string }[];
  hold: { reason: string; until: Date } | null;
  /** Letters of general requests go to the print room; the officers' are downloaded. */
  lettersQueued: boolean;
  failed?: Failed | undefined;
  /** The answer mail just sent, shown once above the record after "Senden". */
  sent?: SentMail | undefined;
}

export function RequestDetailPage({
  view,
  frame,
  request: r,
  topicName,
  events,
  colleagues,
  hold,
  lettersQueued,
  failed,
  sent,
}: DetailProps) {
  const t = translator(contactStaffMessages, view.locale);
  const L = view.locale;
  const base = `${INBOX_PATH[r.kind]}/${r.id}`;
  const labels = actionLabels(L);
  const page = { view, frame, failed };
  const sender = r.salutation === 'ms' || r.salutation === 'mr' ? t(`answer.addressee.${r.salutation}`, { name: r.name }) : r.name;
  return (
    <InboxLayout view={view} frame={frame} kind={r.kind} title={r.reference}>
      <h1>
        {t('detail.request')} {r.reference}
      </h1>
      {sent ? <SentNotice view={view} sent={sent} /> : null}
      {hold ? <Notice text={t('detail.held', { until: holdEnd(hold.until, L), reason: t(`reason.${hold.reason as 'proof'}`) })} /> : null}
      <dl class="facts">
        <div>
          <dt>{t('col.received')}</dt>
          <dd>{when(r.created_at, L)}</dd>
        </div>
        {topicName ? (
          <div>
            <dt>{t('col.topic')}</dt>
            <dd>{topicName}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('detail.sender')}</dt>
          <dd>{sender}</dd>
        </div>
        <div>
          <dt>{t('detail.email')}</dt>
          <dd>
            <a href={`mailto:${r.email}`}>{r.email}</a>
          </dd>
        </div>
        {r.phone ? (
          <div>
            <dt>{t('detail.phone')}</dt>
            <dd>
              <a href={`tel:${r.phone}`}>{formatPhone(r.phone)}</a>
            </dd>
          </div>
        ) : null}
        {r.customer_number ? (
          <div>
            <dt>{t('detail.customerNumber')}</dt>
            <dd>{r.customer_number}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('col.assignee')}</dt>
          <dd>{r.assignee ?? t('nobody')}</dd>
        </div>
        <div>
          <dt>{t('col.status')}</dt>
          <dd>{t(`status.${r.status}`)}</dd>
        </div>
      </dl>
      <h2>{t('detail.concern')}</h2>
      <Typed text={r.concern} />
      <p class="form__note">{view.t('form.requiredNote')}</p>
      {r.status === 'open' ? (
        <MailForm
          {...page}
          name="mail"
          action={`${base}/antwort/pruefen`}
          labels={labels.mail}
          defaultSubject={t('mail.defaultSubject', { reference: r.reference })}
        />
      ) : null}
      <section aria-labelledby="more-title">
        <h2 id="more-title">{t('more.title')}</h2>
        {r.status === 'open' ? (
          <>
            <LetterForm
              {...page}
              name="letter"
              summary={t('more.letter')}
              action={`${base}/brief`}
              labels={labels.letter}
              queued={lettersQueued}
            />
            <AssignForm
              {...page}
              name="assign"
              summary={t('more.assign', { name: r.assignee ?? t('nobody') })}
              action={`${base}/zuweisen`}
              colleagues={colleagues}
              current={r.assigned_to}
              labels={labels.assign}
            />
          </>
        ) : null}
        <NoteForm {...page} name="note" summary={t('more.note')} action={`${base}/notiz`} labels={labels.note} />
        {r.status === 'open' ? (
          <HandleForm {...page} name="handle" summary={t('more.handle')} action={`${base}/erledigt`} labels={labels.handle} />
        ) : null}
      </section>
      <History view={view} events={events} />
    </InboxLayout>
  );
}
