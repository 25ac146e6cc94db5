import { defineModule } from '../module.ts';
import { lettersCommands } from './letters.commands.ts';
import * as createLetters from './migrations/20261127T1810_letters_create_letters.ts';

/**
 * Letters for the print room: DIN 5008 form B PDFs, queued in the caller's transaction and
 * merged into one PDF per day. Processing activities are declared by the modules whose letters
 * they are.
 */
export const lettersModule = defineModule({
  name: 'letters',
  migrations: { '20261127T1810_letters_create_letters': createLetters },
  commands: lettersCommands,
});

export { dayInBerlin } from './letters.day.ts';
export { FORM_B, type LetterContent, mm } from './letters.layout.ts';
export type { LetterLanguage } from './letters.labels.ts';
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
} from './letters.queue.ts';
export { type RenderedLetter, renderLetter } from './letters.render.ts';
export type { LettersTable, LettersTables } from './letters.tables.ts';
