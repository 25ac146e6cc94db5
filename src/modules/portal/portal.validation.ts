import { passwordProblem } from '../../core/auth/index.ts';
import type { FormMessages } from '../../core/http/index.ts';
import { type Locale, translator } from '../../core/i18n/index.ts';
import { accountMessages } from './portal.account.messages.ts';
import { appMessages } from './portal.app.messages.ts';
import { portalMessages } from './portal.messages.ts';

const all = { ...portalMessages, ...appMessages, ...accountMessages };

/** Options for validateForm: the portal's catalogue translates the schemas' message keys. */
export function validation(locale: Locale, labels: Record<string, string>): FormMessages {
  return { locale, labels, messages: all };
}

/** Why a new password is refused, in the customer's language; null when it is fine (NIST SP 800-63B). */
export function newPasswordError(
  locale: Locale,
  password: string,
  repeat: string,
  email: string,
): { password?: string; repeat?: string } | null {
  const t = translator(portalMessages, locale);
  const problem = passwordProblem(password, email);
  if (problem) return { password: t(`password.${problem}`) };
  if (password !== repeat) return { repeat: t('password.mismatch') };
  return null;
}
