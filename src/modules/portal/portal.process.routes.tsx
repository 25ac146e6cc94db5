import type { FastifyInstance, FastifyRequest } from 'fastify';
import { electronicFormatIBAN, isSEPACountry, isValidIBAN } from 'ibantools';
import { isUuid } from '../../core/auth/index.ts';
import { HttpError, validateForm } from '../../core/http/index.ts';
import { LOCALES, translator } from '../../core/i18n/index.ts';
import type { AppContext } from '../../core/module.ts';
import { sendPage, viewContextFor } from '../../core/views/index.ts';
import { appMessages } from './portal.app.messages.ts';
import { dayNumber } from './portal.consumption.ts';
import { berlinToday, formatDay, formatQuantity, unitLabel } from './portal.format.ts';
import type { PortalCustomer } from './portal.guard.ts';
import { recordPortalAction } from './portal.log.ts';
import { formatEuro, instalmentLimits, maskIban, parseEuroCents, parseMeterValue } from './portal.money.ts';
import { alternatesOf, PORTAL_PATHS } from './portal.paths.ts';
import { checkReading } from './portal.plausibility.ts';
import {
  BankAccountPage,
  DonePage,
  InstalmentPage,
  type LastReadings,
  MeterReadingPage,
  MovePage,
  moveLabels,
  readingLabels,
} from './portal.process.views.tsx';
import {
  activeMandateOf,
  contractOf,
  contractsOf,
  lastReading,
  readableMeterOf,
  readableMetersOf,
  readingAwaitingCheck,
  storeCustomerReading,
  withdrawReadingAwaitingCheck,
} from './portal.queries.ts';
import { bankAccountSchema, instalmentSchema, meterReadingSchema, moveSchema } from './portal.schema.ts';
import type { PortalTables } from './portal.tables.ts';
import { mailTaskReceived } from './portal.task-mail.ts';
import { createTask } from './portal.tasks.ts';
import { validation } from './portal.validation.ts';

const SIGNED_IN = { customer: 'signed-in' } as const;
/** How far back a reading may be dated (a reading is a snapshot; older ones are for the meter reader). */
const READING_MAX_AGE_DAYS = 14;

function firstOfNextMonth(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}

function addMonths(today: string, months: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1 + months, d)).toISOString().slice(0, 10);
}

/**
 * The business processes (C33): meter reading, instalment, bank details, move. Each checks that
 * what the form names belongs to the signed-in customer (404 otherwise, C34), stores what it
 * must and leaves a task for customer service, in one transaction, and writes the portal log (C38).
 */
