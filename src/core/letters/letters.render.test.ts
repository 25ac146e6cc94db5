import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream, StandardFonts } from 'pdf-lib';
import { describe, expect, test } from 'vitest';
import { demoOrganisation, type Organisation } from '../config/index.ts';
import { type DrawOp, FORM_B, type LetterContent, mm, PAGE_HEIGHT, PAGE_WIDTH, type TextOp } from './letters.layout.ts';
import { mergePdfs } from './letters.merge.ts';
import { renderLetter } from './letters.render.ts';

const DATE = new Date('2026-06-15T10:00:00Z');

const letter = (extra: Partial<LetterContent> = {}): LetterContent => ({
  recipient: { name: 'Frau Jürgen-Käthe Müßig', address: ['Straße der Einheit 17', '12345 Musterstadt'] },
  subject: 'Ihr Aktivierungsschlüssel',
  salutation: 'Sehr geehrte Frau Müßig,',
  paragraphs: ['Ihr Schlüssel lautet ABCD-EFGH. Er gilt 30 Tage und kostet 0,00 €.'],
  closing: 'Mit freundlichen Grüßen',
  reference: 'KS-2026-000123',
  ...extra,
});

const texts = (ops: readonly DrawOp[], role?: string) =>
  ops.filter((op): op is TextOp => op.kind === 'text' && (!role || op.role === role));
/** Distance of a PDF y from the top edge, in millimetres. */
const mmFromTop = (y: number) => ((PAGE_HEIGHT - y) * 25.4) / 72;

interface PdfTextRun {
  text: string;
  x: number;
  y: number;
  size: number;
}

/** The text runs of each page, read back from the PDF's content streams (pdf-lib writes one Tj per BT block). */
async function pdfTextRuns(bytes: Uint8Array): Promise<PdfTextRun[][]> {
  const doc = await PDFDocument.load(bytes);
  const winAnsi = new TextDecoder('windows-1252');
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    const source = streams
      .map((s) => (s instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(s).decode()).toString('latin1') : ''))
      .join('\n');
    return [...source.matchAll(/BT[\s\S]*?\/\S+ ([\d.]+) Tf[\s\S]*?1 0 0 1 ([-\d.]+) ([-\d.]+) Tm\s*<([0-9A-Fa-f]*)> Tj[\s\S]*?ET/g)].map(
      ([, size, x, y, hex]) => ({
        text: winAnsi.decode(Buffer.from(hex as string, 'hex')),
        x: Number(x),
        y: Number(y),
        size: Number(size),
      }),
    );
  });
}

