import type { Config } from '../../core/config/index.ts';
import type { FieldErrors, FormValues } from '../../core/http/index.ts';
import { formatDateTime, translator } from '../../core/i18n/index.ts';
import { UploadField } from '../../core/uploads/index.ts';
import {
  type Column,
  DataTable,
  Form,
  RadioGroup,
  type StaffFrame,
  StaffLayout,
  SubmitButton,
  TextArea,
  TextField,
  type ViewContext,
} from '../../core/views/index.ts';
import { drawPath, galleryPath } from './contest.paths.ts';
import { photoPolicy } from './contest.photos.ts';
import type { DrawRow } from './contest.queries.ts';
import { contestStaffMessages } from './contest.staff.messages.ts';
import type { ConsentBasis } from './contest.tables.ts';
import { formatDay } from './contest.time.ts';

export const STAFF_BASE = '/staff/fotoaktion';
export const BASES: readonly ConsentBasis[] = ['a-consent', 'f-legitimate-interests'];

interface Page {
  view: ViewContext;
  frame: StaffFrame;
}
/** The form on a page that came back with mistakes: only it shows them. */
export interface Failed {
  form: string;
  errors: FieldErrors;
  values: FormValues;
}

const tr = (view: ViewContext) => translator(contestStaffMessages, view.locale);
const failedOf = (failed: Failed | undefined, form: string) => (failed?.form === form ? failed : undefined);

function Notice({ text }: { text?: string | undefined }) {
  return text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;
}

export function eventLabels(view: ViewContext) {
  const t = tr(view);
  return {
    slug: t('field.slug'),
    title: t('field.title'),
    heldOn: t('field.heldOn'),
    consentBasis: t('field.consentBasis'),
    consentNote: t('field.consentNote'),
  };
}

export interface EventListRow {
  id: string;
  slug: string;
  title: string;
  held_on: string;
  photos: number | null;
  published: number | null;
}

export function EventsPage({ view, frame, events, failed, notice }: Page & { events: EventListRow[]; failed?: Failed; notice?: string }) {
  const t = tr(view);
  const f = failedOf(failed, 'event');
  const labels = eventLabels(view);
  const columns: Column<EventListRow>[] = [
    { header: t('field.title'), cell: (e) => <a href={`${STAFF_BASE}/${e.id}`}>{e.title}</a> },
    { header: t('field.heldOn'), cell: (e) => formatDay(e.held_on, view.locale) },
    { header: t('events.photos'), cell: (e) => String(e.photos ?? 0) },
    { header: t('events.inGallery'), cell: (e) => String(e.published ?? 0) },
  ];
  return (
    <StaffLayout view={view} title={t('events.title')} staff={frame}>
      <h1>{t('events.title')}</h1>
      <Notice text={notice} />
      {events.length ? <DataTable rows={events} columns={columns} rowKey={(e) => e.id} /> : <p>{t('events.none')}</p>}
      <h2>{t('events.new')}</h2>
      <Form view={view} action={STAFF_BASE} errors={f?.errors} labels={labels} csrfToken={frame.csrfToken}>
        <TextField
          view={view}
          name="slug"
          label={labels.slug}
          hint={t('field.slugHint')}
          required
          values={f?.values}
          errors={f?.errors}
          size="medium"
          maxLength={60}
        />
        <TextField
          view={view}
          name="title"
          label={labels.title}
          required
          values={f?.values}
          errors={f?.errors}
          size="long"
          maxLength={200}
        />
        <TextField
          view={view}
          name="heldOn"
          type="date"
          label={labels.heldOn}
          required
          values={f?.values}
          errors={f?.errors}
          size="short"
        />
        <RadioGroup
          view={view}
          name="consentBasis"
          label={labels.consentBasis}
          required
          options={BASES.map((b) => ({ value: b, label: t(`basis.${b}`) }))}
          values={f?.values}
          errors={f?.errors}
        />
        <TextArea
          view={view}
          name="consentNote"
          label={labels.consentNote}
          hint={t('field.consentNoteHint')}
          required
          values={f?.values}
          errors={f?.errors}
          maxLength={2000}
        />
        <SubmitButton>{t('events.new')}</SubmitButton>
      </Form>
    </StaffLayout>
  );
}

