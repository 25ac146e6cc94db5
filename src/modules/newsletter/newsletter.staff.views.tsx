import type { FieldErrors, FormValues } from '../../core/http/index.ts';
import { formatDateTime, formatNumber, type Locale, translator } from '../../core/i18n/index.ts';
import {
  BarChart,
  type Column,
  DataTable,
  Form,
  type Option,
  SelectField,
  type StaffFrame,
  StaffLayout,
  SubmitButton,
  TextArea,
  TextField,
  type ViewContext,
} from '../../core/views/index.ts';
import { staffMessages } from './newsletter.staff.messages.ts';
import type { CampaignStatus } from './newsletter.tables.ts';

export const STAFF_PATH = '/staff/newsletter';

interface Page {
  view: ViewContext;
  frame: StaffFrame;
}

const tr = (locale: Locale) => translator(staffMessages, locale);

export function campaignLabels(locale: Locale) {
  const t = tr(locale);
  return { subject: t('field.subject'), markdown: t('field.markdown'), topic: t('field.topic'), when: t('field.when') };
}

function Notice({ text }: { text?: string | undefined }) {
  return text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;
}

export interface CampaignListRow {
  id: string;
  subject: string;
  topic: string | null;
  status: CampaignStatus;
  created_at: Date;
}

export function CampaignListPage({
  view,
  frame,
  rows,
  topicName,
}: Page & { rows: CampaignListRow[]; topicName: (id: string | null) => string }) {
  const t = tr(view.locale);
  const columns: Column<CampaignListRow>[] = [
    { header: t('campaigns.subject'), cell: (r) => <a href={`${STAFF_PATH}/aussendungen/${r.id}`}>{r.subject}</a> },
    { header: t('campaigns.topic'), cell: (r) => topicName(r.topic) },
    { header: t('campaigns.status'), cell: (r) => t(`status.${r.status}`) },
    { header: t('campaigns.created'), cell: (r) => formatDateTime(r.created_at, view.locale) },
  ];
  return (
    <StaffLayout view={view} title={t('campaigns.title')} staff={frame}>
      <h1>{t('campaigns.title')}</h1>
      <p>
        <a class="button" href={`${STAFF_PATH}/aussendungen/neu`}>
          {t('campaigns.new')}
        </a>{' '}
        <a href={`${STAFF_PATH}/themen`}>{t('topics.title')}</a>
      </p>
      {rows.length ? (
        <DataTable rows={rows} columns={columns} rowKey={(r) => r.id} caption={t('campaigns.title')} />
      ) : (
        <p>{t('campaigns.none')}</p>
      )}
    </StaffLayout>
  );
}

interface CampaignFormProps extends Page {
  action: string;
  topics: Option[];
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  submit: string;
}

function CampaignForm({ view, frame, action, topics, values, errors, submit }: CampaignFormProps) {
  const t = tr(view.locale);
  const labels = campaignLabels(view.locale);
  return (
    <Form view={view} action={action} errors={errors} labels={labels} csrfToken={frame.csrfToken}>
      <TextField view={view} name="subject" label={labels.subject} required values={values} errors={errors} />
      <SelectField
        view={view}
        name="topic"
        label={labels.topic}
        options={[{ value: '', label: t('campaigns.allTopics') }, ...topics]}
        values={values}
        errors={errors}
      />
      <TextArea
        view={view}
        name="markdown"
        label={labels.markdown}
        hint={t('field.markdown.hint')}
        required
        rows={14}
        values={values}
        errors={errors}
      />
      <SubmitButton>{submit}</SubmitButton>
    </Form>
  );
}

export function NewCampaignPage(props: Omit<CampaignFormProps, 'action' | 'submit'>) {
  const t = tr(props.view.locale);
  return (
    <StaffLayout view={props.view} title={t('campaigns.new')} staff={props.frame}>
      <h1>{t('campaigns.new')}</h1>
      <CampaignForm {...props} action={`${STAFF_PATH}/aussendungen`} submit={t('action.create')} />
    </StaffLayout>
  );
}

export interface CampaignDetail {
  id: string;
  subject: string;
  status: CampaignStatus;
  scheduled_at: Date | null;
  key_destroyed_at: Date | null;
  links: string[];
}

export interface Progress {
  total: number;
  sent: number;
  failed: number;
}

