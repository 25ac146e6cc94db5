import type { FieldErrors } from '../../core/http/index.ts';
import { formatDateTime, formatNumber, type Locale, translator } from '../../core/i18n/index.ts';
import {
  DataTable,
  Form,
  RadioGroup,
  type StaffFrame,
  StaffLayout,
  SubmitButton,
  TextField,
  type ViewContext,
} from '../../core/views/index.ts';
import { STAFF_PATH } from './solar.paths.ts';
import type { ReportData } from './solar.report.data.ts';
import { buildingLine, postalLines } from './solar.report.letter.ts';
import { reportMessages } from './solar.report.messages.ts';
import type { ReportRequest, ReportRequestDetail } from './solar.requests.queries.ts';
import { staffMessages } from './solar.staff.messages.ts';

export { STAFF_PATH };

interface Page {
  view: ViewContext;
  frame: StaffFrame;
}

const day = (d: Date, locale: Locale) => formatDateTime(d, locale).split(',')[0] as string;

export function RequestListPage({ view, frame, open, closed }: Page & { open: ReportRequest[]; closed: ReportRequest[] }) {
  const t = translator(staffMessages, view.locale);
  const table = (rows: ReportRequest[], caption: string) => (
    <DataTable
      rows={rows}
      caption={caption}
      rowKey={(r) => r.id}
      columns={[
        { header: t('col.reference'), cell: (r) => <a href={`${STAFF_PATH}/${r.id}`}>{r.reference}</a> },
        { header: t('col.received'), cell: (r) => day(r.received_at, view.locale) },
        { header: t('col.building'), cell: (r) => buildingLine(r) },
        { header: t('col.name'), cell: (r) => r.name },
        { header: t('col.role'), cell: (r) => t(`role.${r.role}`) },
        { header: t('col.delivery'), cell: (r) => t(`delivery.${r.delivery}`) },
        { header: t('col.status'), cell: (r) => t(`status.${r.status}`) },
      ]}
    />
  );
  return (
    <StaffLayout view={view} title={t('list.title')} staff={frame}>
      <h1>{t('list.title')}</h1>
      <h2>{t('list.open')}</h2>
      {open.length ? table(open, t('list.open')) : <p>{t('list.none')}</p>}
      {closed.length ? (
        <>
          <h2>{t('list.closed')}</h2>
          {table(closed, t('list.closed'))}
        </>
      ) : null}
    </StaffLayout>
  );
}

export type FailedForm = { form: 'verify' | 'reject' | 'send'; errors: FieldErrors };

interface DetailProps extends Page {
  request: ReportRequestDetail;
  data: ReportData;
  failed?: FailedForm | undefined;
  /** The action no longer fits the request's state (someone else was quicker). */
  stateError?: string | undefined;
}

