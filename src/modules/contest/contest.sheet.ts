import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { formatCode } from './contest.codes.ts';
import type { ImportedPhoto } from './contest.photos.ts';

const A4 = { width: 595.28, height: 841.89 };
const MM = 72 / 25.4;
const COLUMNS = 3;
const ROWS = 4;
const MARGIN = 15 * MM;
const HEADER = 18 * MM;

/**
 * The printable code sheet of an import: per photo a thumbnail, its code in groups and the file
 * name, twelve to a page, so the prints handed out can be matched to their codes. It is made
 * once, at import: afterwards only the codes' hashes exist.
 */
export async function renderCodeSheet(
  photos: readonly ImportedPhoto[],
  opts: { eventTitle: string; redeemUrl: string; heading: string; date: Date },
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const cellW = (A4.width - 2 * MARGIN) / COLUMNS;
  const cellH = (A4.height - 2 * MARGIN - HEADER) / ROWS;
  const perPage = COLUMNS * ROWS;
  // WinAnsi only: what Helvetica cannot draw is replaced, never a crash on an unusual file name.
  const charset = new Set(regular.getCharacterSet());
  const safe = (text: string) => [...text].map((c) => (charset.has(c.codePointAt(0) ?? 0) ? c : '?')).join('');
  for (let start = 0; start < Math.max(photos.length, 1); start += perPage) {
    const page = doc.addPage([A4.width, A4.height]);
    page.drawText(safe(`${opts.heading}: ${opts.eventTitle}`), { x: MARGIN, y: A4.height - MARGIN - 12, size: 12, font: bold });
    page.drawText(safe(opts.redeemUrl), { x: MARGIN, y: A4.height - MARGIN - 28, size: 10, font: regular });
    for (const [i, photo] of photos.slice(start, start + perPage).entries()) {
      const col = i % COLUMNS;
      const row = Math.floor(i / COLUMNS);
      const x = MARGIN + col * cellW;
      const top = A4.height - MARGIN - HEADER - row * cellH;
      const thumb = await sharp(photo.image).resize({ width: 400, height: 400, fit: 'inside' }).jpeg({ quality: 80 }).toBuffer();
      const image = await doc.embedJpg(thumb);
      const box = { w: cellW - 6 * MM, h: cellH - 22 * MM };
      const scale = Math.min(box.w / image.width, box.h / image.height);
      page.drawImage(image, {
        x: x + 3 * MM,
        y: top - 3 * MM - image.height * scale,
        width: image.width * scale,
        height: image.height * scale,
      });
      page.drawText(formatCode(photo.code), { x: x + 3 * MM, y: top - cellH + 12 * MM, size: 13, font: bold });
      page.drawText(safe(photo.originalName.slice(0, 40)), {
        x: x + 3 * MM,
        y: top - cellH + 7 * MM,
        size: 7,
        font: regular,
        color: rgb(0.3, 0.3, 0.3),
      });
    }
  }
  doc.setTitle(`${opts.heading}: ${opts.eventTitle}`);
  doc.setCreationDate(opts.date);
  doc.setModificationDate(opts.date);
  return doc.save();
}
