import { defineMessages } from '../i18n/index.ts';

/**
 * Messages of the sign-in rules both signed-in areas share (staff and customer portal): the
 * password rules of passwords.ts and the second-factor step.
 */
export const credentialMessages = defineMessages({
  'code.title': { de: 'Zweiter Faktor', en: 'Second factor' },
  'code.intro': {
    de: 'Geben Sie den sechsstelligen Code aus Ihrer Authenticator-App ein – oder einen Ihrer Wiederherstellungscodes.',
    en: 'Enter the six-digit code from your authenticator app – or one of your recovery codes.',
  },
  'code.code': { de: 'Code', en: 'Code' },
  'code.failed': { de: 'Der Code ist nicht gültig (oder wurde schon verwendet).', en: 'The code is not valid (or was used already).' },
  'password.tooShort': {
    de: 'Das Passwort muss mindestens 12 Zeichen lang sein.',
    en: 'The password must be at least 12 characters long.',
  },
  'password.tooLong': { de: 'Das Passwort darf höchstens 128 Zeichen lang sein.', en: 'The password must be at most 128 characters long.' },
  'password.common': {
    de: 'Dieses Passwort steht auf einer Liste häufig verwendeter Passwörter. Bitte wählen Sie ein anderes.',
    en: 'This password is on a list of commonly used passwords. Please choose another one.',
  },
  'password.containsEmail': {
    de: 'Das Passwort darf nicht Ihre E-Mail-Adresse enthalten.',
    en: 'The password must not contain your e-mail address.',
  },
  'password.mismatch': { de: 'Die beiden Passwörter stimmen nicht überein.', en: 'The two passwords do not match.' },
});
