import type { ColumnType, Generated } from 'kysely';

export interface FilesTable {
  id: Generated<string>;
  /** The owning module's processing activity: its recipients are the staff who may open the file. */
  activity: string;
  owner_table: string;
  owner_id: string;
  purpose: string;
  /** The form field the file came in through (e.g. `cv`, `certificates`). */
  field: string;
  /** As sniffed from the content, never as the client named it. */
  media_type: string;
  size_bytes: ColumnType<number, number, never>;
  sha256: string;
  /** As the person's computer named it: may itself be personal data ("Befund Müller.pdf"). */
  original_name: string;
  created_at: ColumnType<Date, Date, never>;
}

export interface FileRenditionsTable {
  file_id: string;
  /** `original` (the re-encoded upload) or a variant's name, e.g. `w640`. */
  name: string;
  storage_key: string;
  media_type: string;
  size_bytes: ColumnType<number, number, never>;
  sha256: string;
  width: number | null;
  height: number | null;
}

export interface FileBlobsTable {
  storage_key: string;
  seq: number;
  data: Uint8Array;
  stored_at: ColumnType<Date, Date, never>;
}

export type UploadsTables = { files: FilesTable; file_renditions: FileRenditionsTable; file_blobs: FileBlobsTable };
