/** PostgreSQL's code for a reference to a row that is not there (any more). */
const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Whether a write failed because the picture it names was removed meanwhile: looked up first,
 * then written, with a removal by other staff committed in between. The caller answers that
 * in words (or stores the request without the picture); it is never a 500.
 */
export function isPictureGone(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === FOREIGN_KEY_VIOLATION;
}
