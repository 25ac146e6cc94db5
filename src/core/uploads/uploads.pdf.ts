import { readFile } from 'node:fs/promises';
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFObject, PDFStream } from 'pdf-lib';

export type PdfVerdict = 'ok' | 'active-content' | 'encrypted' | 'unreadable';

/** Keys whose presence means script, an embedded file or a form engine that runs on opening. */
const ACTIVE_KEYS = new Set(['JS', 'JavaScript', 'EmbeddedFile', 'EmbeddedFiles', 'EF', 'XFA', 'RichMedia']);
/** Action types that run code or open other files. */
const ACTIVE_ACTIONS = new Set(['JavaScript', 'Launch', 'ImportData', 'RichMediaExecute', 'GoToE']);

/** Whether the object, or a dictionary written directly inside it (an annotation's /A, a page's /AA), is active. */
function isActive(object: PDFObject, depth = 0): boolean {
  if (depth > 8) return false;
  if (object instanceof PDFArray) return object.asArray().some((item) => isActive(item, depth + 1));
  const dict = object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : null;
  if (!dict) return false;
  for (const [key, value] of dict.entries()) {
    const name = key.decodeText();
    if (ACTIVE_KEYS.has(name)) return true;
    if (name === 'S' && value instanceof PDFName && ACTIVE_ACTIONS.has(value.decodeText())) return true;
    if (isActive(value, depth + 1)) return true;
  }
  return false;
}

/**
 * Whether a PDF is a plain document. A PDF goes to staff as it was sent (re-rendering would
 * lose text and signatures), so one that carries script, embedded files or launch actions is
 * refused instead: every object is read, including those packed in compressed object streams,
 * where a scan of the raw bytes would miss them. An encrypted PDF cannot be checked and is
 * refused too.
 */
export async function checkPdf(filePath: string): Promise<PdfVerdict> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(await readFile(filePath), { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    return 'unreadable';
  }
  if (doc.isEncrypted) return 'encrypted';
  // Indirect objects are each visited once here; references inside them are not followed.
  for (const [, object] of doc.context.enumerateIndirectObjects()) if (isActive(object)) return 'active-content';
  return 'ok';
}
