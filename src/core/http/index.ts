/**
 * The public face of core/http: errors as pages, form validation (from core/forms), and the server the entry
 * points build. Modules import from this file only (dependency rule `module-through-index`).
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
} from '../forms/index.ts';
export { type ErrorStatus, HttpError, sendError } from './errors.tsx';
export { type Listening, listenWithAcceptSockets } from './listen.ts';
export { addRouteHook } from './route-hooks.ts';
export { buildServer, type Server, type ServerOptions } from './server.ts';
