import type { FieldErrors } from '../http/form-validation.ts';
import { formatDateTime, type Translate, translator } from '../i18n/i18n.ts';
import { CheckboxField, Form, RadioGroup, SubmitButton, TextField } from '../views/forms.tsx';
import { StaffLayout, type StaffFrame } from '../views/staff-layout.tsx';
import type { ViewContext } from '../views/view-context.ts';
import { dsrStaffMessages } from './dsr.staff.messages.ts';
import type { DsrRequestsTable } from './privacy.tables.ts';
import type { WithheldRecords } from './dsr.scope.ts';
import type { ErasureOutcome, SubjectRecord } from './register.types.ts';
import type { Selectable } from 'kysely';

type Request = Selectable<DsrRequestsTable>;

interface Page {
  view: ViewContext;
  frame: StaffFrame;
}

const day = (d: Date | null, locale: 'de' | 'en') => (d ? (formatDateTime(d, locale).split(',')[0] as string) : '–');

export function RequestListPage({ view, frame, open, closed, now }: Page & { open: Request[]; closed: Request[]; now: Date }) {
  const t = translator(dsrStaffMessages, view.locale);
  const table = (rows: Request[]) => (
    <table class="data-table">
      <thead>
        <tr>
          <th scope="col">{t('col.reference')}</th>
          <th scope="col">{t('col.kind')}</th>
          <th scope="col">{t('col.name')}</th>
          <th scope="col">{t('col.received')}</th>
          <th scope="col">{t('col.deadline')}</th>
          <th scope="col">{t('col.status')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const overdue = r.status === 'open' && r.deadline_at !== null && r.deadline_at < now;
          return (
            <tr key={r.id}>
              <td>
                <a href={`/staff/anfragen/${r.id}`}>{r.reference}</a>
              </td>
              <td>{t(`kind.${r.kind}`)}</td>
              <td>{r.name}</td>
              <td>{day(r.confirmed_at ?? r.created_at, view.locale)}</td>
              <td class={overdue ? 'status--overdue' : undefined}>
                {day(r.deadline_at, view.locale)}
                {overdue ? ` (${t('overdue')})` : ''}
              </td>
              <td>{t(`status.${r.status}`)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
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

interface DetailProps extends Page {
  request: Request;
  events: { kind: string; occurred_at: Date; staff_name: string | null; detail: unknown }[];
  records?: SubjectRecord[];
  outcomes?: ErasureOutcome[];
  withheld?: WithheldRecords[];
  errors?: FieldErrors;
  activityTitle: (id: string) => string;
  rolesOf: (w: WithheldRecords) => string;
}

/** Records the register keeps from this member: counted and named, never shown. */
function Withheld({ withheld, activityTitle, rolesOf, t }: { withheld: WithheldRecords[]; activityTitle: (id: string) => string; rolesOf: (w: WithheldRecords) => string; t: Translate<typeof dsrStaffMessages> }) {
  if (!withheld.length) return null;
  return (
    <section aria-labelledby="withheld">
      <h3 id="withheld">{t('detail.withheld')}</h3>
      <p>{t('detail.withheldIntro')}</p>
      <ul>
        {withheld.map((w) => (
          <li key={`${w.activity}|${w.roles.join(',')}`}>{t('detail.withheldItem', { count: w.count, processing: activityTitle(w.activity), roles: rolesOf(w) })}</li>
        ))}
      </ul>
    </section>
  );
}

export function RequestDetailPage({ view, frame, request, events, records, outcomes, withheld = [], errors, activityTitle, rolesOf }: DetailProps) {
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
          <dd>{day(request.deadline_at, view.locale)}</dd>
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
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('col.activity')}</th>
                  <th scope="col">{t('col.record')}</th>
                  <th scope="col">{t('col.summary')}</th>
                </tr>
              </thead>
              <tbody>
                {records.map((r) => (
                  <tr key={`${r.table}/${r.recordId}`}>
                    <td>{activityTitle(r.activity)}</td>
                    <td>
                      {r.table} {r.recordId}
                    </td>
                    <td>{r.summary}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <Withheld withheld={withheld} activityTitle={activityTitle} rolesOf={rolesOf} t={t} />
        </section>
      ) : null}

      <h2>{t('detail.export')}</h2>
      <Form view={view} action={`${base}/export`} errors={errors} labels={{ reason: t('detail.exportReason') }} csrfToken={frame.csrfToken} showRequiredNote={false}>
        <TextField view={view} name="reason" label={t('detail.exportReason')} hint={t('detail.exportReasonHint')} required errors={errors} />
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
          <Form view={view} action={`${base}/loeschen`} errors={errors} labels={{ confirm: t('detail.eraseConfirm') }} csrfToken={frame.csrfToken} showRequiredNote={false}>
            <CheckboxField view={view} name="confirm" label={t('detail.eraseConfirm')} required errors={errors} />
            <SubmitButton>{t('detail.erase')}</SubmitButton>
          </Form>
        </>
      ) : null}
      {outcomes ? (
        <section aria-labelledby="erased">
          <h3 id="erased">{t('detail.erased')}</h3>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('col.activity')}</th>
                <th scope="col">{t('col.record')}</th>
                <th scope="col">{t('col.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {outcomes.map((o) => (
                <tr key={`${o.table}/${o.recordId}`}>
                  <td>{activityTitle(o.activity)}</td>
                  <td>
                    {o.table} {o.recordId}
                  </td>
                  <td>
                    {t(`outcome.${o.outcome}`)}
                    {o.reason ? ` – ${o.reason}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
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

      <h2>{t('detail.history')}</h2>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">{t('col.when')}</th>
            <th scope="col">{t('col.who')}</th>
            <th scope="col">{t('col.what')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e, i) => (
            <tr key={i}>
              <td>{formatDateTime(e.occurred_at, view.locale)}</td>
              <td>{e.staff_name ?? '–'}</td>
              <td>
                {e.kind} {JSON.stringify(typeof e.detail === 'string' ? JSON.parse(e.detail) : e.detail) === '{}' ? '' : JSON.stringify(typeof e.detail === 'string' ? JSON.parse(e.detail) : e.detail)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </StaffLayout>
  );
}
