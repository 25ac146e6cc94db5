import { defineModule } from '../module.ts';
import { lettersCommands } from './letters.commands.ts';
import { LETTERS_ACTIVITY, lettersPrivacy } from './letters.privacy.ts';
import * as createLetters from './migrations/20261127T1810_letters_create_letters.ts';
import * as addKeepAfterPrint from './migrations/20261205T2215_letters_add_keep_after_print.ts';

/**
 * Letters for the print room: DIN 5008 form B PDFs, queued in the caller's transaction and
 * merged into one PDF per day, on the CLI or the print room's staff page. Why a letter is sent
 * is declared by the module whose letter it is; this module declares the print queue itself.
 */
export const lettersModule = defineModule({
  name: 'letters',
  roles: ['customer-service'],
  migrations: {
    '20261127T1810_letters_create_letters': createLetters,
    '20261205T2215_letters_add_keep_after_print': addKeepAfterPrint,
  },
  commands: lettersCommands,
  privacy: lettersPrivacy,
  routes: async (app, ctx) => (await import('./letters.staff.routes.tsx')).registerPrintRoomRoutes(app, ctx),
  staffNavigation: [
    {
      id: 'letters.print-room',
      label: { de: 'Druckerei', en: 'Print room' },
      href: '/staff/druckerei',
      access: { activity: LETTERS_ACTIVITY, action: 'read' },
      order: 58,
    },
  ],
});

export { dayInBerlin } from './letters.day.ts';
export type { LetterLanguage } from './letters.labels.ts';
export { FORM_B, type LetterContent, mm } from './letters.layout.ts';
export {
  type LetterDay,
  type LettersContext,
  listLetterDays,
  mergeLettersOfDay,
  type NewLetter,
  type PrintRun,
  type PrintRunOptions,
  type QueuedLetter,
  queueLetter,
  releaseLettersOf,
  storeRenderedLetter,
} from './letters.queue.ts';
export { type RenderedLetter, renderLetter } from './letters.render.ts';
export type { LettersTable, LettersTables } from './letters.tables.ts';
