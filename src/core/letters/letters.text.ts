/** Characters that are never drawn: controls, format characters (zero-width, bidi overrides), soft hyphens. */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
const SPACES = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/gu;
const LOOKALIKES: Record<string, string> = {
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2212': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u2044': '/',
  '\u00a0': ' ',
};

/**
 * Makes a line drawable in the font: whitespace collapses to single spaces, invisible
 * characters go, accented letters the font lacks lose their accent (Č → C), lookalikes are
 * swapped (− → -), and whatever is left that the font cannot show becomes "?". Never throws.
 */
export function sanitiseLine(text: string, encodable: (codePoint: number) => boolean): string {
  const cleaned = text
    .replace(/[\t\r\n\u2028\u2029]/g, ' ')
    .replace(INVISIBLE, '')
    .normalize('NFC')
    .replace(SPACES, ' ')
    .trim();
  let out = '';
  for (const char of cleaned) {
    const cp = char.codePointAt(0) as number;
    if (/\p{M}/u.test(char)) continue; // a mark NFC could not combine
    if (encodable(cp)) {
      out += char;
      continue;
    }
    const lookalike = LOOKALIKES[char];
    if (lookalike !== undefined) {
      out += lookalike;
      continue;
    }
    // Ligatures and compatibility forms first (ﬁ → fi), then accents stripped (ł stays ł and becomes ?).
    const candidates = [char.normalize('NFKC'), char.normalize('NFKD').replace(/\p{M}/gu, '')];
    const fit = candidates.find((c) => c.length > 0 && [...c].every((x) => encodable(x.codePointAt(0) as number)));
    out += fit ?? '?';
  }
  return out;
}

export type Measure = (text: string) => number;

/**
 * Greedy line breaking at spaces. A word wider than the line (a long address, a hostile name)
 * is cut, preferably after @ . - / _ so e-mail addresses and URLs break where a reader expects.
 */
export function wrapText(text: string, maxWidth: number, measure: Measure): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = word;
    for (;;) {
      const cut = cutPoint(rest, maxWidth, measure);
      if (cut >= rest.length) break;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

/** Characters of `word` that fit (at least one, so the loop always advances); its length if all do. */
function cutPoint(word: string, maxWidth: number, measure: Measure): number {
  let fits = 1;
  while (fits < word.length && measure(word.slice(0, fits + 1)) <= maxWidth) fits++;
  if (fits >= word.length) return word.length;
  for (let i = fits; i > fits / 2; i--) if (/[@./_-]/.test(word[i - 1] as string)) return i;
  return fits;
}

/** Keeps at most `max` lines; a cut is shown with an ellipsis that still fits the width. */
export function limitLines(lines: string[], max: number, maxWidth: number, measure: Measure): string[] {
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  let last = kept[max - 1] ?? '';
  while (last.length > 0 && measure(`${last}…`) > maxWidth) last = last.slice(0, -1);
  kept[max - 1] = `${last.trimEnd()}…`;
  return kept;
}
