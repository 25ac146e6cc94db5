import multipart from '@fastify/multipart';
import { defineModule } from '../module.ts';
import * as createFiles from './migrations/20261201T0900_uploads_create_files.ts';
import { uploadsJobs } from './uploads.jobs.ts';
import { uploadsPrivacy } from './uploads.privacy.ts';
import { installUploadReceiver } from './uploads.receive.ts';

/**
 * The platform's one upload facility. A module declares an upload policy, names it in a
 * route's `config.upload`, validates with `validateUploadForm`, stores with `saveWithFiles`
 * and sends files only from its own routes (`sendStaffFile`, `sendPublishedFile`). Files go
 * with their owner row (see `sweepFilesOfGoneOwners`). Modules import from this file only.
 */
export const uploadsModule = defineModule({
  name: 'uploads',
  migrations: { '20261201T0900_uploads_create_files': createFiles },
  privacy: uploadsPrivacy,
  jobs: uploadsJobs,
  hooks: async (app, ctx) => {
    // Streamed: nothing is buffered in memory; the receiver applies each route's own limits.
    await app.register(multipart, { throwFileSizeLimit: false });
    installUploadReceiver(app, ctx);
  },
});

export {
  type AttachFiles,
  collectStrayFiles,
  deleteFiles,
  deleteFilesOf,
  type FileOwner,
  filesOf,
  type StoredFile,
  type StoredFileRendition,
  saveWithFiles,
  sweepFilesOfGoneOwners,
} from './uploads.files.ts';
export { type UploadedFile, type UploadFormResult, validateUploadForm } from './uploads.form.ts';
export { type LocalFileProblem, stageLocalImage } from './uploads.local.ts';
export {
  defineUploadPolicy,
  type FileFieldPolicy,
  type FileKind,
  type ImageVariant,
  MEDIA_TYPES,
  type UploadPolicy,
} from './uploads.policy.ts';
export { UPLOADS_ACTIVITY } from './uploads.privacy.ts';
export { FileChangedError, rewriteFile } from './uploads.rewrite.ts';
export { sendPublishedFile, sendStaffFile } from './uploads.serve.ts';
export { type FileStore, FileStoreError, fileStoreOf, useFileStore } from './uploads.store.ts';
export type { UploadsTables } from './uploads.tables.ts';
export { obscureVideo, type PixelBox } from './uploads.video.ts';
export { UploadField } from './uploads.views.tsx';
