import { defineMessages, formatNumber, type Locale } from '../i18n/index.ts';
import type { FileKind } from './uploads.policy.ts';

/** Messages of file fields; `{label}` is the field's visible label, `{name}` the file's name. */
export const uploadMessages = defineMessages({
  required: { de: 'Bitte wählen Sie eine Datei für „{label}“ aus.', en: 'Please choose a file for “{label}”.' },
  type: {
    de: '„{label}“: „{name}“ ist keine Datei der erlaubten Art ({kinds}).',
    en: '“{label}”: “{name}” is not a file of an accepted kind ({kinds}).',
  },
  tooLarge: {
    de: '„{label}“: Eine Datei ist größer als {size}. Bitte wählen Sie eine kleinere Datei aus.',
    en: '“{label}”: a file is larger than {size}. Please choose a smaller file.',
  },
  tooMany: { de: '„{label}“: Bitte wählen Sie höchstens {n} Dateien aus.', en: '“{label}”: please choose at most {n} files.' },
  image: {
    de: '„{label}“: „{name}“ ließ sich nicht als Bild lesen. Bitte speichern Sie es neu, etwa als JPEG.',
    en: '“{label}”: “{name}” could not be read as an image. Please save it again, e.g. as JPEG.',
  },
  pixels: {
    de: '„{label}“: „{name}“ hat zu viele Bildpunkte (höchstens {n} Megapixel). Bitte verkleinern Sie das Bild.',
    en: '“{label}”: “{name}” has too many pixels (at most {n} megapixels). Please make the image smaller.',
  },
  pdfActive: {
    de: '„{label}“: „{name}“ enthält Skripte oder eingebettete Dateien. Bitte speichern Sie es als einfaches PDF, etwa über „Drucken als PDF“.',
    en: '“{label}”: “{name}” contains scripts or embedded files. Please save it as a plain PDF, e.g. through “Print to PDF”.',
  },
  pdfEncrypted: {
    de: '„{label}“: „{name}“ ist mit einem Passwort geschützt. Bitte senden Sie das PDF ohne Passwort.',
    en: '“{label}”: “{name}” is protected by a password. Please send the PDF without one.',
  },
  pdfUnreadable: {
    de: '„{label}“: „{name}“ ließ sich nicht als PDF lesen. Bitte speichern Sie es neu als PDF.',
    en: '“{label}”: “{name}” could not be read as a PDF. Please save it again as PDF.',
  },
  video: {
    de: '„{label}“: „{name}“ ließ sich nicht als Video lesen. Bitte speichern Sie es neu, etwa als MP4.',
    en: '“{label}”: “{name}” could not be read as a video. Please save it again, e.g. as MP4.',
  },
  videoTooLong: {
    de: '„{label}“: „{name}“ ist länger als {n} Sekunden. Bitte kürzen Sie das Video.',
    en: '“{label}”: “{name}” is longer than {n} seconds. Please shorten the video.',
  },
  hint: { de: '{kinds}, höchstens {size} je Datei', en: '{kinds}, at most {size} per file' },
  hintMany: { de: '{kinds}, bis zu {n} Dateien, höchstens {size} je Datei', en: '{kinds}, up to {n} files, at most {size} per file' },
  chooseAgain: {
    de: 'Gewählte Dateien kann das Formular nicht aufbewahren: Bitte wählen Sie die Datei erneut aus.',
    en: 'The form cannot keep files you chose: please choose the file again.',
  },
});

const KIND_NAMES: Record<FileKind, Record<Locale, string>> = {
  image: { de: 'Bild (JPEG, PNG, WebP oder AVIF)', en: 'image (JPEG, PNG, WebP or AVIF)' },
  pdf: { de: 'PDF', en: 'PDF' },
  video: { de: 'Video (MP4, MOV oder WebM)', en: 'video (MP4, MOV or WebM)' },
};

export function kindNames(kinds: readonly FileKind[], locale: Locale): string {
  return kinds.map((k) => KIND_NAMES[k][locale]).join(locale === 'de' ? ' oder ' : ' or ');
}

/** "5 MB", "1,5 MB" (binary megabytes, as file managers show them). */
export function formatSize(bytes: number, locale: Locale): string {
  const mb = bytes / 1_048_576;
  return `${formatNumber(mb, locale, Number.isInteger(mb) ? 0 : 1)} MB`;
}
