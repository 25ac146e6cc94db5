import type { Selectable } from 'kysely';
import type { FieldErrors, FormValues } from '../../core/forms/index.ts';
import { formatDateTime, type Translate, translator } from '../../core/i18n/index.ts';
import {
  type DsrRequestsTable,
  type ErasureOutcome,
  keptReasonText,
  type SubjectRecord,
  type WithheldRecords,
} from '../../core/privacy/index.ts';
import {
  CheckboxField,
  DataTable,
  Form,
  RadioGroup,
  type StaffFrame,
  StaffLayout,
  SubmitButton,
  TextField,
  type ViewContext,
} from '../../core/views/index.ts';
import { dsrEventText } from './gdpr.events.ts';
import type { RecordWords } from './gdpr.record-words.ts';
import { dsrStaffMessages } from './gdpr.staff.requests.messages.ts';
import { DeadlineText, ExtendForm, RightsActions } from './gdpr.staff.rights.views.tsx';
import type { identifiersOf } from './gdpr.verification.ts';

type Request = Selectable<DsrRequestsTable>;

interface Page {
  view: ViewContext;
  frame: StaffFrame;
}

const day = (d: Date | null, locale: 'de' | 'en') => (d ? (formatDateTime(d, locale).split(',')[0] as string) : '–');

export function RequestListPage({ view, frame, open, closed, now }: Page & { open: Request[]; closed: Request[]; now: Date }) {
  const t = translator(dsrStaffMessages, view.locale);
  const table = (rows: Request[]) => (
    <DataTable
      rows={rows}
      rowKey={(r) => r.id}
      columns={[
        { header: t('col.reference'), cell: (r) => <a href={`/staff/anfragen/${r.id}`}>{r.reference}</a> },
        { header: t('col.kind'), cell: (r) => t(`kind.${r.kind}`) },
        { header: t('col.name'), cell: (r) => r.name },
        { header: t('col.received'), cell: (r) => day(r.confirmed_at ?? r.created_at, view.locale) },
        { header: t('col.deadline'), cell: (r) => <DeadlineText view={view} request={r} now={now} /> },
        { header: t('col.status'), cell: (r) => t(`status.${r.status}`) },
      ]}
    />
  );
  return (
    <StaffLayout view={view} title={t('list.title')} staff={frame}>
      <h1>{t('list.title')}</h1>
      <h2>{t('list.open')}</h2>
      {open.length ? table(open) : <p>{t('list.none')}</p>}
      {closed.length ? (
        <>
          <h2>{t('list.closed')}</h2>
          {table(closed)}
        </>
      ) : null}
    </StaffLayout>
  );
}

type Identifiers = ReturnType<typeof identifiersOf>;

/** Each identifier of the request, whether and how it was proven; unproven ones can be checked by staff. */
function IdentifierSection({
  view,
  base,
  csrfToken,
  identifiers,
  open,
  errors,
  t,
}: {
  view: ViewContext;
  base: string;
  csrfToken: string;
  identifiers: Identifiers;
  open: boolean;
  errors?: FieldErrors | undefined;
  t: Translate<typeof dsrStaffMessages>;
}) {
  const unverified = identifiers.filter((i) => i.verification === null);
  return (
    <section aria-labelledby="identifiers">
      <h2 id="identifiers">{t('identifiers.title')}</h2>
      <DataTable
        rows={identifiers}
        rowKey={(i) => i.identifier}
        columns={[
          { header: t('col.identifier'), cell: (i) => t(`identifier.${i.identifier}`) },
          { header: t('col.value'), cell: (i) => i.value },
          {
            header: t('col.verified'),
            cell: (i) =>
              i.verification ? (
                t(`method.${i.verification.method}`, {
                  date: day(i.verification.verified_at, view.locale),
                  note: i.verification.note ?? '',
                })
              ) : (
                <strong>{t('identifier.unverified')}</strong>
              ),
          },
        ]}
      />
      {open && unverified.length ? (
        <>
          <h3>{t('verify.title')}</h3>
          <p>{t('verify.intro')}</p>
          <Form
            view={view}
            action={`${base}/pruefung`}
            errors={errors}
            labels={{ identifier: t('verify.identifier'), note: t('verify.note') }}
            csrfToken={csrfToken}
            showRequiredNote={false}
          >
            <RadioGroup
              view={view}
              name="identifier"
              label={t('verify.identifier')}
              required
              options={unverified.map((i) => ({ value: i.identifier, label: `${t(`identifier.${i.identifier}`)}: ${i.value}` }))}
              errors={errors}
            />
            <TextField view={view} name="note" label={t('verify.note')} hint={t('verify.noteHint')} required errors={errors} />
            <SubmitButton>{t('verify.submit')}</SubmitButton>
          </Form>
        </>
      ) : null}
    </section>
  );
}