export function RequestDetailPage({ view, frame, request: r, data, failed, stateError }: DetailProps) {
  const t = translator(staffMessages, view.locale);
  const rt = translator(reportMessages, view.locale);
  const L = view.locale;
  const base = `${STAFF_PATH}/${r.id}`;
  const who = (name: string | null) => name ?? t('detail.someone');
  const errorsOf = (form: FailedForm['form']) => (failed?.form === form ? failed.errors : {});
  const blackedOut = data.buildings.some((b) => b.blackedOutSince !== null);
  return (
    <StaffLayout view={view} title={r.reference} staff={frame}>
      <h1>
        {r.reference} · {buildingLine(r)}
      </h1>
      {stateError ? (
        <div class="notice notice--warning" role="alert">
          <p>{stateError}</p>
        </div>
      ) : null}
      <dl class="facts">
        <div>
          <dt>{t('detail.status')}</dt>
          <dd>{t(`status.${r.status}`)}</dd>
        </div>
        <div>
          <dt>{t('detail.requester')}</dt>
          <dd>{r.name}</dd>
        </div>
        <div>
          <dt>{t('detail.postal')}</dt>
          <dd>{postalLines(r).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('detail.email')}</dt>
          <dd>{r.email}</dd>
        </div>
        <div>
          <dt>{t('detail.role')}</dt>
          <dd>{t(`role.${r.role}`)}</dd>
        </div>
        <div>
          <dt>{t('detail.building')}</dt>
          <dd>{buildingLine(r)}</dd>
        </div>
        <div>
          <dt>{t('detail.delivery')}</dt>
          <dd>{t(`delivery.${r.delivery}`)}</dd>
        </div>
        <div>
          <dt>{t('detail.received')}</dt>
          <dd>{formatDateTime(r.received_at, L)}</dd>
        </div>
        {r.verified_at ? (
          <div>
            <dt>{t('detail.verified')}</dt>
            <dd>
              {t('detail.verifiedValue', {
                date: formatDateTime(r.verified_at, L),
                name: who(r.verified_by_name),
                note: r.verification_note ?? '',
              })}
            </dd>
          </div>
        ) : null}
        {r.sent_at && r.sent_via ? (
          <div>
            <dt>{t('detail.sent')}</dt>
            <dd>
              {t('detail.sentValue', { date: formatDateTime(r.sent_at, L), name: who(r.sent_by_name), via: t(`delivery.${r.sent_via}`) })}
            </dd>
          </div>
        ) : null}
        {r.status === 'rejected' && r.handled_at ? (
          <div>
            <dt>{t('detail.rejected')}</dt>
            <dd>
              {t('detail.rejectedValue', {
                date: formatDateTime(r.handled_at, L),
                name: who(r.handled_by_name),
                note: r.rejection_note ?? '',
              })}
            </dd>
          </div>
        ) : null}
        {r.status === 'handled' && r.handled_at ? (
          <div>
            <dt>{t('detail.handled')}</dt>
            <dd>{t('detail.handledValue', { date: formatDateTime(r.handled_at, L), name: who(r.handled_by_name) })}</dd>
          </div>
        ) : null}
      </dl>

      <h2>{t('buildings.heading')}</h2>
      {blackedOut ? (
        <div class="notice notice--warning">
          <p>{t('buildings.blackoutNote')}</p>
        </div>
      ) : null}
      {data.buildings.length === 0 ? (
        <p>{t('buildings.none')}</p>
      ) : (
        <>
          <table class="data-table">
            <caption class="visually-hidden">{t('buildings.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('col.alkis')}</th>
                <th scope="col">{t('col.addresses')}</th>
                <th scope="col">{t('col.suitability')}</th>
                <th scope="col">{t('col.kwp')}</th>
                <th scope="col">{t('col.yield')}</th>
                <th scope="col">{t('col.surfaces')}</th>
                <th scope="col">{t('col.public')}</th>
              </tr>
            </thead>
            <tbody>
              {data.buildings.map((b) => (
                <tr key={b.alkisId}>
                  <td>{b.alkisId}</td>
                  <td>{b.addresses.join('; ')}</td>
                  <td>{b.totals ? rt(`class.${b.totals.suitability}`) : t('notComputed')}</td>
                  <td>{b.totals ? `${formatNumber(b.totals.kwp, L, 1)} kWp` : '–'}</td>
                  <td>{b.totals ? `${formatNumber(b.totals.yieldKwhPerYear, L)} kWh` : '–'}</td>
                  <td>{b.surfaces.length}</td>
                  <td>
                    {b.blackedOutSince ? (
                      <span class="tag">{t('public.hidden', { date: day(b.blackedOutSince, L) })}</span>
                    ) : (
                      t('public.shown')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <a href={`${base}/bericht.pdf`}>{t('preview')}</a>
          </p>
        </>
      )}

      {r.status === 'received' ? (
        <section aria-labelledby="verify-heading">
          <h2 id="verify-heading">{t('verify.heading')}</h2>
          <Form
            view={view}
            action={`${base}/pruefen`}
            errors={errorsOf('verify')}
            labels={{ note: t('verify.note') }}
            csrfToken={frame.csrfToken}
            showRequiredNote={false}
          >
            <TextField
              view={view}
              name="note"
              label={t('verify.note')}
              hint={t('verify.hint')}
              required
              errors={errorsOf('verify')}
              maxLength={500}
            />
            <SubmitButton>{t('verify.submit')}</SubmitButton>
          </Form>
        </section>
      ) : null}

      {r.status === 'verified' || r.status === 'sent' ? (
        <section aria-labelledby="send-heading">
          <h2 id="send-heading">{t('send.heading')}</h2>
          <Form
            view={view}
            action={`${base}/senden`}
            errors={errorsOf('send')}
            labels={{ via: t('send.via') }}
            csrfToken={frame.csrfToken}
            showRequiredNote={false}
          >
            <RadioGroup
              view={view}
              name="via"
              label={t('send.via')}
              required
              values={{ via: r.delivery }}
              errors={errorsOf('send')}
              options={[
                { value: 'email', label: t('send.email', { email: r.email }) },
                { value: 'letter', label: t('send.letter') },
              ]}
            />
            <SubmitButton>{t('send.submit')}</SubmitButton>
          </Form>
        </section>
      ) : null}

      {r.status === 'sent' ? (
        <section aria-labelledby="handled-heading">
          <h2 id="handled-heading">{t('handled.heading')}</h2>
          <p>{t('handled.text')}</p>
          <Form view={view} action={`${base}/erledigt`} csrfToken={frame.csrfToken} showRequiredNote={false}>
            <SubmitButton>{t('handled.submit')}</SubmitButton>
          </Form>
        </section>
      ) : null}

      {r.status === 'received' || r.status === 'verified' ? (
        <section aria-labelledby="reject-heading">
          <h2 id="reject-heading">{t('reject.heading')}</h2>
          <Form
            view={view}
            action={`${base}/ablehnen`}
            errors={errorsOf('reject')}
            labels={{ reason: t('reject.note') }}
            csrfToken={frame.csrfToken}
            showRequiredNote={false}
          >
            <TextField
              view={view}
              name="reason"
              label={t('reject.note')}
              hint={t('reject.hint')}
              required
              errors={errorsOf('reject')}
              maxLength={500}
            />
            <button type="submit" class="button button--secondary">
              {t('reject.submit')}
            </button>
          </Form>
        </section>
      ) : null}
    </StaffLayout>
  );
}
