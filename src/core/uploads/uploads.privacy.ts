import type { ModulePrivacy } from '../privacy/index.ts';
import { sweepFilesOfGoneOwners } from './uploads.files.ts';

export const UPLOADS_ACTIVITY = 'uploads.files';

/**
 * The upload facility's own record of files. What a file says and why it is kept is declared
 * by the activity that owns it (an application, a photo, a project); this entry covers what
 * the facility adds: the file's name as sent and the stored bytes, kept exactly as long as the
 * record they belong to.
 */
export const uploadsPrivacy: ModulePrivacy = {
  activities: [
    {
      id: UPLOADS_ACTIVITY,
      title: { de: 'Hochgeladene Dateien', en: 'Uploaded files' },
      purpose: {
        de: 'Dateien, die Sie uns mit einem Formular senden (etwa Bewerbungsunterlagen, Fotos oder Anlagen zu einem Antrag), speichern wir für den Zweck des Formulars. Bilder speichern wir neu kodiert, ohne Metadaten wie Aufnahmeort, Kamera und Zeitpunkt; PDF-Dateien so, wie Sie sie gesendet haben.',
        en: 'Files you send us with a form (such as application documents, photos or attachments to a request) are stored for the purpose of that form. Images are stored re-encoded, without metadata such as location, camera and time; PDF files as you sent them.',
      },
      legalBasis: ['b-contract', 'f-legitimate-interests'],
      legalBasisNote: {
        de: 'Es gilt die Rechtsgrundlage der Verarbeitung, zu der das Formular gehört.',
        en: 'The legal basis of the processing the form belongs to applies.',
      },
      dataSubjects: {
        de: 'Personen, die Dateien senden, und Personen, die darin vorkommen',
        en: 'People who send files, and people who appear in them',
      },
      dataCategories: [
        { de: 'Inhalt der Dateien', en: 'content of the files' },
        { de: 'Dateiname, wie Ihr Gerät ihn vergeben hat', en: 'file name as your device gave it' },
      ],
      personalColumns: ['files.original_name', 'file_blobs.data'],
      // Each file is opened by the recipients of the activity it belongs to, never through this entry.
      recipients: { roles: [] },
      source: { de: 'Sie selbst, mit dem Formular', en: 'you, with the form' },
      retention: [],
      notes: [
        {
          de: 'Eine Datei wird mit dem Vorgang gelöscht, zu dem sie gehört – ob die Frist dieses Vorgangs abläuft, Sie die Löschung verlangen oder der Vorgang auf anderem Weg endet. Beschäftigte öffnen Dateien nur in den Rollen, die der Vorgang nennt; jeder Abruf wird protokolliert.',
          en: 'A file is deleted with the matter it belongs to – whether that matter’s period ends, you ask for erasure or the matter ends in another way. Staff open files only in the roles the matter names; every download is logged.',
        },
      ],
      claims: [],
    },
  ],
  personalTables: {
    files: {
      nonPersonal: ['id', 'activity', 'owner_table', 'owner_id', 'purpose', 'field', 'media_type', 'size_bytes', 'sha256', 'created_at'],
    },
    file_blobs: { nonPersonal: ['storage_key', 'seq', 'stored_at'] },
  },
  afterDeletion: async (ctx) => {
    await sweepFilesOfGoneOwners(ctx);
  },
};
