import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { HttpError } from '../http/index.ts';
import { defineMessages, formatNumber, type Locale, translator } from '../i18n/index.ts';
import type { AppContext, StaffAccess } from '../module.ts';
import { type StaffFrame, StaffLayout, sendPage, staffPage, type ViewContext, viewContextFor } from '../views/index.ts';
import { DAY_PATTERN } from './letters.day.ts';
import { LETTERS_ACTIVITY } from './letters.privacy.ts';
import { type LetterDay, listLetterDays, mergeLettersOfDay } from './letters.queue.ts';
import type { LettersTables } from './letters.tables.ts';

export const printRoomMessages = defineMessages({
  title: { de: 'Druckerei', en: 'Print room' },
  intro: {
    de: 'Alle Briefe eines Tages als eine PDF-Datei. Beim Herunterladen gelten die wartenden Briefe als gedruckt; ein verlorener oder gestauter Druck lässt sich über „Nachdruck“ wiederholen. Gedruckte Briefe werden {days} Tage nach dem Druck gelöscht.',
    en: 'All letters of a day as one PDF file. Downloading marks the waiting letters as printed; a lost or jammed run can be repeated with “Reprint”. Printed letters are deleted {days} days after printing.',
  },
  day: { de: 'Tag', en: 'Day' },
  letters: { de: 'Briefe', en: 'Letters' },
  pages: { de: 'Seiten', en: 'Pages' },
  waiting: { de: 'Warten auf Druck', en: 'Waiting' },
  actions: { de: 'Druckdatei', en: 'Print file' },
  print: { de: 'Wartende drucken ({count})', en: 'Print waiting ({count})' },
  reprint: { de: 'Ganzen Tag nachdrucken', en: 'Reprint whole day' },
  none: { de: 'Noch keine Briefe.', en: 'No letters yet.' },
  nothing: { de: 'Für den {day} wartet kein Brief auf den Druck.', en: 'No letter of {day} waits for printing.' },
  reasonPrint: { de: 'Druck der Briefe vom {day}', en: 'Print run of {day}' },
  reasonReprint: { de: 'Nachdruck der Briefe vom {day}', en: 'Reprint of {day}' },
});

const access = (action: 'read' | 'export'): { staff: StaffAccess } => ({ staff: { activity: LETTERS_ACTIVITY, action } });

function PrintRoomPage({
  view,
  frame,
  days,
  retentionDays,
  notice,
}: {
  view: ViewContext;
  frame: StaffFrame;
  days: LetterDay[];
  retentionDays: number;
  notice?: string;
}) {
  const t = translator(printRoomMessages, view.locale);
  const L: Locale = view.locale;
  return (
    <StaffLayout view={view} title={t('title')} staff={frame}>
      <h1>{t('title')}</h1>
      <p>{t('intro', { days: retentionDays })}</p>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {days.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('day')}</th>
              <th scope="col">{t('letters')}</th>
              <th scope="col">{t('pages')}</th>
              <th scope="col">{t('waiting')}</th>
              <th scope="col">{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <td>{d.day}</td>
                <td>{formatNumber(d.letters, L)}</td>
                <td>{formatNumber(d.pages, L)}</td>
                <td>{formatNumber(d.waiting, L)}</td>
                <td>
                  {d.waiting > 0 ? (
                    <form method="post" action={`/staff/druckerei/${d.day}`} class="inline-form">
                      <input type="hidden" name="_csrf" value={frame.csrfToken} />
                      <button type="submit" class="button button--small">
                        {t('print', { count: d.waiting })}
                      </button>
                    </form>
                  ) : null}{' '}
                  <form method="post" action={`/staff/druckerei/${d.day}`} class="inline-form">
                    <input type="hidden" name="_csrf" value={frame.csrfToken} />
                    <input type="hidden" name="reprint" value="yes" />
                    <button type="submit" class="button button--small button--secondary">
                      {t('reprint')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </StaffLayout>
  );
}

/** The print room's page: one merged PDF per day, every download audited with the letters it holds. */
export function registerPrintRoomRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<LettersTables>();
  const render = async (request: Parameters<typeof viewContextFor>[0], notice?: string) => (
    <PrintRoomPage
      {...staffPage(ctx, request)}
      days={await listLetterDays(db)}
      retentionDays={ctx.config.LETTER_RETENTION_DAYS}
      notice={notice}
    />
  );

  app.get('/staff/druckerei', { config: access('read') }, async (request, reply) => {
    // The list shows counts only; the audit entry still records who looked.
    request.auditRecords = [];
    return sendPage(reply, await render(request));
  });

  app.post('/staff/druckerei/:day', { config: access('export') }, async (request, reply) => {
    const { day } = request.params as { day: string };
    if (!DAY_PATTERN.test(day) || Number.isNaN(Date.parse(day))) throw new HttpError(404);
    const reprint = (request.body as Record<string, unknown> | undefined)?.reprint === 'yes';
    const t = translator(printRoomMessages, viewContextFor(request).locale);
    const run = await db.transaction().execute(async (trx) => {
      // Locked first, so the audit names exactly the letters the merge then takes.
      let q = trx
        .selectFrom('letters')
        .select('id')
        .where('day', '=', day)
        // a letter reduced to its metadata (its cause deleted) has nothing left to print
        .where(sql<number>`octet_length(pdf)`, '>', 0);
      if (!reprint) q = q.where('printed_at', 'is', null);
      const ids = (await q.forUpdate().execute()).map((r) => r.id);
      const merged = await mergeLettersOfDay(trx as unknown as Kysely<LettersTables>, day, { now: ctx.clock.now(), reprint });
      return merged ? { ...merged, ids } : null;
    });
    request.auditReason = t(reprint ? 'reasonReprint' : 'reasonPrint', { day });
    if (!run) {
      request.auditRecords = [];
      return sendPage(reply, await render(request, t('nothing', { day })));
    }
    request.auditRecords = run.ids;
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="briefe-${day}${reprint ? '-nachdruck' : ''}.pdf"`)
      .send(Buffer.from(run.pdf));
  });
}
