import type { FieldErrors, FormValues } from '../../core/http/index.ts';
import { translator } from '../../core/i18n/index.ts';
import { CheckboxField, Form, RadioGroup, SubmitButton, TextField, type ViewContext } from '../../core/views/index.ts';
import { appMessages } from './portal.app.messages.ts';
import { formatDay, formatQuantity, unitLabel } from './portal.format.ts';
import type { PortalCustomer } from './portal.guard.ts';
import { PortalLayout } from './portal.layout.tsx';
import { euroInput, formatEuro, type InstalmentLimits, maskIban } from './portal.money.ts';
import { PORTAL_PATHS } from './portal.paths.ts';
import type { ContractSummary, ReadableMeter } from './portal.queries.ts';

interface Page {
  view: ViewContext;
  customer: PortalCustomer;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
}

export function DonePage({ view, customer, title, text }: { view: ViewContext; customer: PortalCustomer; title: string; text: string }) {
  const t = translator(appMessages, view.locale);
  return (
    <PortalLayout view={view} title={title} customer={customer}>
      <h1>{title}</h1>
      <p role="status" class="notice">
        {text}
      </p>
      <p>
        <a href={PORTAL_PATHS.overview[view.locale]}>{t('overview.title')}</a>
      </p>
    </PortalLayout>
  );
}

export function readingLabels(view: ViewContext) {
  const t = translator(appMessages, view.locale);
  return { meter: t('reading.meter'), readOn: t('reading.readOn'), value: t('reading.value'), confirm: t('reading.confirm') };
}

export interface LastReadings {
  [meterId: string]: { value: number; readOn: string } | null;
}

export function MeterReadingPage({
  view,
  customer,
  values,
  errors,
  meters,
  last,
  warning,
  awaiting = {},
}: Page & { meters: ReadableMeter[]; last: LastReadings; awaiting?: LastReadings; warning?: string | undefined }) {
  const t = translator(appMessages, view.locale);
  const L = view.locale;
  const labels = readingLabels(view);
  return (
    <PortalLayout view={view} title={t('reading.title')} customer={customer}>
      <h1>{t('reading.title')}</h1>
      {meters.length === 0 ? (
        <p>{t('reading.noMeters')}</p>
      ) : (
        <>
          <p class="prose">{t('reading.intro')}</p>
          <ul>
            {meters.map((m) => {
              const l = last[m.id];
              return l ? (
                <li key={m.id}>
                  {t('reading.last', {
                    meter: m.meter_number,
                    value: formatQuantity(l.value, m.unit, L),
                    unit: unitLabel(m.unit, L),
                    date: formatDay(l.readOn, L),
                  })}
                </li>
              ) : null;
            })}
          </ul>
          {meters.map((m) => {
            const pending = awaiting[m.id];
            if (!pending) return null;
            return (
              <div class="notice" key={`awaiting-${m.id}`}>
                <p>
                  {t('reading.awaiting', {
                    meter: m.meter_number,
                    value: formatQuantity(pending.value, m.unit, L),
                    unit: unitLabel(m.unit, L),
                    date: formatDay(pending.readOn, L),
                  })}
                </p>
                <form method="post" action={PORTAL_PATHS.meterReadingWithdraw[L]}>
                  <input type="hidden" name="_csrf" value={customer.session.csrfToken} />
                  <input type="hidden" name="meter" value={m.id} />
                  <button type="submit" class="button button--secondary">
                    {t('reading.withdraw', { meter: m.meter_number })}
                  </button>
                </form>
              </div>
            );
          })}
          <Form view={view} action={PORTAL_PATHS.meterReading[L]} errors={errors} labels={labels} csrfToken={customer.session.csrfToken}>
            <RadioGroup
              view={view}
              name="meter"
              label={labels.meter}
              required
              options={meters.map((m) => ({
                value: m.id,
                label: `${t('reading.meterOption', { commodity: t(`commodity.${m.commodity}`), number: m.meter_number })} (${unitLabel(m.unit, L)})`,
              }))}
              values={values ?? (meters.length === 1 ? { meter: meters[0]?.id ?? '' } : {})}
              errors={errors}
            />
            <TextField
              view={view}
              name="readOn"
              type="date"
              label={labels.readOn}
              hint={t('reading.readOnHint')}
              values={values}
              errors={errors}
              size="short"
            />
            <TextField
              view={view}
              name="value"
              label={labels.value}
              hint={t('reading.valueHint')}
              required
              inputMode="decimal"
              values={values}
              errors={errors}
              size="short"
              maxLength={20}
            />
            {warning ? (
              // The warning itself is the field's message (and in the summary); here only what to do.
              <div class="notice notice--warning">
                <p>{t('reading.checkAgain')}</p>
                <CheckboxField view={view} name="confirm" label={labels.confirm} values={values} errors={errors} />
              </div>
            ) : null}
            <SubmitButton>{t('reading.submit')}</SubmitButton>
          </Form>
        </>
      )}
    </PortalLayout>
  );
}

export interface InstalmentOption {
  contract: ContractSummary;
  limits: InstalmentLimits;
}