export function CampaignPage(
  props: Page & {
    campaign: CampaignDetail;
    topics: Option[];
    values: FormValues;
    errors?: FieldErrors | undefined;
    scheduleErrors?: FieldErrors | undefined;
    notice?: string | undefined;
    previewHtml: string;
    previewText: string;
    progress: Progress;
    counts: { opens: number; clicks: number[] };
  },
) {
  const { view, frame, campaign, notice, progress, counts } = props;
  const t = tr(view.locale);
  const base = `${STAFF_PATH}/aussendungen/${campaign.id}`;
  const button = (path: string, label: string) => (
    <form method="post" action={`${base}/${path}`} class="inline-form">
      <input type="hidden" name="_csrf" value={frame.csrfToken} />
      <button type="submit" class="button">
        {label}
      </button>
    </form>
  );
  const editable = campaign.status === 'draft' || campaign.status === 'scheduled';
  return (
    <StaffLayout view={view} title={campaign.subject} staff={frame}>
      <h1>{campaign.subject}</h1>
      <Notice text={notice} />
      <p>
        {t('campaigns.status')}: {t(`status.${campaign.status}`)}
        {campaign.status === 'scheduled' && campaign.scheduled_at ? `, ${formatDateTime(campaign.scheduled_at, view.locale)}` : ''}
      </p>
      {editable ? (
        <>
          <CampaignForm {...props} action={base} submit={t('action.save')} />
          {button('test', t('action.test'))}
          <h2>{t('action.schedule')}</h2>
          <Form
            view={view}
            action={`${base}/planen`}
            errors={props.scheduleErrors}
            labels={campaignLabels(view.locale)}
            csrfToken={frame.csrfToken}
            showRequiredNote={false}
          >
            <TextField
              view={view}
              name="when"
              type="datetime-local"
              label={t('field.when')}
              hint={t('field.when.hint')}
              size="medium"
              values={props.values}
              errors={props.scheduleErrors}
            />
            <SubmitButton>{t('action.schedule')}</SubmitButton>
          </Form>
          {button('jetzt', t('action.now'))}
        </>
      ) : null}
      {campaign.status === 'sending' ? button('pausieren', t('action.pause')) : null}
      {campaign.status === 'paused' ? button('fortsetzen', t('action.resume')) : null}
      {progress.total > 0 ? (
        <section aria-labelledby="progress">
          <h2 id="progress">{t('progress.title')}</h2>
          <p>
            {t('progress.text', {
              sent: formatNumber(progress.sent, view.locale),
              total: formatNumber(progress.total, view.locale),
              failed: formatNumber(progress.failed, view.locale),
            })}
          </p>
        </section>
      ) : null}
      {campaign.status !== 'draft' && campaign.status !== 'scheduled' ? (
        <section aria-labelledby="report">
          <h2 id="report">{t('report.title')}</h2>
          <BarChart
            id="report-chart"
            title={t('report.title')}
            description={t('report.description')}
            locale={view.locale}
            labelHeading={t('report.what')}
            data={[
              { label: t('report.opens'), value: counts.opens },
              ...campaign.links.map((_url, i) => ({ label: t('report.link', { n: i + 1 }), value: counts.clicks[i] ?? 0 })),
            ]}
          />
          {campaign.links.length ? (
            <>
              <h3>{t('report.links')}</h3>
              <ol>
                {campaign.links.map((url) => (
                  <li key={url}>{url}</li>
                ))}
              </ol>
            </>
          ) : null}
          {campaign.key_destroyed_at ? <p>{t('report.keyDestroyed')}</p> : null}
        </section>
      ) : null}
      <section aria-labelledby="preview">
        <h2 id="preview">{t('preview.title')}</h2>
        {/* Sanitised when compiled: only the Markdown's own safe subset of HTML. */}
        <div class="newsletter-preview" dangerouslySetInnerHTML={{ __html: props.previewHtml }} />
        <h3>{t('preview.text')}</h3>
        <pre class="newsletter-preview__text">{props.previewText}</pre>
      </section>
    </StaffLayout>
  );
}

export interface SubscriberRow {
  id: string;
  email: string;
  name: string | null;
  topics: string[];
  confirmed_at: Date | null;
  measure: boolean;
}

export function SubscribersPage({ view, frame, rows }: Page & { rows: SubscriberRow[] }) {
  const t = tr(view.locale);
  const columns: Column<SubscriberRow>[] = [
    { header: t('subscribers.email'), cell: (r) => r.email },
    { header: t('subscribers.name'), cell: (r) => r.name ?? '' },
    { header: t('subscribers.topics'), cell: (r) => r.topics.join(', ') },
    { header: t('subscribers.confirmed'), cell: (r) => (r.confirmed_at ? formatDateTime(r.confirmed_at, view.locale) : '') },
    { header: t('subscribers.measure'), cell: (r) => t(r.measure ? 'subscribers.measure.yes' : 'subscribers.measure.no') },
  ];
  return (
    <StaffLayout view={view} title={t('subscribers.title')} staff={frame}>
      <h1>{t('subscribers.title')}</h1>
      <p>{t('subscribers.count', { n: formatNumber(rows.length, view.locale) })}</p>
      <p>
        <a href={`${STAFF_PATH}/abonnements.csv`}>{t('subscribers.export')}</a>
      </p>
      <DataTable rows={rows} columns={columns} rowKey={(r) => r.id} caption={t('subscribers.title')} />
    </StaffLayout>
  );
}

export function TopicsPage({
  view,
  frame,
  topics,
  values,
  errors,
}: Page & {
  topics: { id: string; name_de: string; name_en: string }[];
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
}) {
  const t = tr(view.locale);
  const labels = { id: t('topics.id'), name_de: t('topics.nameDe'), name_en: t('topics.nameEn') };
  return (
    <StaffLayout view={view} title={t('topics.title')} staff={frame}>
      <h1>{t('topics.title')}</h1>
      <ul>
        {topics.map((x) => (
          <li key={x.id}>
            {x.name_de} / {x.name_en}
          </li>
        ))}
      </ul>
      <h2>{t('topics.add')}</h2>
      <Form view={view} action={`${STAFF_PATH}/themen`} errors={errors} labels={labels} csrfToken={frame.csrfToken}>
        <TextField view={view} name="id" label={labels.id} required size="medium" values={values} errors={errors} />
        <TextField view={view} name="name_de" label={labels.name_de} required values={values} errors={errors} />
        <TextField view={view} name="name_en" label={labels.name_en} required values={values} errors={errors} />
        <SubmitButton>{t('topics.add')}</SubmitButton>
      </Form>
    </StaffLayout>
  );
}
