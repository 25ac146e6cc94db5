import { PDFDocument } from 'pdf-lib';

export interface MergeOptions {
  /** Adds a blank page after every letter with an odd page count, so each starts on a new sheet. */
  duplex?: boolean;
  title?: string;
  date?: Date;
}

/** One PDF of all letters in order, their pages copied unchanged. */
export async function mergePdfs(pdfs: readonly Uint8Array[], options: MergeOptions = {}): Promise<{ pdf: Uint8Array; pages: number }> {
  const merged = await PDFDocument.create();
  for (const bytes of pdfs) {
    const source = await PDFDocument.load(bytes);
    const pages = await merged.copyPages(source, source.getPageIndices());
    for (const page of pages) merged.addPage(page);
    const last = pages.at(-1);
    if (options.duplex && pages.length % 2 === 1 && last) merged.addPage([last.getWidth(), last.getHeight()]);
  }
  if (options.title) merged.setTitle(options.title);
  if (options.date) {
    merged.setCreationDate(options.date);
    merged.setModificationDate(options.date);
  }
  return { pdf: await merged.save(), pages: merged.getPageCount() };
}
