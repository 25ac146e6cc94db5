/**
 * Address keys for search and for matching objections: case, umlauts, "Straße"/"Str.", spaces
 * and hyphens do not matter. Pure functions; the map's script mirrors streetKey/numberKey.
 */

function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** "Von-Byland-Straße" → "vonbylandstr"; any part of a key finds the street ("byland", "str"). */
export function streetKey(street: string): string {
  return fold(street)
    .replace(/strasse/g, 'str')
    .replace(/[^a-z0-9]/g, '');
}

/** "12 a" → "12a", "12–14" → "12-14". */
export function numberKey(number: string): string {
  return fold(number)
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/[^a-z0-9-]/g, '');
}

/** "Musterstadt" → "musterstadt": towns compared the same way as streets. */
export function townKey(town: string): string {
  return fold(town).replace(/[^a-z0-9]/g, '');
}

/**
 * One address of one place: a blackout keeps it as the fallback when a later model gives the
 * building a new ALKIS id. The town is part of it, so "Hauptstraße 1" in one town never blacks
 * out the same address in another.
 */
export function addressKey(street: string, number: string, town: string): string {
  return `${townKey(town)}|${streetKey(street)}|${numberKey(number)}`;
}

/**
 * Splits what someone typed into the street field when the number came with it
 * ("Holzstraße 6a" → street "Holzstraße", number "6a"); a separate number wins.
 */
export function splitAddress(street: string, number: string): { street: string; number: string } {
  const s = street.trim();
  const n = number.trim();
  if (n !== '') return { street: s, number: n };
  const match = /^(.*\D)\s+(\d+\s*[a-zA-Z]?(\s*[-–]\s*\d+\s*[a-zA-Z]?)?)$/.exec(s);
  return match ? { street: (match[1] ?? '').trim(), number: (match[2] ?? '').trim() } : { street: s, number: '' };
}

/** House numbers in natural order: 2 < 10 < 10a. */
export function compareHouseNumbers(a: string, b: string): number {
  const na = Number.parseInt(a, 10);
  const nb = Number.parseInt(b, 10);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a.localeCompare(b, 'de');
}