export function InstalmentPage({ view, customer, values, errors, options }: Page & { options: InstalmentOption[] }) {
  const t = translator(appMessages, view.locale);
  const L = view.locale;
  const labels = { contract: t('instalment.contract'), amount: t('instalment.amount') };
  const single = options.length === 1 ? options[0] : undefined;
  return (
    <PortalLayout view={view} title={t('instalment.title')} customer={customer}>
      <h1>{t('instalment.title')}</h1>
      {options.length === 0 ? (
        <p>{t('instalment.none')}</p>
      ) : (
        <>
          <p class="prose">{t('instalment.intro')}</p>
          <Form view={view} action={PORTAL_PATHS.instalment[L]} errors={errors} labels={labels} csrfToken={customer.session.csrfToken}>
            <RadioGroup
              view={view}
              name="contract"
              label={labels.contract}
              required
              options={options.map((o) => ({
                value: o.contract.id,
                label: t('instalment.contractOption', {
                  commodity: t(`commodity.${o.contract.commodity}`),
                  number: o.contract.contract_number,
                  amount: formatEuro(o.contract.instalment_cents, L),
                }),
              }))}
              values={values ?? (single ? { contract: single.contract.id } : {})}
              errors={errors}
            />
            <TextField
              view={view}
              name="amount"
              label={labels.amount}
              hint={options
                .map((o) =>
                  t('instalment.limits', {
                    commodity: t(`commodity.${o.contract.commodity}`),
                    number: o.contract.contract_number,
                    min: formatEuro(o.limits.minCents, L),
                    max: formatEuro(o.limits.maxCents, L),
                  }),
                )
                .join('; ')}
              required
              inputMode="decimal"
              values={values ?? (single ? { amount: euroInput(single.contract.instalment_cents, L) } : {})}
              errors={errors}
              size="short"
              maxLength={12}
            />
            <SubmitButton>{t('instalment.submit')}</SubmitButton>
          </Form>
        </>
      )}
    </PortalLayout>
  );
}

export function BankAccountPage({
  view,
  customer,
  values,
  errors,
  current,
  org,
}: Page & { current: { mandate_reference: string; account_holder: string; iban: string } | undefined; org: string }) {
  const t = translator(appMessages, view.locale);
  const L = view.locale;
  const labels = { holder: t('bank.holder'), iban: t('bank.iban'), consent: t('bank.consent') };
  return (
    <PortalLayout view={view} title={t('bank.title')} customer={customer}>
      <h1>{t('bank.title')}</h1>
      <p>
        {current
          ? t('bank.current', { holder: current.account_holder, iban: maskIban(current.iban), reference: current.mandate_reference })
          : t('bank.noCurrent')}
      </p>
      <Form view={view} action={PORTAL_PATHS.bankAccount[L]} errors={errors} labels={labels} csrfToken={customer.session.csrfToken}>
        <TextField
          view={view}
          name="holder"
          label={labels.holder}
          required
          autocomplete="name"
          values={values}
          errors={errors}
          size="medium"
          maxLength={70}
        />
        <TextField
          view={view}
          name="iban"
          label={labels.iban}
          hint={t('bank.ibanHint')}
          required
          autocomplete="off"
          values={values}
          errors={errors}
          size="medium"
          maxLength={50}
        />
        <h2>{t('bank.mandateTitle')}</h2>
        <p class="prose">{t('bank.mandateText', { org })}</p>
        <CheckboxField view={view} name="consent" label={labels.consent} required values={values} errors={errors} />
        <SubmitButton>{t('bank.submit')}</SubmitButton>
      </Form>
    </PortalLayout>
  );
}

export function moveLabels(view: ViewContext) {
  const t = translator(appMessages, view.locale);
  return {
    moveOn: t('move.date'),
    street: t('move.street'),
    postcode: t('move.postcode'),
    city: t('move.city'),
    continueSupply: t('move.continue'),
  };
}

export function MovePage({ view, customer, values, errors }: Page) {
  const t = translator(appMessages, view.locale);
  const L = view.locale;
  const labels = moveLabels(view);
  return (
    <PortalLayout view={view} title={t('move.title')} customer={customer}>
      <h1>{t('move.title')}</h1>
      <p class="prose">{t('move.intro')}</p>
      <Form view={view} action={PORTAL_PATHS.move[L]} errors={errors} labels={labels} csrfToken={customer.session.csrfToken}>
        <TextField view={view} name="moveOn" type="date" label={labels.moveOn} required values={values} errors={errors} size="short" />
        <TextField
          view={view}
          name="street"
          label={labels.street}
          required
          autocomplete="street-address"
          values={values}
          errors={errors}
          size="medium"
          maxLength={200}
        />
        <TextField
          view={view}
          name="postcode"
          label={labels.postcode}
          required
          autocomplete="postal-code"
          inputMode="numeric"
          values={values}
          errors={errors}
          size="short"
          maxLength={5}
        />
        <TextField
          view={view}
          name="city"
          label={labels.city}
          required
          autocomplete="address-level2"
          values={values}
          errors={errors}
          size="medium"
          maxLength={100}
        />
        <CheckboxField view={view} name="continueSupply" label={labels.continueSupply} values={values} errors={errors} />
        <SubmitButton>{t('move.submit')}</SubmitButton>
      </Form>
    </PortalLayout>
  );
}
