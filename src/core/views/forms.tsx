import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { type FieldErrors, type FormValues, inFieldOrder } from '../forms/index.ts';
import type { ViewContext } from './view-context.ts';

export const fieldId = (name: string) => `f-${name}`;

interface ErrorSummaryProps {
  view: ViewContext;
  errors: FieldErrors;
  labels: Record<string, string>;
  /** The form's fields, so the summary lists problems in the order the page shows them. */
  fields?: ComponentChildren;
}

/**
 * Problems in the order their fields appear (GOV.UK, KERN): found by rendering the fields once
 * more — only on a page with errors — and reading where each field's id is; fields the markup
 * does not name follow in the order of the labels.
 */
function inPageOrder(errors: FieldErrors, labels: Record<string, string>, fields: ComponentChildren): [string, string][] {
  const byLabels = Object.entries(inFieldOrder(errors, labels));
  if (fields === undefined) return byLabels;
  const html = renderToString(<div>{fields}</div>);
  const position = (name: string) => {
    const at = html.indexOf(`id="${fieldId(name)}"`);
    return at === -1 ? Number.MAX_SAFE_INTEGER : at;
  };
  return byLabels.sort(([a], [b]) => position(a) - position(b));
}

/** The list at the top of a form that names every problem and links to its field. */
export function ErrorSummary({ view, errors, labels, fields }: ErrorSummaryProps) {
  if (Object.keys(errors).length === 0) return null;
  const entries = inPageOrder(errors, labels, fields);
  return (
    // autofocus moves focus to the summary when the page arrives, without a script (strict CSP),
    // so a screen reader starts with the list of problems.
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} id="error-summary" autofocus>
      <h2 id="error-summary-title">{view.t('form.errorSummary')}</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li key={name}>
            <a href={`#${fieldId(name)}`}>
              {labels[name] ? `${labels[name]}: ` : ''}
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FormProps {
  view: ViewContext;
  action: string;
  errors?: FieldErrors;
  labels?: Record<string, string>;
  children: ComponentChildren;
  /** Signed-in forms pass their CSRF token; public forms are cookie-free and need none. */
  csrfToken?: string;
  enctype?: 'application/x-www-form-urlencoded' | 'multipart/form-data';
  showRequiredNote?: boolean;
}

export function Form({ view, action, errors = {}, labels = {}, children, csrfToken, enctype, showRequiredNote = true }: FormProps) {
  return (
    <form method="post" action={action} noValidate class="form" enctype={enctype}>
      <ErrorSummary view={view} errors={errors} labels={labels} fields={children} />
      {showRequiredNote ? <p class="form__note">{view.t('form.requiredNote')}</p> : null}
      {csrfToken ? <input type="hidden" name="_csrf" value={csrfToken} /> : null}
      {children}
    </form>
  );
}

interface FieldBase {
  view: ViewContext;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  values?: FormValues;
  errors?: FieldErrors;
}

function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${fieldId(name)}-hint` : '', error ? `${fieldId(name)}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** The visible "*" of a required field (read out as "required"), or "(optional)". */
function RequiredMark({ view, required, optional = true }: { view: ViewContext; required?: boolean | undefined; optional?: boolean }) {
  if (required) {
    return (
      <span class="field__required">
        {' '}
        *<span class="visually-hidden"> ({view.t('form.required')})</span>
      </span>
    );
  }
  return optional ? <span class="field__optional"> ({view.t('form.optional')})</span> : null;
}

function Label({ view, name, label, required }: Pick<FieldBase, 'view' | 'name' | 'label' | 'required'>) {
  return (
    <label for={fieldId(name)} class="field__label">
      {label}
      <RequiredMark view={view} required={required} />
    </label>
  );
}

function HintAndError({ name, hint, error }: { name: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <p class="field__hint" id={`${fieldId(name)}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field__error" id={`${fieldId(name)}-error`}>
          {error}
        </p>
      ) : null}
    </>
  );
}

const single = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

interface TextFieldProps extends FieldBase {
  type?: 'text' | 'email' | 'tel' | 'password' | 'number' | 'date' | 'datetime-local' | 'search' | 'url';
  autocomplete?: string;
  inputMode?: 'numeric' | 'tel' | 'email' | 'decimal' | 'text';
  maxLength?: number;
  size?: 'short' | 'medium' | 'long';
}

export function TextField(props: TextFieldProps) {
  const {
    view,
    name,
    label,
    hint,
    required,
    values = {},
    errors = {},
    type = 'text',
    autocomplete,
    inputMode,
    maxLength,
    size = 'long',
  } = props;
  const error = errors[name];
  return (
    <div class={`field field--${size}${error ? ' field--error' : ''}`}>
      <Label view={view} name={name} label={label} required={required} />
      <HintAndError name={name} hint={hint} error={error} />
      <input
        id={fieldId(name)}
        name={name}
        type={type as 'text'}
        value={type === 'password' ? '' : single(values[name])}
        required={required}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error)}
        autoComplete={autocomplete}
        inputMode={inputMode}
        maxLength={maxLength}
      />
    </div>
  );
}

export function TextArea(props: FieldBase & { rows?: number; maxLength?: number }) {
  const { view, name, label, hint, required, values = {}, errors = {}, rows = 6, maxLength } = props;
  const error = errors[name];
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <Label view={view} name={name} label={label} required={required} />
      <HintAndError name={name} hint={hint} error={error} />
      <textarea
        id={fieldId(name)}
        name={name}
        rows={rows}
        required={required}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error)}
        maxLength={maxLength}
      >
        {single(values[name])}
      </textarea>
    </div>
  );
}

interface FileFieldProps extends Omit<FieldBase, 'values'> {
  /** Media types and extensions the browser's picker offers; the server checks the content anyway. */
  accept: string;
  multiple?: boolean;
  /** Shown when the form comes back with messages: a browser never keeps a chosen file. */
  chooseAgain?: string;
}

/** A file input. It works without JavaScript in a form with enctype multipart/form-data. */
export function FileField(props: FileFieldProps) {
  const { view, name, label, hint, required, errors = {}, accept, multiple, chooseAgain } = props;
  const error = errors[name];
  const again = chooseAgain && Object.keys(errors).length > 0 ? chooseAgain : undefined;
  const noteId = `${fieldId(name)}-again`;
  const described = [describedBy(name, hint, error), again ? noteId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <Label view={view} name={name} label={label} required={required} />
      <HintAndError name={name} hint={hint} error={error} />
      {again ? (
        <p class="field__note" id={noteId}>
          {again}
        </p>
      ) : null}
      <input
        id={fieldId(name)}
        name={name}
        type="file"
        accept={accept}
        multiple={multiple}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described}
      />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(props: FieldBase & { options: Option[]; placeholder?: string }) {
  const { view, name, label, hint, required, values = {}, errors = {}, options, placeholder } = props;
  const error = errors[name];
  const selected = single(values[name]);
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <Label view={view} name={name} label={label} required={required} />
      <HintAndError name={name} hint={hint} error={error} />
      <select
        id={fieldId(name)}
        name={name}
        required={required}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option value={o.value} selected={o.value === selected} key={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Radio buttons in a fieldset; the first radio carries the id the error summary links to. */
export function RadioGroup(props: FieldBase & { options: Option[]; inline?: boolean }) {
  const { view, name, label, hint, required, values = {}, errors = {}, options, inline } = props;
  const error = errors[name];
  const selected = single(values[name]);
  return (
    <fieldset
      class={`field fieldset${inline ? ' fieldset--inline' : ''}${error ? ' field--error' : ''}`}
      aria-describedby={describedBy(name, hint, error)}
    >
      <legend class="field__label">
        {label}
        <RequiredMark view={view} required={required} />
      </legend>
      <HintAndError name={name} hint={hint} error={error} />
      {options.map((o, i) => {
        const id = i === 0 ? fieldId(name) : `${fieldId(name)}-${i}`;
        return (
          <div class="choice" key={o.value}>
            <input
              type="radio"
              id={id}
              name={name}
              value={o.value}
              checked={o.value === selected}
              required={required}
              aria-invalid={error ? 'true' : undefined}
            />
            <label for={id}>{o.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

export function CheckboxField(props: FieldBase & { value?: string }) {
  const { view, name, label, hint, required, values = {}, errors = {}, value = 'yes' } = props;
  const error = errors[name];
  return (
    <div class={`field choice${error ? ' field--error' : ''}`}>
      <HintAndError name={name} hint={hint} error={error} />
      <input
        type="checkbox"
        id={fieldId(name)}
        name={name}
        value={value}
        checked={single(values[name]) === value}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error)}
      />
      <label for={fieldId(name)}>
        {label}
        <RequiredMark view={view} required={required} optional={false} />
      </label>
    </div>
  );
}

/** Several checkboxes under one legend (e.g. roles); the first box carries the field's id. */
export function CheckboxGroup(props: FieldBase & { options: Option[] }) {
  const { view, name, label, hint, required, values = {}, errors = {}, options } = props;
  const error = errors[name];
  const raw = values[name];
  const checked = new Set(Array.isArray(raw) ? raw : raw ? [raw] : []);
  return (
    <fieldset class={`field fieldset${error ? ' field--error' : ''}`} aria-describedby={describedBy(name, hint, error)}>
      <legend class="field__label">
        {label}
        <RequiredMark view={view} required={required} optional={false} />
      </legend>
      <HintAndError name={name} hint={hint} error={error} />
      {options.map((o, i) => {
        const id = i === 0 ? fieldId(name) : `${fieldId(name)}-${i}`;
        return (
          <div class="choice" key={o.value}>
            <input
              type="checkbox"
              id={id}
              name={name}
              value={o.value}
              checked={checked.has(o.value)}
              aria-invalid={error ? 'true' : undefined}
            />
            <label for={id}>{o.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** The honeypot's field name: people never see it, form-filling bots tend to fill it. */
export const HONEYPOT_FIELD = 'website';

/**
 * A field hidden from people (off-screen, out of the tab order, hidden from screen readers):
 * a submission that fills it is a bot's, and is quietly dropped. No third-party CAPTCHA needed.
 */
export function Honeypot() {
  return (
    <div class="hp" aria-hidden="true">
      <label for="f-website">Website</label>
      <input id="f-website" name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" value="" />
    </div>
  );
}

export function SubmitButton({ children }: { children: ComponentChildren }) {
  return (
    <button type="submit" class="button">
      {children}
    </button>
  );
}
