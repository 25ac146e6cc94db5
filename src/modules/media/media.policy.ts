import { defineUploadPolicy } from '../../core/uploads/index.ts';
import { ACTIVITY } from './media.paths.ts';

/**
 * Photos and videos (decision 018): every image is re-encoded by the upload facility, which
 * drops EXIF (camera, time, GPS), XMP, IPTC and the ICC profile, and stored in three sizes
 * besides the original; a video is re-encoded with ffmpeg without its metadata (recording time,
 * GPS position, camera) and gets posters of its first frame in the same three sizes. Videos'
 * size limit is UPLOAD_MAX_VIDEO_BYTES, their length UPLOAD_MAX_VIDEO_SECONDS.
 */
export const photoPolicy = defineUploadPolicy({
  activity: ACTIVITY.library,
  purpose: 'media-photo',
  fields: {
    photo: {
      accept: ['image', 'video'],
      required: true,
      maxBytes: 20 * 1_048_576,
      variants: [
        { name: 'w320', maxEdge: 320 },
        { name: 'w640', maxEdge: 640 },
        { name: 'w1280', maxEdge: 1280 },
      ],
    },
  },
});

/** The signed consent form, scanned or photographed (optional: a photographer's assurance has none). */
export const consentPolicy = defineUploadPolicy({
  activity: ACTIVITY.consents,
  purpose: 'media-consent-form',
  fields: { proof: { accept: ['pdf', 'image'], maxBytes: 10 * 1_048_576 } },
});
