import type { Organisation } from '../config/index.ts';
import { LETTER_LABELS, type LetterLanguage, letterDate } from './letters.labels.ts';
import { limitLines, sanitiseLine, wrapText } from './letters.text.ts';

/** Millimetres to PDF points (1 pt = 1/72 inch). */
export const mm = (millimetres: number): number => (millimetres * 72) / 25.4;
export const PAGE_WIDTH = mm(210);
export const PAGE_HEIGHT = mm(297);

/**
 * DIN 5008 form B, in millimetres from the sheet's top-left corner. The address field sits in
 * the window of a DL/C6 envelope; it has a 5-line remark zone (return address, "Einschreiben")
 * above the 9-line address zone.
 */
export const FORM_B = {
  addressField: { left: 20, top: 45, width: 85, height: 45, remarkZone: 17.7, inset: 5 },
  infoBlock: { left: 125, top: 50, right: 200 },
  text: { left: 25, right: 190 },
  letterheadBaseline: 20,
  continuationTop: 27,
  bodyBottom: 255,
  pageNumberBaseline: 262,
  footerRule: 267,
  footerBaseline: 271,
  foldMarks: [105, 210],
  holeMark: 148.5,
  marks: { left: 4, foldLength: 5, holeLength: 8 },
} as const;

export interface LetterContent {
  recipient: { name: string; address: readonly string[] };
  /** A remark above the address, e.g. "Einschreiben". */
  remark?: string | undefined;
  subject: string;
  salutation: string;
  /** Paragraphs of the body; a line break inside one starts a new line without a gap. */
  paragraphs: readonly string[];
  closing: string;
  /** Lines under the closing; default: the organisation's name. */
  signature?: readonly string[] | undefined;
  /** Our reference ("Unser Zeichen"), shown in the information block. */
  reference?: string | undefined;
  /** The reference line: labelled references of the addressee, e.g. "Ihre Nachricht vom". */
  references?: readonly { label: string; value: string }[] | undefined;
  /** Who answers questions; phone and e-mail default to the organisation's. */
  contact?: { name?: string | undefined; phone?: string | undefined; email?: string | undefined } | undefined;
  language?: LetterLanguage | undefined;
}

export type LetterRole =
  | 'letterhead'
  | 'sender-line'
  | 'remark'
  | 'address'
  | 'info-label'
  | 'info-value'
  | 'reference-label'
  | 'reference-value'
  | 'subject'
  | 'salutation'
  | 'body'
  | 'closing'
  | 'signature'
  | 'continuation-header'
  | 'page-number'
  | 'footer'
  | 'rule'
  | 'fold-mark'
  | 'hole-mark';

/** A line of text; x and y (the baseline's start) in PDF points from the bottom-left corner. */
export interface TextOp {
  kind: 'text';
  role: LetterRole;
  text: string;
  x: number;
  y: number;
  size: number;
  bold: boolean;
  grey: boolean;
}

export interface LineOp {
  kind: 'line';
  role: LetterRole;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  thickness: number;
  grey: boolean;
}

export type DrawOp = TextOp | LineOp;

/** What the layout needs to know of the fonts; the renderer answers with pdf-lib's metrics. */
export interface FontMetrics {
  widthOf(text: string, size: number, bold: boolean): number;
  canEncode(codePoint: number): boolean;
}

export interface LetterLayout {
  pages: DrawOp[][];
}

const BODY = { size: 11, leading: 14 };
const ADDRESS = [
  { size: 10, leading: 12 },
  // DIN's nine lines, for addresses that need them
  { size: 8, leading: mm(27.3 / 9) },
];
const SENDER_SIZES = [7, 6.5, 6];
const INFO = { labelSize: 8, valueSize: 9, leading: 12 };
const FOOTER = { size: 7, leading: 8.5, maxLines: 5 };
const SMALL = 8;
const ASCENT = 0.75;
const DESCENT = 0.22;

/** Distance from the top edge (points) to PDF's y. */
const fromTop = (top: number) => PAGE_HEIGHT - top;

