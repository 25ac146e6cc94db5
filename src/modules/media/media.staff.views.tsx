import type { Config } from '../../core/config/index.ts';
import type { FieldErrors, FormValues } from '../../core/http/index.ts';
import { formatDateTime, type Locale, translator } from '../../core/i18n/index.ts';
import { type StoredFile, UploadField } from '../../core/uploads/index.ts';
import {
  CheckboxField,
  CheckboxGroup,
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
import { mediaMessages } from './media.messages.ts';
import { STAFF_PATH } from './media.paths.ts';
import { consentPolicy, photoPolicy } from './media.policy.ts';
import type { ConsentRow, ItemRow } from './media.queries.ts';
import { REGION_SLOTS } from './media.schema.ts';
import { MEDIA_BASES, MEDIA_SCOPES, type MediaScope } from './media.tables.ts';

interface Page {
  view: ViewContext;
  frame: StaffFrame;
}

/** A date without the time, on the Berlin clock. */
export const dayOf = (d: Date, locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeZone: 'Europe/Berlin' }).format(d);

export const imageUrl = (id: string, size: string) => `${STAFF_PATH.library}/${id}/datei/${size}`;

export function uploadLabels(locale: Locale) {
  const t = translator(mediaMessages, locale);
  return {
    photo: t('field.photo'),
    title: t('field.title'),
    alt: t('field.alt'),
    basis: t('field.basis'),
    people: t('field.people'),
    publish: t('field.publish'),
  };
}

export function consentLabels(locale: Locale) {
  const t = translator(mediaMessages, locale);
  return {
    personName: t('field.personName'),
    scopes: t('field.scopes'),
    givenOn: t('field.givenOn'),
    method: t('field.method'),
    validUntil: t('field.validUntil'),
    proof: t('field.proof'),
  };
}

export function obscureLabels(locale: Locale) {
  const t = translator(mediaMessages, locale);
  const labels: Record<string, string> = { effect: t('field.effect') };
  for (let n = 1; n <= REGION_SLOTS; n++) labels[`r${n}x`] = t('region.legend', { n });
  return labels;
}

export function LibraryPage({ view, frame, items, online }: Page & { items: ItemRow[]; online: Set<string> }) {
  const t = translator(mediaMessages, view.locale);
  return (
    <StaffLayout view={view} title={t('staff.title')} staff={frame}>
      <h1>{t('staff.title')}</h1>
      <p>
        <a class="button" href={`${STAFF_PATH.library}/neu`}>
          {t('staff.upload')}
        </a>{' '}
        <a href={STAFF_PATH.takedowns}>{t('takedowns.title')}</a>
      </p>
      {items.length === 0 ? (
        <p>{t('staff.empty')}</p>
      ) : (
        <DataTable
          rows={items}
          rowKey={(r) => r.id}
          caption={t('staff.title')}
          columns={[
            { header: t('staff.col.picture'), cell: (r) => <img src={imageUrl(r.id, 'w320')} alt="" width={80} class="media-thumb" /> },
            { header: t('staff.col.title'), cell: (r) => <a href={`${STAFF_PATH.library}/${r.id}`}>{r.title}</a> },
            { header: t('staff.col.basis'), cell: (r) => t(`basis.${r.basis}`) },
            { header: t('staff.col.online'), cell: (r) => t(online.has(r.id) ? 'status.yes' : 'status.no') },
          ]}
        />
      )}
    </StaffLayout>
  );
}

export function UploadPage({
  view,
  frame,
  config,
  errors = {},
  values = {},
}: Page & { config: Config; errors?: FieldErrors; values?: FormValues }) {
  const t = translator(mediaMessages, view.locale);
  const labels = uploadLabels(view.locale);
  const failed = Object.keys(errors).length > 0;
  return (
    <StaffLayout view={view} title={`${failed ? view.t('form.errorTitlePrefix') : ''}${t('staff.upload')}`} staff={frame}>
      <h1>{t('staff.upload')}</h1>
      <Form
        view={view}
        action={`${STAFF_PATH.library}/neu`}
        errors={errors}
        labels={labels}
        csrfToken={frame.csrfToken}
        enctype="multipart/form-data"
      >
        <UploadField view={view} config={config} policy={photoPolicy} name="photo" label={labels.photo} errors={errors} />
        <TextField view={view} name="title" label={labels.title} required values={values} errors={errors} />
        <TextArea view={view} name="alt" label={labels.alt} hint={t('field.altHint')} required rows={3} values={values} errors={errors} />
        <RadioGroup
          view={view}
          name="basis"
          label={labels.basis}
          required
          values={values}
          errors={errors}
          options={MEDIA_BASES.map((b) => ({ value: b, label: t(`basis.${b}`) }))}
        />
        <TextField
          view={view}
          name="people"
          label={labels.people}
          hint={t('field.peopleHint')}
          type="number"
          inputMode="numeric"
          size="short"
          values={values}
          errors={errors}
        />
        <CheckboxField view={view} name="publish" label={labels.publish} values={values} errors={errors} />
        <SubmitButton>{t('staff.save')}</SubmitButton>
      </Form>
    </StaffLayout>
  );
}

