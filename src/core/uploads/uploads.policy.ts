import type { Config } from '../config/index.ts';

/**
 * What a field may take. Images are re-encoded; PDFs are stored as sent, after a check; videos
 * are re-encoded to MP4 with ffmpeg, their variants being poster images of the first frame.
 */
export type FileKind = 'image' | 'pdf' | 'video';

/** The media types each kind admits, as sniffed from the content. SVG never: it can carry script. */
export const MEDIA_TYPES: Record<FileKind, readonly string[]> = {
  image: ['image/jpeg', 'image/png', 'image/webp', 'image/avif'],
  pdf: ['application/pdf'],
  video: ['video/mp4', 'video/quicktime', 'video/webm', 'video/x-m4v'],
};

/** A resized copy of an image, stored with the original as one record's renditions. */
export interface ImageVariant {
  /** e.g. `w640`; `original` is taken. */
  name: string;
  /** Longest edge in pixels; smaller images are not enlarged. */
  maxEdge: number;
}

export interface FileFieldPolicy {
  accept: readonly FileKind[];
  /** Bytes per file; default UPLOAD_DEFAULT_MAX_FILE_BYTES, never above UPLOAD_MAX_FILE_BYTES. */
  maxBytes?: number;
  /** Files in this field; default 1, never above UPLOAD_MAX_FILES. */
  maxFiles?: number;
  required?: boolean;
  variants?: readonly ImageVariant[];
}

/**
 * What a form may upload, declared by the module that owns the form and named in the route's
 * `config.upload`. Every file received under it belongs to `activity`.
 */
export interface UploadPolicy {
  /** The processing activity the files serve; its recipients are who may open them. */
  activity: string;
  /** e.g. `application-attachments`: recorded with each file. */
  purpose: string;
  /** The form's file inputs by name. */
  fields: Readonly<Record<string, FileFieldPolicy>>;
}

export interface EffectiveFieldPolicy {
  accept: readonly FileKind[];
  mediaTypes: readonly string[];
  /** The most a file of the field may have: the larger of the image/PDF and the video limit. */
  maxBytes: number;
  /** The limit for files of one kind, checked once the content shows the kind. */
  maxBytesOf: Record<FileKind, number>;
  maxFiles: number;
  required: boolean;
  variants: readonly ImageVariant[];
}

/** Room for the text fields beside the files, and for the multipart framing. */
export const FIELDS_ALLOWANCE_BYTES = 256 * 1024;

export function defineUploadPolicy(policy: UploadPolicy): UploadPolicy {
  for (const [name, field] of Object.entries(policy.fields)) {
    if (field.accept.length === 0) throw new Error(`upload field ${name} accepts nothing`);
    for (const v of field.variants ?? []) {
      if (v.name === 'original' || !/^[a-z0-9-]{1,32}$/.test(v.name)) throw new Error(`upload field ${name}: bad variant name ${v.name}`);
    }
  }
  return policy;
}

/** The policy of one field within the configured defaults and ceilings. */
export function effectiveField(config: Config, field: FileFieldPolicy): EffectiveFieldPolicy {
  const files = Math.min(field.maxBytes ?? config.UPLOAD_DEFAULT_MAX_FILE_BYTES, config.UPLOAD_MAX_FILE_BYTES);
  const videos = field.accept.includes('video') ? config.UPLOAD_MAX_VIDEO_BYTES : 0;
  return {
    accept: field.accept,
    mediaTypes: field.accept.flatMap((k) => MEDIA_TYPES[k]),
    maxBytes: Math.max(files, videos),
    maxBytesOf: { image: files, pdf: files, video: videos },
    maxFiles: Math.max(1, Math.min(field.maxFiles ?? 1, config.UPLOAD_MAX_FILES)),
    required: field.required ?? false,
    variants: field.variants ?? [],
  };
}

/** The largest body a form under this policy can legitimately send: more is refused with 413. */
export function bodyLimitOf(config: Config, policy: UploadPolicy): number {
  let total = FIELDS_ALLOWANCE_BYTES;
  for (const field of Object.values(policy.fields)) {
    const f = effectiveField(config, field);
    // Each file part carries its own headers besides its bytes.
    total += f.maxFiles * (f.maxBytes + 1024);
  }
  return total;
}