/**
 * Lays out a letter in DIN 5008 form B as drawing operations: pure, so the positions can be
 * tested without reading a PDF. All text goes through sanitiseLine first, so nothing a caller
 * passes can make the renderer throw.
 */
export function layoutLetter(content: LetterContent, organisation: Organisation, date: Date, metrics: FontMetrics): LetterLayout {
  const language = content.language ?? 'de';
  const labels = LETTER_LABELS[language];
  const clean = (text: string) => sanitiseLine(text, (cp) => metrics.canEncode(cp));
  const measure =
    (size: number, bold = false) =>
    (text: string) =>
      metrics.widthOf(text, size, bold);
  const wrap = (text: string, width: number, size: number, bold = false) => wrapText(clean(text), width, measure(size, bold));
  const text = (role: LetterRole, line: string, x: number, baselineTop: number, size: number, bold = false, grey = false): TextOp => ({
    kind: 'text',
    role,
    text: line,
    x,
    y: fromTop(baselineTop),
    size,
    bold,
    grey,
  });
  const rule = (role: LetterRole, x1: number, top: number, x2: number, thickness: number): LineOp => ({
    kind: 'line',
    role,
    x1,
    y1: fromTop(top),
    x2,
    y2: fromTop(top),
    thickness,
    grey: true,
  });

  const first: DrawOp[] = [];
  const pages: DrawOp[][] = [first];
  const textLeft = mm(FORM_B.text.left);
  const textWidth = mm(FORM_B.text.right - FORM_B.text.left);
  const org = organisation;
  const dateText = letterDate(date, language);

  // Letterhead: the organisation's name above the information block.
  const headLeft = mm(FORM_B.infoBlock.left);
  const headWidth = mm(FORM_B.infoBlock.right - FORM_B.infoBlock.left);
  const headSize = [14, 12, 10].find((size) => wrap(org.name, headWidth, size, true).length <= 2) ?? 10;
  for (const [i, line] of limitLines(wrap(org.name, headWidth, headSize, true), 2, headWidth, measure(headSize, true)).entries()) {
    first.push(text('letterhead', line, headLeft, mm(FORM_B.letterheadBaseline) + i * headSize * 1.15, headSize, true));
  }

  // Address field.
  const field = FORM_B.addressField;
  const fieldTextLeft = mm(field.left + field.inset);
  const fieldTextWidth = mm(field.width - field.inset - 1);
  const remarkTop = mm(field.top);
  const addressTop = mm(field.top + field.remarkZone);
  const addressBottom = mm(field.top + field.height);

  // The return address must survive whole: a long name gives way to the short one first.
  const senderOptions = [org.name, org.shortName].flatMap((name) => {
    const line = clean(`${name} · ${org.address.street} · ${org.address.postcode} ${org.address.city}`);
    return SENDER_SIZES.map((size) => ({ line, size }));
  });
  const sender =
    senderOptions.find((o) => metrics.widthOf(o.line, o.size, false) <= fieldTextWidth) ??
    (senderOptions.at(-1) as { line: string; size: number });
  const senderSize = sender.size;
  const [senderLine = ''] = limitLines(wrapText(sender.line, fieldTextWidth, measure(senderSize)), 1, fieldTextWidth, measure(senderSize));
  const senderBaseline = remarkTop + mm(3.5);
  first.push(text('sender-line', senderLine, fieldTextLeft, senderBaseline, senderSize));
  first.push(rule('rule', fieldTextLeft, senderBaseline + 1.5, fieldTextLeft + metrics.widthOf(senderLine, senderSize, false), 0.3));

  if (content.remark) {
    const [remark = ''] = limitLines(wrap(content.remark, fieldTextWidth, SMALL, true), 1, fieldTextWidth, measure(SMALL, true));
    first.push(text('remark', remark, fieldTextLeft, addressTop - mm(1.5), SMALL, true));
  }

  const capacity = (style: { size: number; leading: number }) =>
    Math.floor((addressBottom - addressTop - (ASCENT + DESCENT) * style.size) / style.leading) + 1;
  const addressLines = (style: { size: number; leading: number }) => {
    const fitLines = (value: string, max: number) =>
      limitLines(wrap(value, fieldTextWidth, style.size), max, fieldTextWidth, measure(style.size));
    // The postal lines (street, postcode and town, country) are what delivers the letter: an
    // overlong name is cut short before them, and only absurdly many of them lose the first.
    const postal = content.recipient.address.flatMap((line) => fitLines(line, 2));
    const name = fitLines(content.recipient.name, Math.max(1, Math.min(3, capacity(style) - postal.length)));
    return [...name, ...postal.slice(Math.max(0, name.length + postal.length - capacity(style)))];
  };
  const wanted = (style: { size: number; leading: number }) =>
    [content.recipient.name, ...content.recipient.address].flatMap((l) => wrap(l, fieldTextWidth, style.size)).length;
  const style = ADDRESS.find((s) => wanted(s) <= capacity(s)) ?? (ADDRESS.at(-1) as (typeof ADDRESS)[number]);
  const address = addressLines(style);
  for (const [i, line] of address.entries()) {
    first.push(text('address', line, fieldTextLeft, addressTop + ASCENT * style.size + i * style.leading, style.size));
  }

  // Information block: label and value columns.
  const contact = content.contact ?? {};
  const rows = [
    content.reference ? [labels.ourReference, content.reference] : null,
    contact.name ? [labels.contact, contact.name] : null,
    [labels.phone, contact.phone ?? org.phone],
    [labels.email, contact.email ?? org.email],
    [labels.date, dateText],
  ].filter((r): r is [string, string] => r !== null);
  const labelWidth = Math.max(...rows.map(([label]) => metrics.widthOf(clean(label), INFO.labelSize, false))) + mm(2.5);
  const valueLeft = headLeft + labelWidth;
  const valueWidth = mm(FORM_B.infoBlock.right) - valueLeft;
  let infoTop = mm(FORM_B.infoBlock.top) + ASCENT * INFO.valueSize;
  for (const [label, value] of rows) {
    first.push(text('info-label', clean(label), headLeft, infoTop, INFO.labelSize, false, true));
    for (const line of limitLines(wrap(value, valueWidth, INFO.valueSize), 3, valueWidth, measure(INFO.valueSize))) {
      first.push(text('info-value', line, valueLeft, infoTop, INFO.valueSize));
      infoTop += INFO.leading;
    }
  }
  let cursor = Math.max(addressBottom, infoTop);

  // Reference line: up to four labelled references per row on DIN's tab stops.
  const references = content.references ?? [];
  const columns = [25, 75, 125, 175].map(mm);
  const columnWidth = mm(48);
  for (let row = 0; row < references.length; row += 4) {
    cursor += mm(4.23);
    for (const [i, ref] of references.slice(row, row + 4).entries()) {
      const x = columns[i] as number;
      const [label = ''] = limitLines(wrap(ref.label, columnWidth, 7), 1, columnWidth, measure(7));
      const [value = ''] = limitLines(wrap(ref.value, columnWidth, 10), 1, columnWidth, measure(10));
      first.push(text('reference-label', label, x, cursor + 7 * ASCENT, 7, false, true));
      first.push(text('reference-value', value, x, cursor + mm(4.23) + 10 * ASCENT, 10));
    }
    cursor += mm(4.23) + 10;
  }

  // The flowing part: subject, salutation, paragraphs, closing, signature.
  cursor += 2 * mm(4.23);
  let page = first;
  const pageTop = mm(FORM_B.continuationTop);
  const bottom = mm(FORM_B.bodyBottom);
  const newPage = () => {
    page = [];
    pages.push(page);
    cursor = pageTop;
  };
  const roomFor = (lines: number) => cursor + (lines - 1) * BODY.leading + (ASCENT + DESCENT) * BODY.size <= bottom;
  const gap = (lines: number) => {
    if (cursor > pageTop) cursor += lines * BODY.leading;
  };
  /** Places lines, breaking the page when needed; `keep` lines stay together at a break. */
  const place = (role: LetterRole, lines: readonly string[], bold = false, keep = Math.min(2, lines.length)) => {
    if (lines.length > 0 && !roomFor(keep)) newPage();
    for (const [i, line] of lines.entries()) {
      if (!roomFor(1) || (i === lines.length - 2 && i > 0 && !roomFor(2))) newPage();
      page.push(text(role, line, textLeft, cursor + ASCENT * BODY.size, BODY.size, bold));
      cursor += BODY.leading;
    }
  };
  const paragraph = (value: string, bold = false) => value.split(/\r\n|\r|\n/).flatMap((l) => wrap(l, textWidth, BODY.size, bold));

  place('subject', paragraph(content.subject, true), true);
  gap(1);
  place('salutation', paragraph(content.salutation));
  gap(1);
  for (const [i, p] of content.paragraphs.entries()) {
    if (i > 0) gap(1);
    place('body', paragraph(p));
  }
  gap(1);
  const signature = (content.signature ?? [org.name]).flatMap((s) => paragraph(s));
  const closing = paragraph(content.closing);
  // The closing never stands alone on a page without its signature.
  if (!roomFor(closing.length + 1 + signature.length)) newPage();
  place('closing', closing);
  gap(1);
  place('signature', signature);

  // What every page carries.
  const footerColumns = footerText(org, labels).map((lines, i) => ({
    x: mm([25, 80, 135][i] as number),
    lines: lines.flatMap((l) => wrap(l, mm(i === 2 ? 55 : 52), FOOTER.size)).slice(0, FOOTER.maxLines),
  }));
  for (const [index, ops] of pages.entries()) {
    if (index > 0) {
      const header = clean(content.reference ? `${labels.ourReference} ${content.reference} · ${dateText}` : dateText);
      const headerWidth = metrics.widthOf(header, SMALL, false);
      const [orgName = ''] = limitLines(
        wrap(org.name, textWidth - headerWidth - mm(5), SMALL),
        1,
        textWidth - headerWidth - mm(5),
        measure(SMALL),
      );
      ops.push(text('continuation-header', orgName, textLeft, mm(15), SMALL, false, true));
      ops.push(text('continuation-header', header, mm(FORM_B.text.right) - headerWidth, mm(15), SMALL, false, true));
      ops.push(rule('rule', textLeft, mm(17), mm(FORM_B.text.right), 0.3));
    }
    const number = clean(labels.page(index + 1, pages.length));
    ops.push(
      text('page-number', number, mm(FORM_B.text.right) - metrics.widthOf(number, SMALL, false), mm(FORM_B.pageNumberBaseline), SMALL),
    );
    ops.push(rule('rule', textLeft, mm(FORM_B.footerRule), mm(FORM_B.text.right), 0.3));
    for (const column of footerColumns) {
      for (const [i, line] of column.lines.entries()) {
        ops.push(text('footer', line, column.x, mm(FORM_B.footerBaseline) + i * FOOTER.leading, FOOTER.size, false, true));
      }
    }
    const marks = FORM_B.marks;
    for (const at of FORM_B.foldMarks) ops.push(rule('fold-mark', mm(marks.left), mm(at), mm(marks.left + marks.foldLength), 0.5));
    ops.push(rule('hole-mark', mm(marks.left), mm(FORM_B.holeMark), mm(marks.left + marks.holeLength), 0.5));
  }
  return { pages };
}

function footerText(org: Organisation, labels: (typeof LETTER_LABELS)[LetterLanguage]): string[][] {
  return [
    [org.name, org.address.street, `${org.address.postcode} ${org.address.city}`],
    [`${labels.phone} ${org.phone}`, `${labels.email} ${org.email}`, org.website.replace(/^https?:\/\//, '').replace(/\/$/, '')],
    [`${labels.managingDirectors}: ${org.managingDirectors.join(', ')}`, org.commercialRegister, `${labels.vatId} ${org.vatId}`],
  ];
}