export function drawLabels(view: ViewContext) {
  const t = tr(view);
  return {
    title: t('field.title'),
    prizes: t('draw.prizes'),
    winnersCount: t('draw.winners'),
    closesDay: t('draw.closesDay'),
    closesTime: t('draw.closesTime'),
    randomSource: t('draw.source'),
    sourceDay: t('draw.sourceDay'),
    sourceTime: t('draw.sourceTime'),
    termsDe: t('draw.termsDe'),
    termsEn: t('draw.termsEn'),
  };
}

interface EventPageProps extends Page {
  config: Config;
  event: { id: string; slug: string; title: string; held_on: string; consent_basis: ConsentBasis; consent_note: string };
  photos: number;
  draw: DrawRow | undefined;
  termsVersion: number;
  failed?: Failed;
  notice?: string;
  now: Date;
}

export function EventPage(props: EventPageProps) {
  const { view, frame, config, event, photos, draw, termsVersion, failed, notice, now } = props;
  const t = tr(view);
  const base = `${STAFF_BASE}/${event.id}`;
  const at = (d: Date) => formatDateTime(d, view.locale);
  const upload = failedOf(failed, 'photos');
  const create = failedOf(failed, 'draw');
  const terms = failedOf(failed, 'terms');
  const seed = failedOf(failed, 'seed');
  const labels = drawLabels(view);
  return (
    <StaffLayout view={view} title={event.title} staff={frame}>
      <h1>{event.title}</h1>
      <Notice text={notice} />
      {failedOf(failed, 'action') ? (
        <div class="error-summary" role="alert" tabIndex={-1} id="error-summary">
          <p>{Object.values(failed?.errors ?? {})[0]}</p>
        </div>
      ) : null}
      <dl class="facts">
        <div>
          <dt>{t('field.heldOn')}</dt>
          <dd>{formatDay(event.held_on, view.locale)}</dd>
        </div>
        <div>
          <dt>{t('event.consent')}</dt>
          <dd>
            {t(`basis.${event.consent_basis}`)}. {event.consent_note}
          </dd>
        </div>
        <div>
          <dt>{t('events.photos')}</dt>
          <dd>{String(photos)}</dd>
        </div>
      </dl>
      <p>
        <a href={galleryPath(event.slug, view.locale)}>{t('event.gallery')}</a>
      </p>

      <h2>{t('event.photos')}</h2>
      <p>{t('event.photosIntro')}</p>
      <p>
        {t('event.photosCommand')} <code>{`contest import ${event.slug} <${t('event.photosFolder')}>`}</code>
      </p>
      <Form
        view={view}
        action={`${base}/fotos`}
        enctype="multipart/form-data"
        errors={upload?.errors}
        labels={{ photos: t('event.photosField') }}
        csrfToken={frame.csrfToken}
      >
        <UploadField
          view={view}
          config={config}
          policy={photoPolicy}
          name="photos"
          label={t('event.photosField')}
          errors={upload?.errors}
        />
        <SubmitButton>{t('event.upload')}</SubmitButton>
      </Form>

      <h2>{t('draw.title')}</h2>
      {!draw ? (
        <Form view={view} action={`${base}/gewinnspiel`} errors={create?.errors} labels={labels} csrfToken={frame.csrfToken}>
          <TextField
            view={view}
            name="title"
            label={labels.title}
            required
            values={create?.values}
            errors={create?.errors}
            size="long"
            maxLength={200}
          />
          <TextField
            view={view}
            name="prizes"
            label={labels.prizes}
            required
            values={create?.values}
            errors={create?.errors}
            size="long"
            maxLength={500}
          />
          <TextField
            view={view}
            name="winnersCount"
            type="number"
            inputMode="numeric"
            label={labels.winnersCount}
            required
            values={create?.values}
            errors={create?.errors}
            size="short"
          />
          <TextField
            view={view}
            name="closesDay"
            type="date"
            label={labels.closesDay}
            required
            values={create?.values}
            errors={create?.errors}
            size="short"
          />
          <TextField
            view={view}
            name="closesTime"
            label={labels.closesTime}
            hint="18:00"
            required
            values={create?.values}
            errors={create?.errors}
            size="short"
            maxLength={5}
          />
          <TextField
            view={view}
            name="randomSource"
            label={labels.randomSource}
            hint={t('draw.sourceHint')}
            required
            values={create?.values}
            errors={create?.errors}
            size="long"
            maxLength={300}
          />
          <TextField
            view={view}
            name="sourceDay"
            type="date"
            label={labels.sourceDay}
            required
            values={create?.values}
            errors={create?.errors}
            size="short"
          />
          <TextField
            view={view}
            name="sourceTime"
            label={labels.sourceTime}
            hint="20:00"
            required
            values={create?.values}
            errors={create?.errors}
            size="short"
            maxLength={5}
          />
          <TextArea
            view={view}
            name="termsDe"
            label={labels.termsDe}
            required
            values={create?.values}
            errors={create?.errors}
            maxLength={20000}
          />
          <TextArea
            view={view}
            name="termsEn"
            label={labels.termsEn}
            required
            values={create?.values}
            errors={create?.errors}
            maxLength={20000}
          />
          <SubmitButton>{t('draw.create')}</SubmitButton>
        </Form>
      ) : (
        <>
          <dl class="facts">
            <div>
              <dt>{t('field.title')}</dt>
              <dd>{draw.title}</dd>
            </div>
            <div>
              <dt>{t('draw.prizes')}</dt>
              <dd>
                {draw.prizes} ({draw.winners_count})
              </dd>
            </div>
            <div>
              <dt>{t('draw.source')}</dt>
              <dd>
                {draw.random_source} ({at(draw.random_source_at)})
              </dd>
            </div>
            <div>
              <dt>{t('draw.status')}</dt>
              <dd>
                {draw.settled_at
                  ? t('draw.settled', { at: at(draw.settled_at) })
                  : draw.drawn_at
                    ? t('draw.drawn', { at: at(draw.drawn_at) })
                    : draw.frozen_at
                      ? t('draw.frozen', { at: at(draw.frozen_at), n: draw.entry_count ?? 0 })
                      : t('draw.open', { at: at(draw.entries_close_at) })}
              </dd>
            </div>
            <div>
              <dt>{t('draw.terms')}</dt>
              <dd>{t('draw.termsVersion', { version: termsVersion })}</dd>
            </div>
          </dl>
          <ul>
            <li>
              <a href={drawPath(event.slug, view.locale)}>{t('draw.public')}</a>
            </li>
            <li>
              <a href={`${base}/teilnahmen`}>{t('draw.entries')}</a>
            </li>
          </ul>
          {!draw.frozen_at ? (
            <>
              <h3>{t('draw.freeze')}</h3>
              <p>{t('draw.freezeIntro', { at: at(draw.random_source_at) })}</p>
              <form method="post" action={`${base}/einfrieren`} class="form">
                <input type="hidden" name="_csrf" value={frame.csrfToken} />
                <SubmitButton>{t('draw.freeze')}</SubmitButton>
              </form>
              <h3>{t('draw.newTerms')}</h3>
              <Form view={view} action={`${base}/bedingungen`} errors={terms?.errors} labels={labels} csrfToken={frame.csrfToken}>
                <TextArea
                  view={view}
                  name="termsDe"
                  label={labels.termsDe}
                  required
                  values={terms?.values}
                  errors={terms?.errors}
                  maxLength={20000}
                />
                <TextArea
                  view={view}
                  name="termsEn"
                  label={labels.termsEn}
                  required
                  values={terms?.values}
                  errors={terms?.errors}
                  maxLength={20000}
                />
                <SubmitButton>{t('draw.newTerms')}</SubmitButton>
              </Form>
            </>
          ) : null}
          {draw.frozen_at && !draw.seed ? (
            <>
              <h3>{t('draw.draw')}</h3>
              {draw.random_source_at > now ? <p>{t('draw.notYet', { at: at(draw.random_source_at) })}</p> : null}
              <Form
                view={view}
                action={`${base}/auslosen`}
                errors={seed?.errors}
                labels={{ seed: t('draw.seed') }}
                csrfToken={frame.csrfToken}
              >
                <TextField
                  view={view}
                  name="seed"
                  label={t('draw.seed')}
                  hint={t('draw.seedHint')}
                  required
                  values={seed?.values}
                  errors={seed?.errors}
                  size="long"
                  maxLength={500}
                />
                <SubmitButton>{t('draw.draw')}</SubmitButton>
              </Form>
            </>
          ) : null}
        </>
      )}
    </StaffLayout>
  );
}

