// The counting itself is shared with the browser's live counter: one ES module under assets/.
export { countSegments, type SegmentCount, type SmsEncoding } from './assets/sms-segments.mjs';

/** Most segments one free SMS may take. */
export const MAX_SEGMENTS = 3;
