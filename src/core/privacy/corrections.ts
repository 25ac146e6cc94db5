/** A module's `rectify` refuses a value it cannot store (a phone number that is none); the field is named. */
export class InvalidCorrection extends Error {
  constructor(readonly field: string) {
    super(`invalid correction of ${field}`);
  }
}
