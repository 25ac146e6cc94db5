import { grayscale, PDFDocument, type PDFFont, rgb, StandardFonts } from 'pdf-lib';
import type { Organisation } from '../config/index.ts';
import { type FontMetrics, type LetterContent, type LetterLayout, layoutLetter, PAGE_HEIGHT, PAGE_WIDTH } from './letters.layout.ts';

export interface RenderedLetter {
  pdf: Uint8Array;
  pages: number;
  /** The drawing operations the PDF was made from (for tests and previews). */
  layout: LetterLayout;
}

const BLACK = rgb(0, 0, 0);
const GREY = grayscale(0.35);

/**
 * Renders a letter to PDF with the standard Helvetica (WinAnsi: umlauts, ß and € included, no
 * font file embedded). The same content, organisation and date give the same bytes.
 */
export async function renderLetter(content: LetterContent, organisation: Organisation, date: Date): Promise<RenderedLetter> {
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const layout = layoutLetter(content, organisation, date, pdfLibMetrics(regular, bold));

  for (const ops of layout.pages) {
    const page = doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    for (const op of ops) {
      const color = op.grey ? GREY : BLACK;
      if (op.kind === 'text') page.drawText(op.text, { x: op.x, y: op.y, size: op.size, font: op.bold ? bold : regular, color });
      else page.drawLine({ start: { x: op.x1, y: op.y1 }, end: { x: op.x2, y: op.y2 }, thickness: op.thickness, color });
    }
  }
  // Title and dates fixed by the letter, so rendering is reproducible.
  const subject = layout.pages[0]?.find((op) => op.kind === 'text' && op.role === 'subject');
  doc.setTitle(subject?.kind === 'text' ? subject.text : organisation.name, { showInWindowTitleBar: true });
  doc.setAuthor(organisation.name);
  doc.setCreator(organisation.name);
  doc.setLanguage(content.language === 'en' ? 'en-GB' : 'de-DE');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  return { pdf: await doc.save(), pages: layout.pages.length, layout };
}

export function pdfLibMetrics(regular: PDFFont, bold: PDFFont): FontMetrics {
  // Both Helvetica faces share WinAnsi, so one character set answers for both.
  const encodable = new Set(regular.getCharacterSet());
  return {
    widthOf: (text, size, isBold) => (isBold ? bold : regular).widthOfTextAtSize(text, size),
    canEncode: (cp) => encodable.has(cp),
  };
}
