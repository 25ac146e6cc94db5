import type { FieldErrors, FormValues } from '../../core/http/index.ts';
import { type Locale, translator } from '../../core/i18n/index.ts';
import { privacyGlossary } from '../../core/privacy/index.ts';
import {
  Form,
  Honeypot,
  Layout,
  RadioGroup,
  RichText,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
  type ViewContext,
} from '../../core/views/index.ts';
import { type FormKind, PUBLIC_PATH, statementAnchor } from './contact.forms.ts';
import type { CallbackDay, Slot, Weekday } from './contact.hours.ts';
import { contactMessages, WEEKDAY_NAMES } from './contact.messages.ts';
import { SALUTATIONS } from './contact.schema.ts';

type Labels = Record<string, string>;

export function labelsOf(kind: FormKind, locale: Locale): Labels {
  const t = translator(contactMessages, locale);
  if (kind === 'callback') {
    return {
      name: t('field.name'),
      phone: t('field.callbackPhone'),
      day: t('field.day'),
      slot: t('field.slot'),
      subject: t('field.subject'),
    };
  }
  const officer = { salutation: t('field.salutation'), name: t('field.name'), email: t('field.email'), concern: t('field.concern') };
  return kind === 'general'
    ? { ...officer, topic: t('field.topic'), phone: t('field.phone'), customerNumber: t('field.customerNumber') }
    : officer;
}

interface FormPageProps {
  view: ViewContext;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
}

