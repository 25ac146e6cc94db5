import type { FastifyInstance } from 'fastify';
import { isSpam, validateForm } from '../../core/http/index.ts';
import { LOCALES, type Locale, translator } from '../../core/i18n/index.ts';
import { enqueueMail } from '../../core/mail/index.ts';
import type { AppContext } from '../../core/module.ts';
import { statementPaths } from '../../core/privacy/index.ts';
import { createViewContext, sendPage } from '../../core/views/index.ts';
import { mailHandling } from './contact.answer.ts';
import { ACTIVITY, type FormKind, PUBLIC_PATH } from './contact.forms.ts';
import { callbackDays, checkCallbackTime, type Slot, type SlotProblem, StateHolidays, slotsOf, weekSlots } from './contact.hours.ts';
import { contactMessages, WEEKDAY_NAMES } from './contact.messages.ts';
import { formatPhone } from './contact.phone.ts';
import { type ContactDb, insertCallback, insertRequest, type NewRequest } from './contact.queries.ts';
import { callbackSchema, generalSchema, officerSchema } from './contact.schema.ts';
import { CallbackFormPage, dayLabel, GeneralFormPage, labelsOf, OfficerFormPage, SentPage, spansText } from './contact.views.tsx';

const other = (l: Locale): Locale => (l === 'de' ? 'en' : 'de');

function problemMessage(problem: SlotProblem, day: string, locale: Locale): string {
  const t = translator(contactMessages, locale);
  if (problem.field === 'slot')
    return t('slot.outside', { weekday: WEEKDAY_NAMES[locale][problem.weekday], hours: spansText(problem.slots, locale) });
  if (problem.reason === 'holiday') return t('day.holiday', { date: dayLabel(day, locale), holiday: problem.holiday[locale] });
  if (problem.reason === 'closed') return t('day.closed', { date: dayLabel(day, locale) });
  return t('day.range');
}

/**
 * The four public forms, German and English. They set no cookie and need no JavaScript; bad
 * input comes back with a 400, a message per field and what was typed; a bot filling the
 * honeypot gets the same thank-you page and nothing is stored.
 */
