import { fileTypeFromFile } from 'file-type';

/**
 * The media type the content shows, from its leading bytes: never the file's name or the type
 * the browser sent. Null when the content is of no type we know (text, a script, garbage).
 */
export async function sniffMediaType(filePath: string): Promise<string | null> {
  const found = await fileTypeFromFile(filePath);
  return found?.mime ?? null;
}