/** "1. Juni 2026 (Montag)" style labels for the day choice. */
export function dayLabel(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T12:00:00Z`));
}

function PrivacyNote({ view, kind }: { view: ViewContext; kind: FormKind }) {
  const t = translator(contactMessages, view.locale);
  return (
    <p class="form__privacy">
      <RichText text={t('privacy.note', { link: statementAnchor(kind, view.locale) })} locale={view.locale} glossary={privacyGlossary} />
    </p>
  );
}

function PersonFields({ view, values, errors, labels, emailHint }: FormPageProps & { labels: Labels; emailHint: string }) {
  const t = translator(contactMessages, view.locale);
  return (
    <>
      <RadioGroup
        view={view}
        name="salutation"
        label={labels.salutation as string}
        required
        inline
        options={SALUTATIONS.map((s) => ({ value: s, label: t(`salutation.${s}`) }))}
        values={values}
        errors={errors}
      />
      <TextField
        view={view}
        name="name"
        label={labels.name as string}
        required
        autocomplete="name"
        values={values}
        errors={errors}
        size="medium"
        maxLength={200}
      />
      <TextField
        view={view}
        name="email"
        type="email"
        label={labels.email as string}
        hint={emailHint}
        required
        autocomplete="email"
        values={values}
        errors={errors}
        size="medium"
        maxLength={254}
      />
    </>
  );
}

/** The other forms, so the general page is also the way to them. */
function OtherWays({ view }: { view: ViewContext }) {
  const t = translator(contactMessages, view.locale);
  const L = view.locale;
  return (
    <section aria-labelledby="other-ways">
      <h2 id="other-ways">{t('general.other')}</h2>
      <ul>
        {(['callback', 'dpo', 'equal-treatment'] as const).map((k) => (
          <li key={k}>
            <a href={PUBLIC_PATH[k][L]}>{t(`${k}.link`)}</a>
          </li>
        ))}
        <li>{t('general.phone', { phone: view.org.phone, email: view.org.email })}</li>
      </ul>
    </section>
  );
}

export function GeneralFormPage({ view, values, errors }: FormPageProps) {
  const t = translator(contactMessages, view.locale);
  const labels = labelsOf('general', view.locale);
  return (
    <Layout view={view} title={t('general.title')}>
      <h1>{t('general.title')}</h1>
      <p>{t('general.intro')}</p>
      <Form view={view} action={PUBLIC_PATH.general[view.locale]} errors={errors} labels={labels}>
        <Honeypot />
        <SelectField
          view={view}
          name="topic"
          label={labels.topic as string}
          hint={t('field.topicHint')}
          required
          placeholder={t('callback.choose')}
          options={view.org.departments.map((d) => ({ value: d.id, label: d.name[view.locale] }))}
          values={values}
          errors={errors}
        />
        <PersonFields view={view} values={values} errors={errors} labels={labels} emailHint={t('field.emailHint')} />
        <TextArea view={view} name="concern" label={labels.concern as string} required values={values} errors={errors} maxLength={5000} />
        <TextField
          view={view}
          name="phone"
          type="tel"
          label={labels.phone as string}
          hint={t('field.phoneHint')}
          autocomplete="tel"
          values={values}
          errors={errors}
          size="medium"
          maxLength={40}
        />
        <TextField
          view={view}
          name="customerNumber"
          label={labels.customerNumber as string}
          hint={t('field.customerNumberHint')}
          values={values}
          errors={errors}
          size="short"
          maxLength={30}
        />
        <PrivacyNote view={view} kind="general" />
        <SubmitButton>{t('general.submit')}</SubmitButton>
      </Form>
      <OtherWays view={view} />
    </Layout>
  );
}

export function OfficerFormPage({
  view,
  values,
  errors,
  kind,
  officerName,
  requestPath,
}: FormPageProps & { kind: 'dpo' | 'equal-treatment'; officerName: string; requestPath: string }) {
  const t = translator(contactMessages, view.locale);
  const labels = labelsOf(kind, view.locale);
  return (
    <Layout view={view} title={t(`${kind}.title`)}>
      <h1>{t(`${kind}.title`)}</h1>
      <p>
        <RichText text={t(`${kind}.intro`, { name: officerName, request: requestPath })} locale={view.locale} glossary={privacyGlossary} />
      </p>
      <Form view={view} action={PUBLIC_PATH[kind][view.locale]} errors={errors} labels={labels}>
        <Honeypot />
        <PersonFields view={view} values={values} errors={errors} labels={labels} emailHint={t('field.emailHint')} />
        <TextArea view={view} name="concern" label={labels.concern as string} required values={values} errors={errors} maxLength={5000} />
        <PrivacyNote view={view} kind={kind} />
        <SubmitButton>{t('officer.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** The callback hours per weekday, as a list (the time field's choices are the union of them). */
function HoursList({ view, hoursOf }: { view: ViewContext; hoursOf: (w: Weekday) => Slot[] }) {
  const t = translator(contactMessages, view.locale);
  const days: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  return (
    <section aria-labelledby="callback-hours">
      <h2 id="callback-hours">{t('callback.hours')}</h2>
      <dl class="facts facts--compact">
        {days.map((w) => {
          const slots = hoursOf(w);
          return (
            <div key={w}>
              <dt>{WEEKDAY_NAMES[view.locale][w]}</dt>
              <dd>{slots.length ? spansText(slots, view.locale) : t('hours.none')}</dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

/** Adjacent slots joined into spans: "08:00 bis 12:00 Uhr, 13:00 bis 18:00 Uhr". */
export function spansText(slots: readonly Slot[], locale: Locale): string {
  const t = translator(contactMessages, locale);
  const spans: Slot[] = [];
  for (const s of slots) {
    const last = spans.at(-1);
    if (last && last.end === s.start) last.end = s.end;
    else spans.push({ ...s });
  }
  return spans.map((s) => t('slot.label', { start: s.start, end: s.end })).join(', ');
}

export function CallbackFormPage({
  view,
  values,
  errors,
  days,
  slots,
  slotMinutes,
  hoursOf,
}: FormPageProps & { days: CallbackDay[]; slots: Slot[]; slotMinutes: number; hoursOf: (w: Weekday) => Slot[] }) {
  const t = translator(contactMessages, view.locale);
  const labels = labelsOf('callback', view.locale);
  return (
    <Layout view={view} title={t('callback.title')}>
      <h1>{t('callback.title')}</h1>
      <p>{t('callback.intro')}</p>
      <HoursList view={view} hoursOf={hoursOf} />
      <Form view={view} action={PUBLIC_PATH.callback[view.locale]} errors={errors} labels={labels}>
        <Honeypot />
        <TextField
          view={view}
          name="name"
          label={labels.name as string}
          required
          autocomplete="name"
          values={values}
          errors={errors}
          size="medium"
          maxLength={200}
        />
        <TextField
          view={view}
          name="phone"
          type="tel"
          label={labels.phone as string}
          hint={t('field.callbackPhoneHint')}
          required
          autocomplete="tel"
          values={values}
          errors={errors}
          size="medium"
          maxLength={40}
        />
        <SelectField
          view={view}
          name="day"
          label={labels.day as string}
          required
          placeholder={t('callback.choose')}
          options={days.map((d) => ({ value: d.day, label: dayLabel(d.day, view.locale) }))}
          values={values}
          errors={errors}
        />
        <SelectField
          view={view}
          name="slot"
          label={labels.slot as string}
          hint={t('field.slotHint', { minutes: slotMinutes })}
          required
          placeholder={t('callback.choose')}
          options={slots.map((s) => ({ value: s.start, label: t('slot.label', { start: s.start, end: s.end }) }))}
          values={values}
          errors={errors}
        />
        <TextField
          view={view}
          name="subject"
          label={labels.subject as string}
          hint={t('field.subjectHint')}
          values={values}
          errors={errors}
          maxLength={300}
        />
        <PrivacyNote view={view} kind="callback" />
        <SubmitButton>{t('callback.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

export function SentPage({ view, title, lines }: { view: ViewContext; title: string; lines: string[] }) {
  const t = translator(contactMessages, view.locale);
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <div role="status">
        {lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      <p>
        <a href={view.locale === 'de' ? '/' : '/en'}>{t('sent.back')}</a>
      </p>
    </Layout>
  );
}
