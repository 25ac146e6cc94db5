/** The contest's processing activities, by id (their declarations are in contest.privacy.ts). */
export const PHOTOS_ACTIVITY = 'contest.event-photos';
export const ENTRIES_ACTIVITY = 'contest.draw-entries';