export function registerContactRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<ContactDb>();
  const org = ctx.config.organisation;
  const hours = org.callbackHours;
  // Built at boot, so an unknown state stops the start instead of the first callback request.
  const holidays = new StateHolidays(org.state);
  const general = generalSchema(org);
  const rateLimit = { rateLimit: { max: ctx.config.FORM_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } };

  for (const locale of LOCALES) {
    const t = translator(contactMessages, locale);
    const view = (kind: FormKind) =>
      createViewContext(
        app.siteFrame,
        PUBLIC_PATH[kind][locale],
        { [locale]: PUBLIC_PATH[kind][locale], [other(locale)]: PUBLIC_PATH[kind][other(locale)] },
        locale,
      );
    const validation = (kind: FormKind) => ({ locale, labels: labelsOf(kind, locale), messages: contactMessages });
    const sent = (kind: FormKind, reference: string) => (
      <SentPage view={view(kind)} title={t('sent.title')} lines={[t('sent.text', { reference }), t('sent.mail')]} />
    );
    const botAnswer = (kind: FormKind) => (
      <SentPage view={view(kind)} title={t('sent.title')} lines={[t('sent.text', { reference: '–' })]} />
    );

    /** Request and receipt in one transaction: the mail exists exactly when the request does. Its text is the reference, never what was typed. */
    const store = (input: NewRequest) =>
      db.transaction().execute(async (trx) => {
        const created = await insertRequest(trx, input, ctx.clock.now());
        await enqueueMail(trx, ctx, {
          to: input.email,
          subject: t('mail.subject', { reference: created.reference }),
          text: t('mail.body', { reference: created.reference, org: org.shortName }),
          activity: ACTIVITY[input.kind],
          reference: created.reference,
          ...mailHandling(input.kind),
        });
        return created;
      });

    app.get(PUBLIC_PATH.general[locale], async (_request, reply) => sendPage(reply, <GeneralFormPage view={view('general')} />));
    app.post(PUBLIC_PATH.general[locale], { config: rateLimit }, async (request, reply) => {
      const form = validateForm(general, request.body, validation('general'));
      if (!form.ok) return sendPage(reply, <GeneralFormPage view={view('general')} values={form.values} errors={form.errors} />, 400);
      if (isSpam(request.body)) return sendPage(reply, botAnswer('general'));
      const d = form.data;
      const created = await store({
        kind: 'general',
        topic: d.topic,
        salutation: d.salutation,
        name: d.name,
        email: d.email,
        phone: d.phone,
        customerNumber: d.customerNumber,
        concern: d.concern,
        locale,
      });
      return sendPage(reply, sent('general', created.reference));
    });

    for (const kind of ['dpo', 'equal-treatment'] as const) {
      const officer = kind === 'dpo' ? org.dataProtectionOfficer : org.equalTreatmentOfficer;
      const page = (values?: Record<string, string | string[]>, errors?: Record<string, string>) => (
        <OfficerFormPage
          view={view(kind)}
          kind={kind}
          officerName={officer.name}
          requestPath={statementPaths[locale].request}
          values={values}
          errors={errors}
        />
      );
      app.get(PUBLIC_PATH[kind][locale], async (_request, reply) => sendPage(reply, page()));
      app.post(PUBLIC_PATH[kind][locale], { config: rateLimit }, async (request, reply) => {
        const form = validateForm(officerSchema, request.body, validation(kind));
        if (!form.ok) return sendPage(reply, page(form.values, form.errors), 400);
        if (isSpam(request.body)) return sendPage(reply, botAnswer(kind));
        const created = await store({ kind, topic: null, phone: null, customerNumber: null, ...form.data, locale });
        return sendPage(reply, sent(kind, created.reference));
      });
    }

    const callbackPage = (values?: Record<string, string | string[]>, errors?: Record<string, string>) => (
      <CallbackFormPage
        view={view('callback')}
        days={callbackDays(hours, holidays, ctx.clock.now())}
        slots={weekSlots(hours)}
        slotMinutes={hours.slotMinutes}
        hoursOf={(w) => slotsOf(hours, w)}
        values={values}
        errors={errors}
      />
    );
    app.get(PUBLIC_PATH.callback[locale], async (_request, reply) => sendPage(reply, callbackPage()));
    app.post(PUBLIC_PATH.callback[locale], { config: rateLimit }, async (request, reply) => {
      const form = validateForm(callbackSchema, request.body, validation('callback'));
      const errors = form.ok ? {} : { ...form.errors };
      // Day and time are checked against hours and holidays even when another field is wrong, so every problem shows at once.
      const { day, slot } = form.values;
      let time: { slot: Slot; start: Date; end: Date } | null = null;
      if (!errors.day && !errors.slot && typeof day === 'string' && typeof slot === 'string') {
        const check = checkCallbackTime(hours, holidays, ctx.clock.now(), day, slot);
        if (check.ok) time = check;
        else errors[check.problem.field] = problemMessage(check.problem, day, locale);
      }
      if (!form.ok || !time) return sendPage(reply, callbackPage(form.values, errors), 400);
      if (isSpam(request.body)) return sendPage(reply, botAnswer('callback'));
      const d = form.data;
      const created = await insertCallback(
        db,
        { name: d.name, phone: d.phone, subject: d.subject, slotStart: time.start, slotEnd: time.end, locale },
        ctx.clock.now(),
      );
      return sendPage(
        reply,
        <SentPage
          view={view('callback')}
          title={t('callbackSent.title')}
          lines={[
            t('callbackSent.text', {
              day: dayLabel(d.day, locale),
              start: time.slot.start,
              end: time.slot.end,
              phone: formatPhone(d.phone),
              reference: created.reference,
            }),
          ]}
        />,
      );
    });
  }
}