export interface EntryRow {
  id: string;
  first_name: string;
  last_name: string;
  street: string;
  postcode: string;
  city: string;
  email: string;
  created_at: Date;
  terms_version: number;
}

export interface WinnerRow {
  id: string;
  winner_rank: number | null;
  first_name: string;
  last_name: string;
  publish_consent_at: Date | null;
  prize_handed_over_at: Date | null;
}

export function EntriesPage({
  view,
  frame,
  eventId,
  draw,
  entries,
  winners,
  notice,
  error,
}: Page & { eventId: string; draw: DrawRow; entries: EntryRow[]; winners: WinnerRow[]; notice?: string; error?: string }) {
  const t = tr(view);
  const base = `${STAFF_BASE}/${eventId}`;
  const at = (d: Date) => formatDateTime(d, view.locale);
  const title = t('entries.title', { draw: draw.title });
  const columns: Column<EntryRow>[] = [
    { header: t('entries.name'), cell: (e) => `${e.first_name} ${e.last_name}` },
    { header: t('entries.address'), cell: (e) => `${e.street}, ${e.postcode} ${e.city}` },
    { header: t('entries.email'), cell: (e) => e.email },
    { header: t('entries.at'), cell: (e) => at(e.created_at) },
    { header: t('entries.terms'), cell: (e) => String(e.terms_version) },
  ];
  const winnerColumns: Column<WinnerRow>[] = [
    { header: t('winners.rank'), cell: (w) => String(w.winner_rank) },
    { header: t('entries.name'), cell: (w) => `${w.first_name} ${w.last_name}` },
    { header: t('winners.consent'), cell: (w) => (w.publish_consent_at ? t('winners.consentYes') : t('winners.consentNo')) },
    {
      header: t('winners.handover'),
      cell: (w) =>
        w.prize_handed_over_at ? (
          t('winners.handedOver', { at: at(w.prize_handed_over_at) })
        ) : (
          <form method="post" action={`${base}/uebergabe/${w.id}`} class="inline-form">
            <input type="hidden" name="_csrf" value={frame.csrfToken} />
            <button type="submit" class="button button--small">
              {t('winners.record')}
              <span class="visually-hidden">: {`${w.first_name} ${w.last_name}`}</span>
            </button>
          </form>
        ),
    },
  ];
  return (
    <StaffLayout view={view} title={title} staff={frame}>
      <h1>{title}</h1>
      {error ? (
        <div class="error-summary" role="alert" tabIndex={-1} id="error-summary">
          <p>{error}</p>
        </div>
      ) : null}
      <Notice text={notice} />
      {draw.drawn_at && !draw.settled_at ? (
        <section aria-labelledby="winners">
          <h2 id="winners">{t('winners.title')}</h2>
          <DataTable rows={winners} columns={winnerColumns} rowKey={(w) => w.id} />
          <form method="post" action={`${base}/benachrichtigen`} class="form">
            <input type="hidden" name="_csrf" value={frame.csrfToken} />
            <SubmitButton>{t('winners.notify')}</SubmitButton>
          </form>
          <h2>{t('settle.title')}</h2>
          <p>{t('settle.intro')}</p>
          <form method="post" action={`${base}/abschliessen`} class="form">
            <input type="hidden" name="_csrf" value={frame.csrfToken} />
            <SubmitButton>{t('settle.title')}</SubmitButton>
          </form>
        </section>
      ) : null}
      <h2>{t('draw.entries')}</h2>
      {entries.length ? <DataTable rows={entries} columns={columns} rowKey={(e) => e.id} /> : <p>{t('entries.none')}</p>}
    </StaffLayout>
  );
}
