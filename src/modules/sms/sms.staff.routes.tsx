import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type FieldErrors, type FormValues, validateForm } from '../../core/http/index.ts';
import { berlinDayEnd, berlinDayStart, formatDateTime, translator } from '../../core/i18n/index.ts';
import type { AppContext, StaffAccess } from '../../core/module.ts';
import {
  Form,
  type StaffFrame,
  StaffLayout,
  SubmitButton,
  sendPage,
  staffPage,
  TextField,
  type ViewContext,
} from '../../core/views/index.ts';
import { smsMessages } from './sms.messages.ts';
import { ABUSE_ACTIVITY, ABUSE_RECORD_DAYS } from './sms.privacy.ts';
import type { SmsTables } from './sms.tables.ts';

const PATH = '/staff/sms/missbrauch';
const access = (action: 'read' | 'export'): { staff: StaffAccess } => ({ staff: { activity: ABUSE_ACTIVITY, action } });
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const exportSchema = z
  .object({
    customerNumber: z.string().trim().min(1).max(30),
    from: z.string().trim().regex(DAY, 'staff.date'),
    to: z.string().trim().regex(DAY, 'staff.date'),
    caseReference: z.string().trim().min(3).max(100),
  })
  .refine((v) => v.from <= v.to, { message: 'staff.range', path: ['to'] });

function labels(view: ViewContext) {
  const t = translator(smsMessages, view.locale);
  return { customerNumber: t('staff.customerNumber'), from: t('staff.from'), to: t('staff.to'), caseReference: t('staff.caseReference') };
}

function ExportPage({ view, frame, values, errors }: { view: ViewContext; frame: StaffFrame; values?: FormValues; errors?: FieldErrors }) {
  const t = translator(smsMessages, view.locale);
  const l = labels(view);
  return (
    <StaffLayout view={view} title={t('staff.title')} staff={frame}>
      <h1>{t('staff.title')}</h1>
      <p class="prose">{t('staff.intro', { days: ABUSE_RECORD_DAYS })}</p>
      <Form view={view} action={`${PATH}/export`} errors={errors} labels={l} csrfToken={frame.csrfToken}>
        <TextField
          view={view}
          name="customerNumber"
          label={l.customerNumber}
          required
          values={values}
          errors={errors}
          size="medium"
          maxLength={30}
        />
        <TextField view={view} name="from" type="date" label={l.from} required values={values} errors={errors} size="short" />
        <TextField view={view} name="to" type="date" label={l.to} required values={values} errors={errors} size="short" />
        <TextField
          view={view}
          name="caseReference"
          label={l.caseReference}
          hint={t('staff.caseHint')}
          required
          values={values}
          errors={errors}
          size="medium"
          maxLength={100}
        />
        <SubmitButton>{t('staff.submit')}</SubmitButton>
      </Form>
    </StaffLayout>
  );
}

/** A CSV cell: quoted, and never read as a formula by a spreadsheet. */
const cell = (v: string) => `"${(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"`;

/**
 * The legal department's export of the abuse record for a customer and a period, upon a criminal
 * complaint (C65). Only the register's recipients of `sms.abuse-record` open it; the guard writes
 * the audit entry with the case reference as the stated reason.
 */
export function registerSmsStaffRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<SmsTables>() as Kysely<SmsTables>;
  const page = (request: FastifyRequest) => staffPage(ctx, request);

  app.get(PATH, { config: access('read') }, async (request, reply) => {
    const { view, frame } = page(request);
    request.auditRecords = [];
    return sendPage(reply, <ExportPage view={view} frame={frame} />);
  });

  app.post(`${PATH}/export`, { config: access('export') }, async (request, reply) => {
    const { view, frame } = page(request);
    const form = validateForm(exportSchema, request.body, { locale: view.locale, labels: labels(view), messages: smsMessages });
    if (!form.ok) return sendPage(reply, <ExportPage view={view} frame={frame} values={form.values} errors={form.errors} />, 400);
    const d = form.data;
    const number = d.customerNumber.replace(/[\s\-/.]/g, '').toUpperCase();
    // Berlin calendar days; the record is kept in UTC.
    const from = berlinDayStart(d.from);
    const until = berlinDayEnd(d.to);
    const rows = await db
      .selectFrom('sms_abuse_record')
      .select(['id', 'customer_number', 'sent_at', 'ip'])
      .where('customer_number', '=', number)
      .where('sent_at', '>=', from)
      .where('sent_at', '<', until)
      .orderBy('sent_at')
      .execute();
    request.auditRecords = rows.map((r) => `sms_abuse_record/${r.id}`);
    request.auditReason = `case ${d.caseReference}: SMS abuse record of customer ${number}, ${d.from} to ${d.to}`;
    const lines = [
      [cell('case_reference'), cell(d.caseReference)].join(';'),
      [cell('exported_at'), cell(ctx.clock.now().toISOString())].join(';'),
      [cell('exported_by'), cell(request.staff?.email ?? '')].join(';'),
      '',
      ['customer_number', 'sent_at_utc', 'sent_at_berlin', 'ip'].map(cell).join(';'),
      ...rows.map((r) => [r.customer_number, r.sent_at.toISOString(), formatDateTime(r.sent_at, 'de'), r.ip].map(cell).join(';')),
    ];
    const file = `sms-missbrauch-${number}-${d.from}-${d.to}.csv`.replace(/[^\w.-]/g, '_');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file}"`)
      .send(`\uFEFF${lines.join('\r\n')}\r\n`);
  });
}