export function registerProcessRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<PortalTables>();
  const cfg = ctx.config;
  const me = (request: FastifyRequest): PortalCustomer => {
    if (!request.customer) throw new HttpError(403);
    return request.customer;
  };

  for (const locale of LOCALES) {
    const t = translator(appMessages, locale);

    // --- Meter reading ----------------------------------------------------------------------
    const readingPage = async (
      request: FastifyRequest,
      customer: PortalCustomer,
      extra: { values?: Record<string, string | string[]>; errors?: Record<string, string>; warning?: string } = {},
    ) => {
      const meters = await readableMetersOf(db, customer.customerId);
      const last: LastReadings = {};
      const awaiting: LastReadings = {};
      for (const m of meters) {
        last[m.id] = await lastReading(db, m.id);
        awaiting[m.id] = await readingAwaitingCheck(db, m.id);
      }
      return (
        <MeterReadingPage
          view={viewContextFor(request, alternatesOf('meterReading'))}
          customer={customer}
          meters={meters}
          last={last}
          awaiting={awaiting}
          {...extra}
        />
      );
    };

    app.get(PORTAL_PATHS.meterReading[locale], { config: SIGNED_IN }, async (request, reply) =>
      sendPage(reply, await readingPage(request, me(request))),
    );

    app.post(PORTAL_PATHS.meterReading[locale], { config: SIGNED_IN }, async (request, reply) => {
      const customer = me(request);
      const v = viewContextFor(request);
      const form = validateForm(meterReadingSchema, request.body, validation(locale, readingLabels(v)));
      if (!form.ok) return sendPage(reply, await readingPage(request, customer, { values: form.values, errors: form.errors }), 400);
      const meter = isUuid(form.data.meter) ? await readableMeterOf(db, customer.customerId, form.data.meter) : undefined;
      if (!meter) throw new HttpError(404);
      const now = ctx.clock.now();
      const today = berlinToday(now);
      const readOn = form.data.readOn ?? today;
      const value = parseMeterValue(form.data.value);
      const errors: Record<string, string> = {};
      if (value === null) errors.value = t('error.value');
      const age = dayNumber(today) - dayNumber(readOn);
      if (age < 0 || age > READING_MAX_AGE_DAYS) errors.readOn = t('error.readOnRange');
      const last = await lastReading(db, meter.id);
      if (!errors.readOn && last && readOn < last.readOn) errors.readOn = t('error.beforeLast', { date: formatDay(last.readOn, locale) });
      if (value === null || Object.keys(errors).length)
        return sendPage(reply, await readingPage(request, customer, { values: form.values, errors }), 400);
      const u = unitLabel(meter.unit, locale);
      const check = checkReading({ value: Number(value), readOn, last, annualEstimate: meter.annual_estimate });
      if (!check.ok && form.data.confirm !== 'yes') {
        const warning = t(`reading.${check.reason}`, {
          last: last ? formatQuantity(last.value, meter.unit, locale) : '',
          consumption: formatQuantity(check.consumption, meter.unit, locale),
          expected: formatQuantity(check.expected, meter.unit, locale),
          unit: u,
        });
        return sendPage(reply, await readingPage(request, customer, { values: form.values, errors: { value: warning }, warning }), 400);
      }
      const task = await db.transaction().execute(async (trx) => {
        // A reading confirmed despite the warning waits for customer service; a plausible one counts at once.
        await storeCustomerReading(trx, meter.id, readOn, value, now, !check.ok);
        const created = await createTask(trx, {
          customerId: customer.customerId,
          contractId: meter.contract_id,
          kind: 'meter-reading',
          payload: {
            meterId: meter.id,
            meterNumber: meter.meter_number,
            readOn,
            value,
            unit: meter.unit,
            plausible: check.ok,
            ...(check.ok ? {} : { confirmedDespite: check.reason, awaitingCheck: true }),
          },
          now,
        });
        await mailTaskReceived(trx, ctx, { customerId: customer.customerId, reference: created.reference, kind: 'meter-reading' });
        await recordPortalAction(trx, {
          accountId: customer.accountId,
          action: 'meter-reading',
          detail: created.reference,
          ip: request.ip,
          at: now,
        });
        return created;
      });
      return sendPage(
        reply,
        <DonePage
          view={v}
          customer={customer}
          title={t('reading.title')}
          text={t('reading.done', {
            value: formatQuantity(Number(value), meter.unit, locale),
            unit: u,
            date: formatDay(readOn, locale),
            reference: task.reference,
          })}
        />,
      );
    });

    app.post(PORTAL_PATHS.meterReadingWithdraw[locale], { config: SIGNED_IN }, async (request, reply) => {
      const customer = me(request);
      const meterId = String((request.body as Record<string, unknown> | undefined)?.meter ?? '');
      const meter = isUuid(meterId) ? await readableMeterOf(db, customer.customerId, meterId) : undefined;
      if (!meter) throw new HttpError(404);
      const now = ctx.clock.now();
      await db.transaction().execute(async (trx) => {
        if (await withdrawReadingAwaitingCheck(trx, meter.id))
          await recordPortalAction(trx, {
            accountId: customer.accountId,
            action: 'meter-reading-withdrawn',
            detail: meter.meter_number,
            ip: request.ip,
            at: now,
          });
      });
      return reply.redirect(PORTAL_PATHS.meterReading[locale], 303);
    });

    // --- Instalment -------------------------------------------------------------------------
    const instalmentOptions = async (customerId: string) =>
      (await contractsOf(db, customerId))
        .filter((c) => c.end_date === null)
        .map((contract) => ({ contract, limits: instalmentLimits(contract.instalment_cents, cfg) }));

    app.get(PORTAL_PATHS.instalment[locale], { config: SIGNED_IN }, async (request, reply) => {
      const customer = me(request);
      return sendPage(
        reply,
        <InstalmentPage
          view={viewContextFor(request, alternatesOf('instalment'))}
          customer={customer}
          options={await instalmentOptions(customer.customerId)}
        />,
      );
    });

    app.post(PORTAL_PATHS.instalment[locale], { config: SIGNED_IN }, async (request, reply) => {
      const customer = me(request);
      const v = viewContextFor(request, alternatesOf('instalment'));
      const labels = { contract: t('instalment.contract'), amount: t('instalment.amount') };
      const form = validateForm(instalmentSchema, request.body, validation(locale, labels));
      const options = await instalmentOptions(customer.customerId);
      if (!form.ok)
        return sendPage(
          reply,
          <InstalmentPage view={v} customer={customer} options={options} values={form.values} errors={form.errors} />,
          400,
        );
      const contract = isUuid(form.data.contract) ? await contractOf(db, customer.customerId, form.data.contract) : undefined;
      if (!contract) throw new HttpError(404);
      const option = options.find((o) => o.contract.id === contract.id);
      // An ended contract has no instalment to change: the form never offers it.
      if (!option) throw new HttpError(404);
      const cents = parseEuroCents(form.data.amount);
      const { minCents, maxCents } = option.limits;
      const error =
        cents === null
          ? t('instalment.format')
          : cents < minCents || cents > maxCents
            ? t('instalment.range', { min: formatEuro(minCents, locale), max: formatEuro(maxCents, locale) })
            : null;
      if (error || cents === null)
        return sendPage(
          reply,
          <InstalmentPage view={v} customer={customer} options={options} values={form.values} errors={{ amount: error ?? '' }} />,
          400,
        );
      const now = ctx.clock.now();
      const from = firstOfNextMonth(berlinToday(now));
      const task = await db.transaction().execute(async (trx) => {
        const created = await createTask(trx, {
          customerId: customer.customerId,
          contractId: contract.id,
          kind: 'instalment',
          payload: { contractNumber: contract.contract_number, currentCents: contract.instalment_cents, newCents: cents, from },
          now,
        });
        await mailTaskReceived(trx, ctx, { customerId: customer.customerId, reference: created.reference, kind: 'instalment' });
        await recordPortalAction(trx, {
          accountId: customer.accountId,
          action: 'instalment',
          detail: created.reference,
          ip: request.ip,
          at: now,
        });
        return created;
      });
      return sendPage(
        reply,
        <DonePage
          view={v}
          customer={customer}
          title={t('instalment.title')}
          text={t('instalment.done', { amount: formatEuro(cents, locale), from: formatDay(from, locale), reference: task.reference })}
        />,
      );
    });

    // --- Bank details (SEPA mandate) -------------------------------------------------------
    app.get(PORTAL_PATHS.bankAccount[locale], { config: SIGNED_IN }, async (request, reply) => {
      const customer = me(request);
      const current = await activeMandateOf(db, customer.customerId);
      return sendPage(
        reply,
        <BankAccountPage
          view={viewContextFor(request, alternatesOf('bankAccount'))}
          customer={customer}
          current={current}
          org={cfg.organisation.name}
        />,
      );
    });

    app.post(PORTAL_PATHS.bankAccount[locale], { config: SIGNED_IN }, async (request, reply) => {
      const customer = me(request);
      const v = viewContextFor(request, alternatesOf('bankAccount'));
      const labels = { holder: t('bank.holder'), iban: t('bank.iban'), consent: t('bank.consent') };
      const form = validateForm(bankAccountSchema, request.body, validation(locale, labels));
      const errors: Record<string, string> = form.ok ? {} : { ...form.errors };
      // ibantools checks length, structure and check digits per country (ISO 13616).
      const iban = form.ok ? electronicFormatIBAN(form.data.iban) : null;
      if (form.ok && (!iban || !isValidIBAN(iban))) errors.iban = t('error.iban');
      else if (form.ok && iban && !isSEPACountry(iban.slice(0, 2))) errors.iban = t('error.ibanSepa');
      if (!form.ok || !iban || Object.keys(errors).length) {
        const current = await activeMandateOf(db, customer.customerId);
        return sendPage(
          reply,
          <BankAccountPage
            view={v}
            customer={customer}
            current={current}
            org={cfg.organisation.name}
            values={form.values}
            errors={errors}
          />,
          400,
        );
      }
      const now = ctx.clock.now();
      const task = await db.transaction().execute(async (trx) => {
        const created = await createTask(trx, {
          customerId: customer.customerId,
          contractId: null,
          kind: 'bank-mandate',
          payload: { accountHolder: form.data.holder, iban, mandateGrantedAt: now.toISOString() },
          now,
        });
        await mailTaskReceived(trx, ctx, { customerId: customer.customerId, reference: created.reference, kind: 'bank-mandate' });
        await recordPortalAction(trx, {
          accountId: customer.accountId,
          action: 'bank-mandate',
          detail: created.reference,
          ip: request.ip,
          at: now,
        });
        return created;
      });
      return sendPage(
        reply,
        <DonePage
          view={v}
          customer={customer}
          title={t('bank.title')}
          text={t('bank.done', { iban: maskIban(iban), reference: task.reference })}
        />,
      );
    });

    // --- Move -------------------------------------------------------------------------------
    app.get(PORTAL_PATHS.move[locale], { config: SIGNED_IN }, async (request, reply) => {
      return sendPage(reply, <MovePage view={viewContextFor(request, alternatesOf('move'))} customer={me(request)} />);
    });

    app.post(PORTAL_PATHS.move[locale], { config: SIGNED_IN }, async (request, reply) => {
      const customer = me(request);
      const v = viewContextFor(request, alternatesOf('move'));
      const form = validateForm(moveSchema, request.body, validation(locale, moveLabels(v)));
      const errors: Record<string, string> = form.ok ? {} : { ...form.errors };
      const now = ctx.clock.now();
      const today = berlinToday(now);
      if (form.ok && (form.data.moveOn < addMonths(today, -3) || form.data.moveOn > addMonths(today, 12)))
        errors.moveOn = t('error.moveDate');
      if (!form.ok || Object.keys(errors).length)
        return sendPage(reply, <MovePage view={v} customer={customer} values={form.values} errors={errors} />, 400);
      const d = form.data;
      const running = (await contractsOf(db, customer.customerId)).filter((c) => c.end_date === null).map((c) => c.contract_number);
      const task = await db.transaction().execute(async (trx) => {
        const created = await createTask(trx, {
          customerId: customer.customerId,
          contractId: null,
          kind: 'move',
          payload: {
            moveOn: d.moveOn,
            street: d.street,
            postcode: d.postcode,
            city: d.city,
            continueSupply: d.continueSupply,
            contracts: running,
          },
          now,
        });
        await mailTaskReceived(trx, ctx, { customerId: customer.customerId, reference: created.reference, kind: 'move' });
        await recordPortalAction(trx, {
          accountId: customer.accountId,
          action: 'move',
          detail: created.reference,
          ip: request.ip,
          at: now,
        });
        return created;
      });
      return sendPage(
        reply,
        <DonePage
          view={v}
          customer={customer}
          title={t('move.title')}
          text={t('move.done', { date: formatDay(d.moveOn, locale), reference: task.reference })}
        />,
      );
    });
  }
}
