import { dayNumber } from './portal.consumption.ts';

export type Plausibility =
  | { ok: true }
  | { ok: false; reason: 'below-last' | 'too-high' | 'too-low'; consumption: number; expected: number };

// How far a reading may stray from the forecast before we ask the customer to confirm it. Wide on
// purpose: the check catches typing errors (a digit too many or too few), not thrifty winters.
const HIGH_FACTOR = 2;
const LOW_FACTOR = 0.25;
/** Below this many days the forecast says too little about a single interval to call it low. */
const MIN_DAYS_FOR_LOW = 30;
/** A week of forecast consumption as slack, so a short interval is not flagged for noise. */
const SLACK_DAYS = 7;

/**
 * Checks a meter reading against the meter's last reading and the consumption the billing
 * system expects per year (C33). An implausible value is not refused: the customer confirms it.
 */
export function checkReading(input: {
  value: number;
  readOn: string;
  last: { value: number; readOn: string } | null;
  annualEstimate: number;
}): Plausibility {
  const { last } = input;
  if (!last) return { ok: true };
  const days = Math.max(0, dayNumber(input.readOn) - dayNumber(last.readOn));
  const perDay = input.annualEstimate / 365;
  const expected = perDay * days;
  const consumption = input.value - last.value;
  if (consumption < 0) return { ok: false, reason: 'below-last', consumption, expected };
  if (consumption > HIGH_FACTOR * expected + perDay * SLACK_DAYS) return { ok: false, reason: 'too-high', consumption, expected };
  if (days >= MIN_DAYS_FOR_LOW && consumption < LOW_FACTOR * expected) return { ok: false, reason: 'too-low', consumption, expected };
  return { ok: true };
}