describe('letters in DIN 5008 form B', () => {
  test('the address field sits where the window of the envelope is', async () => {
    const { layout, pdf } = await renderLetter(letter({ remark: 'Einschreiben' }), demoOrganisation, DATE);
    const page = layout.pages[0] ?? [];
    const field = FORM_B.addressField;
    expect(field).toMatchObject({ left: 20, top: 45, width: 85, height: 45 });

    // The sender line is one small line at the top of the field, within its 17.7 mm remark zone.
    const [sender, ...moreSenders] = texts(page, 'sender-line');
    expect(moreSenders).toHaveLength(0);
    expect(sender?.text).toBe('Stadtwerke Musterstadt GmbH · Energieweg 1 · 12345 Musterstadt');
    expect(sender?.size).toBeLessThanOrEqual(7);
    expect(sender?.x).toBeCloseTo(70.866, 2); // 25 mm
    expect(mmFromTop(sender?.y ?? 0)).toBeGreaterThan(45);
    expect(mmFromTop(sender?.y ?? 0)).toBeLessThan(45 + 17.7);

    const remark = texts(page, 'remark')[0];
    expect(remark?.text).toBe('Einschreiben');
    expect(mmFromTop(remark?.y ?? 0)).toBeLessThan(62.7);

    // The address starts in the first line of the address zone, 25 mm from the left edge.
    const address = texts(page, 'address');
    expect(address.map((a) => a.text)).toEqual(['Frau Jürgen-Käthe Müßig', 'Straße der Einheit 17', '12345 Musterstadt']);
    for (const line of address) {
      expect(line.x).toBeCloseTo(mm(25), 3);
      expect(line.x).toBeCloseTo(70.866, 2);
      expect(line.y).toBeGreaterThan(PAGE_HEIGHT - mm(90)); // above the field's bottom (90 mm)
      expect(line.y + 0.75 * line.size).toBeLessThanOrEqual(PAGE_HEIGHT - mm(62.7) + 0.001); // below the remark zone
    }
    expect(mmFromTop(address[0]?.y ?? 0)).toBeCloseTo(62.7 + (0.75 * 10 * 25.4) / 72, 1);

    // The information block starts 125 mm from the left and 50 mm from the top.
    const info = texts(page).filter((t) => t.role === 'info-label' || t.role === 'info-value');
    expect(Math.min(...info.map((t) => t.x))).toBeCloseTo(mm(125), 3);
    expect(Math.max(...info.map((t) => mmFromTop(t.y)))).toBeLessThan(90);
    expect(mmFromTop(Math.max(...info.map((t) => t.y)))).toBeGreaterThan(50);
    expect(texts(page, 'info-value').map((t) => t.text)).toEqual([
      'KS-2026-000123',
      '+49 1234 5678-0',
      'info@stadtwerke-musterstadt.example',
      '15. Juni 2026',
    ]);

    // Subject below the address field, bold; fold marks at 105 and 210 mm, hole mark at 148.5 mm.
    const subject = texts(page, 'subject')[0];
    expect(subject?.bold).toBe(true);
    expect(mmFromTop(subject?.y ?? 0)).toBeGreaterThan(90 + 8);
    const marks = page.filter((op) => op.kind === 'line' && (op.role === 'fold-mark' || op.role === 'hole-mark'));
    expect(marks.map((m) => (m.kind === 'line' ? [m.role, Number(mmFromTop(m.y1).toFixed(1)), m.x1 < mm(10)] : []))).toEqual([
      ['fold-mark', 105, true],
      ['fold-mark', 210, true],
      ['hole-mark', 148.5, true],
    ]);

    // The PDF itself carries the same text at the same points.
    const runs = (await pdfTextRuns(pdf))[0] ?? [];
    for (const line of [...address, sender, subject]) {
      const run = runs.find((r) => r.text === line?.text);
      expect(run, line?.text).toBeDefined();
      expect(run?.x).toBeCloseTo(line?.x ?? -1, 2);
      expect(run?.y).toBeCloseTo(line?.y ?? -1, 2);
      expect(run?.size).toBe(line?.size);
    }
  });

  test('the footer names the organisation from configuration, nothing hard-coded', async () => {
    const other: Organisation = {
      ...demoOrganisation,
      name: 'Energieversorgung Beispielburg AG',
      shortName: 'EV Beispielburg',
      address: { street: 'Am Kraftwerk 3', postcode: '54321', city: 'Beispielburg' },
      commercialRegister: 'Amtsgericht Beispielburg, HRB 999',
      vatId: 'DE999999999',
      managingDirectors: ['Anna Alpha', 'Bernd Beta'],
      phone: '+49 5432 1-0',
      email: 'post@ev-beispielburg.example',
      website: 'https://www.ev-beispielburg.example',
    };
    const { layout, pdf } = await renderLetter(letter(), other, DATE);
    const footer = texts(layout.pages[0] ?? [], 'footer').map((t) => t.text);
    expect(footer).toEqual(
      expect.arrayContaining([
        'Energieversorgung Beispielburg AG',
        'Am Kraftwerk 3',
        '54321 Beispielburg',
        'Geschäftsführung: Anna Alpha, Bernd Beta',
        'Amtsgericht Beispielburg, HRB 999',
        'USt-IdNr. DE999999999',
        'Telefon +49 5432 1-0',
      ]),
    );
    const all = (await pdfTextRuns(pdf))
      .flat()
      .map((r) => r.text)
      .join('\n');
    expect(all).toContain('Am Kraftwerk 3 · 54321 Beispielburg');
    expect(all).not.toMatch(/Stadtwerke Musterstadt|stadtwerke-musterstadt|Energieweg|HRB 12345|DE123456789|Erika Mustermann/);
  });

  test('a long letter breaks into pages, each numbered "Seite n von m", text never runs into the footer', async () => {
    const paragraphs = Array.from(
      { length: 30 },
      (_, i) => `Absatz ${i + 1}. ${'Über die Wärmeversorgung gibt es viel zu sagen. '.repeat(6)}`,
    );
    const { layout, pages, pdf } = await renderLetter(letter({ paragraphs }), demoOrganisation, DATE);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(pages);

    const runs = await pdfTextRuns(pdf);
    for (const [i, page] of layout.pages.entries()) {
      expect(texts(page, 'page-number').map((t) => t.text)).toEqual([`Seite ${i + 1} von ${pages}`]);
      expect(runs[i]?.some((r) => r.text === `Seite ${i + 1} von ${pages}`)).toBe(true);
      for (const t of texts(page)) {
        expect(t.x, t.text).toBeGreaterThanOrEqual(0);
        expect(t.y, t.text).toBeGreaterThan(0);
        expect(t.y, t.text).toBeLessThan(PAGE_HEIGHT);
      }
      for (const t of texts(page).filter((t) => ['subject', 'salutation', 'body', 'closing', 'signature'].includes(t.role))) {
        expect(mmFromTop(t.y), t.text).toBeLessThanOrEqual(FORM_B.bodyBottom);
        expect(t.x, t.text).toBeCloseTo(mm(25), 3);
      }
      if (i > 0) expect(texts(page, 'continuation-header').map((t) => t.text)).toContain('Unser Zeichen KS-2026-000123 · 15. Juni 2026');
    }
    // Every paragraph made it, in order, and the letter ends with its closing and signature.
    const body = layout.pages.flatMap((p) => texts(p, 'body').map((t) => t.text)).join(' ');
    expect(body.match(/Absatz \d+\./g)).toEqual(paragraphs.map((_, i) => `Absatz ${i + 1}.`));
    const last = layout.pages.at(-1) ?? [];
    expect(texts(last, 'closing').map((t) => t.text)).toEqual(['Mit freundlichen Grüßen']);
    expect(texts(last, 'signature').map((t) => t.text)).toEqual(['Stadtwerke Musterstadt GmbH']);
  });

  test('lines fit between the margins: body within 25–190 mm, at most 85 mm of address field', async () => {
    const { layout } = await renderLetter(
      letter({
        paragraphs: ['Kurz.', 'Ein sehr langer Absatz '.repeat(40)],
        recipient: {
          name: 'Dr. Maximiliane Friederike von und zu Hohenlohe-Langenburg-Schillingsfürst',
          address: ['Hauptstraße 1', '12345 Musterstadt'],
        },
      }),
      demoOrganisation,
      DATE,
    );
    const doc = await PDFDocument.create();
    const regular = await doc.embedFont(StandardFonts.Helvetica);
    const bold = await doc.embedFont(StandardFonts.HelveticaBold);
    for (const t of layout.pages.flatMap((p) => texts(p))) {
      expect(t.text.length, t.role).toBeGreaterThan(0);
      const right = t.x + (t.bold ? bold : regular).widthOfTextAtSize(t.text, t.size);
      if (['body', 'subject', 'salutation', 'closing', 'signature', 'footer', 'page-number'].includes(t.role)) {
        expect(right, t.text).toBeLessThanOrEqual(mm(190) + 0.01);
      }
      if (['address', 'sender-line', 'remark'].includes(t.role)) expect(right, t.text).toBeLessThanOrEqual(mm(20 + 85));
      if (t.role.startsWith('info')) expect(right, t.text).toBeLessThanOrEqual(mm(200) + 0.01);
    }
    expect(
      texts(layout.pages[0] ?? [], 'address')
        .map((t) => t.text)
        .slice(-2),
    ).toEqual(['Hauptstraße 1', '12345 Musterstadt']);
  });

  test('umlauts, ß and € survive into the PDF; English letters have English labels', async () => {
    const { pdf } = await renderLetter(letter(), demoOrganisation, DATE);
    const all = (await pdfTextRuns(pdf)).flat().map((r) => r.text);
    expect(all).toContain('Frau Jürgen-Käthe Müßig');
    expect(all).toContain('Ihr Aktivierungsschlüssel');
    expect(all.join(' ')).toContain('0,00 €');

    const english = await renderLetter(letter({ language: 'en', salutation: 'Dear Ms Müßig,' }), demoOrganisation, DATE);
    const en = (await pdfTextRuns(english.pdf)).flat().map((r) => r.text);
    expect(en).toEqual(expect.arrayContaining(['Our reference', 'Date', '15 June 2026', 'Page 1 of 1', 'Dear Ms Müßig,']));
  });

  test('a hostile recipient (huge, control characters, scripts the font lacks) never crashes and stays in the field', async () => {
    const hostile = [
      `${'\u0000\u0007\u001b[2J'.repeat(50)}Ἀθηνᾶ 李小龙 😀\u202Eevil\u202C ${'X'.repeat(5000)}`,
      'ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ',
      '\ud800 lone surrogate \udfff',
      '',
      ' \n\r\t ',
    ];
    for (const name of hostile) {
      const { layout, pdf, pages } = await renderLetter(
        letter({
          recipient: { name, address: ['Straße 1\r\nBcc: x', '12345 Musterstadt', '\u0000'] },
          subject: name.slice(0, 300),
          paragraphs: [name],
        }),
        demoOrganisation,
        DATE,
      );
      expect(pages).toBeGreaterThanOrEqual(1);
      expect((await PDFDocument.load(pdf)).getPageCount()).toBe(pages);
      const address = texts(layout.pages[0] ?? [], 'address');
      expect(address.length).toBeLessThanOrEqual(9);
      expect(address.map((a) => a.text)).toContain('12345 Musterstadt');
      for (const a of address) {
        expect(mmFromTop(a.y)).toBeGreaterThan(62.7);
        expect(mmFromTop(a.y)).toBeLessThan(90);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters must not reach the letter
        expect(a.text).not.toMatch(/[\u0000-\u001f\u202e]/);
      }
    }
  });

  test('merging N letters gives one PDF with the sum of their pages, letters in order; duplex pads odd ones', async () => {
    const short = await renderLetter(letter({ subject: 'Brief A' }), demoOrganisation, DATE);
    const long = await renderLetter(letter({ subject: 'Brief B', paragraphs: Array(40).fill('Text '.repeat(60)) }), demoOrganisation, DATE);
    const third = await renderLetter(letter({ subject: 'Brief C' }), demoOrganisation, DATE);
    expect(short.pages).toBe(1);
    expect(long.pages).toBeGreaterThan(1);
    const letters = [short, long, third];
    const merged = await mergePdfs(letters.map((l) => l.pdf));
    const total = letters.reduce((sum, l) => sum + l.pages, 0);
    expect(merged.pages).toBe(total);
    const runs = await pdfTextRuns(merged.pdf);
    expect(runs).toHaveLength(total);
    expect(runs[0]?.some((r) => r.text === 'Brief A')).toBe(true);
    expect(runs[1]?.some((r) => r.text === 'Brief B')).toBe(true);
    expect(runs[total - 1]?.some((r) => r.text === 'Brief C')).toBe(true);
    const page = (await PDFDocument.load(merged.pdf)).getPage(0);
    expect(page.getWidth()).toBeCloseTo(PAGE_WIDTH, 2);
    expect(page.getHeight()).toBeCloseTo(PAGE_HEIGHT, 2);

    const duplex = await mergePdfs(
      letters.map((l) => l.pdf),
      { duplex: true },
    );
    const padded = letters.reduce((sum, l) => sum + l.pages + (l.pages % 2), 0);
    expect(duplex.pages).toBe(padded);
  });

  test('the same letter renders to the same bytes', async () => {
    const a = await renderLetter(letter(), demoOrganisation, DATE);
    const b = await renderLetter(letter(), demoOrganisation, DATE);
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
  });
});
