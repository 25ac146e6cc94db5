import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream } from 'pdf-lib';

/**
 * The text of a PDF made by our letter renderer, one string per page (pdf-lib writes each line
 * as one hex string in WinAnsi): for tests that read a letter, as a person reading it would.
 */
export async function pdfText(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  const winAnsi = new TextDecoder('windows-1252');
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    const source = streams
      .map((s) => (s instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(s).decode()).toString('latin1') : ''))
      .join('\n');
    return [...source.matchAll(/<([0-9A-Fa-f]*)> Tj/g)].map(([, hex]) => winAnsi.decode(Buffer.from(hex as string, 'hex'))).join('\n');
  });
}
