/**
 * The public face of core/forms: reading and validating a submitted form into field messages.
 * Below core/views (whose error summary orders messages like the fields) and core/http; modules
 * keep importing these names from core/http/index.ts, which passes them on.
 */
export {
  type FieldErrors,
  type FormMessages,
  type FormResult,
  type FormValues,
  formValues,
  inFieldOrder,
  isSpam,
  pickedFrom,
  singleLine,
  validateForm,
} from './form-validation.ts';
