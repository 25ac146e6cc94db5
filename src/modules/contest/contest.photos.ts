import { readFile } from 'node:fs/promises';
import { secretKey } from '../../core/auth/index.ts';
import type { AppContext } from '../../core/module.ts';
import { defineUploadPolicy, saveWithFiles, type UploadedFile } from '../../core/uploads/index.ts';
import { codeHash, newCode } from './contest.codes.ts';
import { PHOTOS_ACTIVITY } from './contest.privacy.ts';
import type { ContestTables } from './contest.tables.ts';

export const PHOTOS_TABLE = 'contest_photos';

export const photoPolicy = defineUploadPolicy({
  activity: PHOTOS_ACTIVITY,
  purpose: 'event-photos',
  fields: {
    photos: {
      accept: ['image'],
      required: true,
      maxBytes: 20 * 1_048_576,
      maxFiles: 100,
      variants: [
        { name: 'w1200', maxEdge: 1200 },
        { name: 'w400', maxEdge: 400 },
      ],
    },
  },
});

/** A photo just imported, with its code in plain text: the only moment the code exists outside the print. */
export interface ImportedPhoto {
  photoId: string;
  code: string;
  originalName: string;
  /** The re-encoded image as staged, for the code sheet's thumbnail. */
  image: Buffer;
}

/**
 * Stores photos of an event, each with a fresh code of which only the keyed hash is kept.
 * One transaction per call: the photos and their files exist together or not at all.
 */
export async function importPhotos(ctx: AppContext, eventId: string, files: readonly UploadedFile[]): Promise<ImportedPhoto[]> {
  const secret = secretKey(ctx.config);
  // Read before storing: the staged copies go once the request or the import step ends.
  const images = await Promise.all(
    files.map((f) => readFile((f.renditions.find((r) => r.name === 'w400') ?? f.renditions[0])?.path ?? '')),
  );
  return saveWithFiles(ctx, files, async (trx, attach) => {
    const out: ImportedPhoto[] = [];
    for (const [i, file] of files.entries()) {
      const code = newCode();
      const row = await trx
        .withTables<ContestTables>()
        .insertInto('contest_photos')
        .values({ event_id: eventId, code_hash: codeHash(secret, code), gallery_changed_at: null, created_at: ctx.clock.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await attach({ table: PHOTOS_TABLE, id: row.id }, [file]);
      out.push({ photoId: row.id, code, originalName: file.originalName, image: images[i] as Buffer });
    }
    return out;
  });
}