export interface Failed {
  form: 'consent' | 'obscure';
  errors: FieldErrors;
  values: FormValues;
}

interface DetailProps extends Page {
  config: Config;
  item: ItemRow;
  file: StoredFile | undefined;
  consents: (ConsentRow & { proof: string | null })[];
  shown: Record<MediaScope, boolean>;
  now: Date;
  takedown?: string | undefined;
  failed?: Failed | undefined;
}

export function ItemPage(props: DetailProps) {
  const { view, frame, config, item, file, consents, shown, now, takedown, failed } = props;
  const t = translator(mediaMessages, view.locale);
  const L = view.locale;
  const base = `${STAFF_PATH.library}/${item.id}`;
  const valid = (c: ConsentRow) => c.given_on <= now && (c.valid_until === null || c.valid_until > now);
  const consentErrors = failed?.form === 'consent' ? failed : undefined;
  const obscureErrors = failed?.form === 'obscure' ? failed : undefined;
  const cl = consentLabels(L);
  const ol = obscureLabels(L);
  const original = file?.renditions.find((r) => r.name === 'original');
  return (
    <StaffLayout
      view={view}
      title={`${failed ? view.t('form.errorTitlePrefix') : ''}${item.title}`}
      staff={frame}
      scripts={['/assets/media-regions.js']}
    >
      <h1>{item.title}</h1>
      <figure class="media-figure" data-media-regions>
        <img
          src={imageUrl(item.id, 'w320')}
          srcSet={`${imageUrl(item.id, 'w320')} 320w, ${imageUrl(item.id, 'w640')} 640w`}
          sizes="(max-width: 44rem) 90vw, 640px"
          alt={item.alt_text}
          data-width={original?.width ?? undefined}
          data-height={original?.height ?? undefined}
        />
      </figure>
      <p>{t(`basis.${item.basis}`)}</p>
      {item.altered_at ? <p>{t('detail.altered', { date: formatDateTime(item.altered_at, L) })}</p> : null}
      <section aria-labelledby="status-title">
        <h2 id="status-title">{t('detail.status')}</h2>
        <ul>
          {MEDIA_SCOPES.map((s) => (
            <li key={s}>
              {t(`scope.${s}`)}: {t(shown[s] ? 'status.yes' : 'status.no')}
            </li>
          ))}
          <li>
            {t('detail.published')}: {t(item.published ? 'status.yes' : 'status.no')}
          </li>
        </ul>
        {item.unpublished_reason === 'consent-expired' ? <p class="notice notice--warning">{t('detail.unpublishedExpired')}</p> : null}
        <form method="post" action={`${base}/freigabe`}>
          <input type="hidden" name="_csrf" value={frame.csrfToken} />
          <input type="hidden" name="publish" value={item.published ? 'no' : 'yes'} />
          <button type="submit" class="button button--secondary">
            {t(item.published ? 'detail.unpublish' : 'detail.publish')}
          </button>
        </form>
      </section>
      <section aria-labelledby="consents-title">
        <h2 id="consents-title">{t('detail.consents')}</h2>
        {item.basis !== 'consent' ? (
          <p>{t('consent.notNeeded')}</p>
        ) : (
          <>
            <p>{t('detail.consentsNeeded', { n: item.people, m: consents.length })}</p>
            {consents.length === 0 ? <p>{t('detail.noConsents')}</p> : null}
            <ul>
              {consents.map((c) => (
                <li key={c.id}>
                  <strong>{c.person_name}</strong>:{' '}
                  {MEDIA_SCOPES.filter((s) => c[`scope_${s}`])
                    .map((s) => t(`scope.${s}`))
                    .join(', ')}
                  ; {t('consent.given', { date: dayOf(c.given_on, L) })}, {t(`method.${c.method}`)};{' '}
                  {c.valid_until
                    ? t('consent.until', { date: dayOf(new Date(c.valid_until.getTime() - 1), L) })
                    : t('consent.untilRevoked')}
                  {valid(c) ? '' : ` (${t('consent.expired')})`}
                  {c.proof ? (
                    <>
                      {' '}
                      <a href={`${base}/einwilligung/${c.id}`}>{t('consent.proof')}</a>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
            <h3>{t('consent.add')}</h3>
            <Form
              view={view}
              action={`${base}/einwilligung`}
              errors={consentErrors?.errors}
              labels={cl}
              csrfToken={frame.csrfToken}
              enctype="multipart/form-data"
            >
              <TextField
                view={view}
                name="personName"
                label={cl.personName}
                required
                values={consentErrors?.values}
                errors={consentErrors?.errors}
              />
              <CheckboxGroup
                view={view}
                name="scopes"
                label={cl.scopes}
                required
                values={consentErrors?.values}
                errors={consentErrors?.errors}
                options={MEDIA_SCOPES.map((s) => ({ value: s, label: t(`scope.${s}`) }))}
              />
              <TextField
                view={view}
                name="givenOn"
                label={cl.givenOn}
                type="date"
                required
                size="medium"
                values={consentErrors?.values}
                errors={consentErrors?.errors}
              />
              <RadioGroup
                view={view}
                name="method"
                label={cl.method}
                required
                values={consentErrors?.values}
                errors={consentErrors?.errors}
                options={(['signed-form', 'photographer'] as const).map((m) => ({ value: m, label: t(`method.${m}`) }))}
              />
              <TextField
                view={view}
                name="validUntil"
                label={cl.validUntil}
                hint={t('field.validUntilHint')}
                type="date"
                size="medium"
                values={consentErrors?.values}
                errors={consentErrors?.errors}
              />
              <UploadField
                view={view}
                config={config}
                policy={consentPolicy}
                name="proof"
                label={cl.proof}
                errors={consentErrors?.errors}
              />
              <SubmitButton>{t('consent.save')}</SubmitButton>
            </Form>
          </>
        )}
      </section>
      <section aria-labelledby="action-title">
        <h2 id="action-title">{t('action.title')}</h2>
        <p>{t('action.intro')}</p>
        <h3>{t('action.obscure')}</h3>
        <Form
          view={view}
          action={`${base}/unkenntlich`}
          errors={obscureErrors?.errors}
          labels={ol}
          csrfToken={frame.csrfToken}
          showRequiredNote={false}
        >
          {takedown ? <input type="hidden" name="takedown" value={takedown} /> : null}
          <p class="field__hint">{t('action.obscureHint')}</p>
          <RadioGroup
            view={view}
            name="effect"
            label={ol.effect as string}
            required
            inline
            values={obscureErrors?.values ?? { effect: 'pixelate' }}
            errors={obscureErrors?.errors}
            options={(['pixelate', 'blur'] as const).map((e) => ({ value: e, label: t(`effect.${e}`) }))}
          />
          {Array.from({ length: REGION_SLOTS }, (_, i) => i + 1).map((n) => (
            <fieldset class="field fieldset fieldset--inline media-region" key={n} data-region={n}>
              <legend class="field__label">{t('region.legend', { n })}</legend>
              {obscureErrors?.errors[`r${n}x`] ? (
                <p class="field__error" id={`f-r${n}x-error`}>
                  {obscureErrors.errors[`r${n}x`]}
                </p>
              ) : null}
              {(['x', 'y', 'w', 'h'] as const).map((k) => (
                <TextField
                  key={k}
                  view={view}
                  name={`r${n}${k}`}
                  label={t(`region.${k}`)}
                  type="number"
                  inputMode="decimal"
                  size="short"
                  values={obscureErrors?.values}
                />
              ))}
            </fieldset>
          ))}
          <SubmitButton>{t('action.obscureSubmit')}</SubmitButton>
        </Form>
        <h3>{t('action.remove')}</h3>
        <form method="post" action={`${base}/entfernen`}>
          <input type="hidden" name="_csrf" value={frame.csrfToken} />
          {takedown ? <input type="hidden" name="takedown" value={takedown} /> : null}
          <button type="submit" class="button button--danger">
            {t('action.remove')}
          </button>
        </form>
      </section>
    </StaffLayout>
  );
}

export interface TakedownListRow {
  id: string;
  reference: string;
  wish: string;
  created_at: Date;
  handled_at: Date | null;
  outcome: string | null;
  item_id: string | null;
  title: string | null;
}

export function TakedownListPage({ view, frame, rows, notice }: Page & { rows: TakedownListRow[]; notice?: string | undefined }) {
  const t = translator(mediaMessages, view.locale);
  return (
    <StaffLayout view={view} title={t('takedowns.title')} staff={frame}>
      <h1>{t('takedowns.title')}</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p>{t('takedowns.empty')}</p>
      ) : (
        <DataTable
          rows={rows}
          rowKey={(r) => r.id}
          caption={t('takedowns.title')}
          columns={[
            { header: t('takedowns.col.reference'), cell: (r) => <a href={`${STAFF_PATH.takedowns}/${r.id}`}>{r.reference}</a> },
            { header: t('takedowns.col.received'), cell: (r) => formatDateTime(r.created_at, view.locale) },
            { header: t('takedowns.col.wish'), cell: (r) => t(`wish.${r.wish as 'remove'}`) },
            { header: t('takedowns.col.picture'), cell: (r) => r.title ?? t('takedowns.unresolved') },
            { header: t('takedown.closed'), cell: (r) => (r.handled_at ? formatDateTime(r.handled_at, view.locale) : '–') },
          ]}
        />
      )}
    </StaffLayout>
  );
}

export interface TakedownDetail extends TakedownListRow {
  picture: string;
  details: string | null;
  name: string | null;
  email: string | null;
}

export function TakedownPage({
  view,
  frame,
  row,
  errors = {},
  values = {},
}: Page & { row: TakedownDetail; errors?: FieldErrors; values?: FormValues }) {
  const t = translator(mediaMessages, view.locale);
  const base = `${STAFF_PATH.takedowns}/${row.id}`;
  const labels = { address: t('field.pictureAddress') };
  return (
    <StaffLayout
      view={view}
      title={`${Object.keys(errors).length ? view.t('form.errorTitlePrefix') : ''}${t('takedown.detail', { reference: row.reference })}`}
      staff={frame}
    >
      <h1>{t('takedown.detail', { reference: row.reference })}</h1>
      <dl class="facts">
        <dt>{t('takedowns.col.received')}</dt>
        <dd>{formatDateTime(row.created_at, view.locale)}</dd>
        <dt>{t('takedowns.col.wish')}</dt>
        <dd>{t(`wish.${row.wish as 'remove'}`)}</dd>
        <dt>{t('field.picture')}</dt>
        <dd class="typed">{row.picture}</dd>
        {row.details ? (
          <>
            <dt>{t('field.details')}</dt>
            <dd class="typed">{row.details}</dd>
          </>
        ) : null}
        <dt>{t('takedown.contact')}</dt>
        <dd>{row.name || row.email ? [row.name, row.email].filter(Boolean).join(', ') : t('takedown.noContact')}</dd>
        {row.handled_at ? (
          <>
            <dt>{t('takedown.closed')}</dt>
            <dd>{formatDateTime(row.handled_at, view.locale)}</dd>
          </>
        ) : null}
      </dl>
      {row.item_id ? (
        <p>
          <a class="button" href={`${STAFF_PATH.library}/${row.item_id}?antrag=${row.id}`}>
            {t('takedown.toPicture')}
          </a>
        </p>
      ) : null}
      {row.handled_at ? null : (
        <>
          <h2>{t('takedown.assign')}</h2>
          <Form
            view={view}
            action={`${base}/zuordnen`}
            errors={errors}
            labels={labels}
            csrfToken={frame.csrfToken}
            showRequiredNote={false}
          >
            <TextField view={view} name="address" label={labels.address} required values={values} errors={errors} />
            <SubmitButton>{t('takedown.assignSave')}</SubmitButton>
          </Form>
          <form method="post" action={`${base}/abschliessen`}>
            <input type="hidden" name="_csrf" value={frame.csrfToken} />
            <button type="submit" class="button button--secondary">
              {t('takedown.close')}
            </button>
          </form>
        </>
      )}
    </StaffLayout>
  );
}
