import type { Color, PDFFont, PDFPage } from 'pdf-lib';

/** Letters without a decomposition whose plain Latin neighbour every reader recognises. */
const LOOKALIKES: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  Ŧ: 'T',
  ŧ: 't',
  ĸ: 'k',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2212': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u2044': '/',
};

/** Subscript two: drawn as a small, lowered "2" (the standard fonts' WinAnsi has no "₂"). */
const SUB_TWO = '\u2082';
const SUB_SCALE = 0.72;
const SUB_DROP = 0.22;

/**
 * Text on a PDF page in the standard Helvetica faces: made drawable first (whatever WinAnsi
 * cannot show is replaced, so a name in any script never makes rendering throw), measured and
 * wrapped with the font's own widths. "CO₂" keeps its subscript.
 */
export class PdfText {
  private readonly encodable: Set<number>;

  constructor(
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    // Both faces share WinAnsi, so one character set answers for both.
    this.encodable = new Set(regular.getCharacterSet());
  }

  clean(text: string): string {
    const flat = text
      .replace(/[\t\r\n\u2028\u2029]+/g, ' ')
      .replace(/[\p{Cc}\p{Cf}]/gu, '')
      .normalize('NFC')
      // A no-break space stays one: it keeps a phone number on one line.
      .replace(/\u202f/g, '\u00a0')
      .replace(/[\s\u2000-\u200a\u205f\u3000]+/gu, (m) => (m === '\u00a0' ? m : ' '))
      .trim();
    let out = '';
    for (const char of flat) {
      const cp = char.codePointAt(0) as number;
      if (char === SUB_TWO || this.encodable.has(cp)) {
        out += char;
        continue;
      }
      if (/\p{M}/u.test(char)) continue;
      const fallback = [LOOKALIKES[char] ?? '', char.normalize('NFKC'), char.normalize('NFKD').replace(/\p{M}/gu, '')].find(
        (c) => c.length > 0 && [...c].every((x) => this.encodable.has(x.codePointAt(0) as number)),
      );
      out += fallback ?? '?';
    }
    return out;
  }

  private font(bold: boolean): PDFFont {
    return bold ? this.bold : this.regular;
  }

  /** Width in points of already cleaned text. */
  width(text: string, size: number, bold = false): number {
    const font = this.font(bold);
    return text
      .split(SUB_TWO)
      .reduce((sum, part, i) => sum + font.widthOfTextAtSize(part, size) + (i > 0 ? font.widthOfTextAtSize('2', size * SUB_SCALE) : 0), 0);
  }

  /** Draws cleaned text with its baseline at PDF y. */
  draw(page: PDFPage, text: string, x: number, y: number, size: number, options: { bold?: boolean; color: Color }): void {
    const font = this.font(options.bold ?? false);
    let at = x;
    text.split(SUB_TWO).forEach((part, i) => {
      if (i > 0) {
        page.drawText('2', { x: at, y: y - size * SUB_DROP, size: size * SUB_SCALE, font, color: options.color });
        at += font.widthOfTextAtSize('2', size * SUB_SCALE);
      }
      if (part) page.drawText(part, { x: at, y, size, font, color: options.color });
      at += font.widthOfTextAtSize(part, size);
    });
  }

  /** Greedy line breaking at spaces; a word wider than the line is cut. Cleans first. */
  wrap(text: string, maxWidth: number, size: number, bold = false): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of this.clean(text).split(' ').filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (this.width(candidate, size, bold) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      while (this.width(rest, size, bold) > maxWidth && rest.length > 1) {
        let fits = 1;
        while (fits < rest.length - 1 && this.width(rest.slice(0, fits + 1), size, bold) <= maxWidth) fits++;
        lines.push(rest.slice(0, fits));
        rest = rest.slice(fits);
      }
      line = rest;
    }
    if (line) lines.push(line);
    return lines;
  }
}