interface DetailProps extends Page {
  request: Request;
  identifiers: Identifiers;
  events: { kind: string; occurred_at: Date; staff_name: string | null; detail: unknown }[];
  records?: SubjectRecord[];
  outcomes?: ErasureOutcome[];
  withheld?: WithheldRecords[];
  /** Records no role reads, which the export and the letter carry (dsr.scope.ts). */
  sealed?: WithheldRecords[];
  errors?: FieldErrors;
  activityTitle: (id: string) => string;
  /** Names a found or erased record in words, with its reference number. */
  recordText: RecordWords;
  rolesOf: (w: WithheldRecords) => string;
  /** The clock's time, for the deadline in words. */
  now: Date;
  /** The forms of rectification, restriction, portability and extension report here, apart from the others. */
  rightsErrors?: FieldErrors;
  rightsValues?: FormValues;
  rightsNotice?: string;
}

/** Records the register keeps from this member: counted and named, never shown. */
function Withheld({
  withheld,
  activityTitle,
  rolesOf,
  t,
}: {
  withheld: WithheldRecords[];
  activityTitle: (id: string) => string;
  rolesOf: (w: WithheldRecords) => string;
  t: Translate<typeof dsrStaffMessages>;
}) {
  if (!withheld.length) return null;
  return (
    <section aria-labelledby="withheld">
      <h3 id="withheld">{t('detail.withheld')}</h3>
      <p>{t('detail.withheldIntro')}</p>
      <ul>
        {withheld.map((w) => (
          <li key={`${w.activity}|${w.roles.join(',')}`}>
            {t('detail.withheldItem', { count: w.count, processing: activityTitle(w.activity), roles: rolesOf(w) })}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Records no role reads: counted and named, never shown; the export and the letter carry them. */
function Sealed({
  sealed,
  activityTitle,
  t,
}: {
  sealed: WithheldRecords[];
  activityTitle: (id: string) => string;
  t: Translate<typeof dsrStaffMessages>;
}) {
  if (!sealed.length) return null;
  return (
    <section aria-labelledby="sealed">
      <h3 id="sealed">{t('detail.sealed')}</h3>
      <p>{t('detail.sealedIntro')}</p>
      <ul>
        {sealed.map((w) => (
          <li key={w.activity}>{t('detail.sealedItem', { count: w.count, processing: activityTitle(w.activity) })}</li>
        ))}
      </ul>
    </section>
  );
}

export function RequestDetailPage({
  view,
  frame,
  request,
  identifiers,
  events,
  records,
  outcomes,
  withheld = [],
  sealed = [],
  errors,
  activityTitle,
  recordText,
  rolesOf,
  now,
  rightsErrors,
  rightsValues,
  rightsNotice,
}: DetailProps) {
  const t = translator(dsrStaffMessages, view.locale);
  const base = `/staff/anfragen/${request.id}`;
  const open = request.status === 'open';
  return (
    <StaffLayout view={view} title={request.reference} staff={frame}>
      <h1>
        {request.reference} · {t(`kind.${request.kind}`)}
      </h1>
      <dl class="facts">
        <div>
          <dt>{t('detail.requester')}</dt>
          <dd>
            {request.name}, {request.email}
            {request.phone ? `, ${request.phone}` : ''}
            {request.customer_number ? `, ${request.customer_number}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('col.deadline')}</dt>
          <dd>
            <DeadlineText view={view} request={request} now={now} />
          </dd>
        </div>
        <div>
          <dt>{t('col.status')}</dt>
          <dd>{t(`status.${request.status}`)}</dd>
        </div>
        {request.message ? (
          <div>
            <dt>{t('detail.message')}</dt>
            <dd>{request.message}</dd>
          </div>
        ) : null}
      </dl>

      <IdentifierSection view={view} base={base} csrfToken={frame.csrfToken} identifiers={identifiers} open={open} errors={errors} t={t} />

      <h2>{t('detail.search')}</h2>
      <p>{t('detail.searchIntro')}</p>
      <form method="post" action={`${base}/suche`}>
        <input type="hidden" name="_csrf" value={frame.csrfToken} />
        <button type="submit" class="button">
          {t('detail.search')}
        </button>
      </form>
      {records ? (
        <section aria-labelledby="found">
          <h3 id="found">{records.length ? t('detail.found', { count: records.length }) : t('detail.noneFound')}</h3>
          {records.length ? (
            <DataTable
              rows={records}
              rowKey={(r) => `${r.table}/${r.recordId}`}
              columns={[
                { header: t('col.activity'), cell: (r) => activityTitle(r.activity) },
                { header: t('col.record'), cell: (r) => recordText(r) },
                { header: t('col.summary'), cell: (r) => r.summary[view.locale] },
              ]}
            />
          ) : null}
          <Withheld withheld={withheld} activityTitle={activityTitle} rolesOf={rolesOf} t={t} />
          <Sealed sealed={sealed} activityTitle={activityTitle} t={t} />
        </section>
      ) : null}

      <RightsActions
        view={view}
        base={base}
        csrfToken={frame.csrfToken}
        request={request}
        records={records ?? []}
        errors={rightsErrors}
        values={rightsValues}
        notice={rightsNotice}
      />

      <h2>{t('detail.export')}</h2>
      <Form
        view={view}
        action={`${base}/export`}
        errors={errors}
        labels={{ reason: t('detail.exportReason') }}
        csrfToken={frame.csrfToken}
        showRequiredNote={false}
      >
        <TextField
          view={view}
          name="reason"
          label={t('detail.exportReason')}
          hint={t('detail.exportReasonHint')}
          required
          errors={errors}
        />
        <RadioGroup
          view={view}
          name="format"
          label={t('detail.export')}
          required
          inline
          options={[
            { value: 'pdf', label: t('detail.pdf') },
            { value: 'json', label: t('detail.json') },
          ]}
          values={{ format: 'pdf' }}
          errors={errors}
        />
        <SubmitButton>{t('detail.export')}</SubmitButton>
      </Form>

      {open && request.kind !== 'access' ? (
        <>
          <h2>{t('detail.erase')}</h2>
          <Form
            view={view}
            action={`${base}/loeschen`}
            errors={errors}
            labels={{ confirm: t('detail.eraseConfirm') }}
            csrfToken={frame.csrfToken}
            showRequiredNote={false}
          >
            <CheckboxField view={view} name="confirm" label={t('detail.eraseConfirm')} required errors={errors} />
            <SubmitButton>{t('detail.erase')}</SubmitButton>
          </Form>
        </>
      ) : null}
      {outcomes ? (
        <section aria-labelledby="erased">
          <h3 id="erased">{t('detail.erased')}</h3>
          <DataTable
            rows={outcomes}
            rowKey={(o) => `${o.table}/${o.recordId}`}
            columns={[
              { header: t('col.activity'), cell: (o) => activityTitle(o.activity) },
              { header: t('col.record'), cell: (o) => recordText(o) },
              {
                header: t('col.outcome'),
                cell: (o) => `${t(`outcome.${o.outcome}`)}${o.reason ? ` – ${keptReasonText(o.reason, view.locale)}` : ''}`,
              },
            ]}
          />
          <Withheld withheld={withheld} activityTitle={activityTitle} rolesOf={rolesOf} t={t} />
        </section>
      ) : null}

      {open ? (
        <>
          <h2>{t('detail.close')}</h2>
          <Form view={view} action={`${base}/abschliessen`} csrfToken={frame.csrfToken} showRequiredNote={false}>
            <RadioGroup
              view={view}
              name="status"
              label={t('detail.closeAs')}
              required
              inline
              options={[
                { value: 'answered', label: t('status.answered') },
                { value: 'rejected', label: t('status.rejected') },
              ]}
              values={{ status: 'answered' }}
            />
            <SubmitButton>{t('detail.close')}</SubmitButton>
          </Form>
        </>
      ) : null}

      <ExtendForm
        view={view}
        base={base}
        csrfToken={frame.csrfToken}
        request={request}
        now={now}
        errors={rightsErrors}
        values={rightsValues}
      />

      <h2>{t('detail.history')}</h2>
      <DataTable
        rows={events}
        rowKey={(_e, i) => String(i)}
        columns={[
          { header: t('col.when'), cell: (e) => formatDateTime(e.occurred_at, view.locale) },
          { header: t('col.who'), cell: (e) => e.staff_name ?? '–' },
          { header: t('col.what'), cell: (e) => dsrEventText(e, view.locale) },
        ]}
      />
    </StaffLayout>
  );
}
