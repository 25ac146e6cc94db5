import { writeFile } from 'node:fs/promises';
import sharp, { type OutputInfo, type Sharp } from 'sharp';
import type { ImageVariant } from './uploads.policy.ts';

export interface EncodedImage {
  name: string;
  path: string;
  mediaType: string;
  width: number;
  height: number;
}

/** JPEG, PNG and WebP keep their format (PNG for transparency); AVIF becomes WebP, which every browser shows. */
function outputFor(mediaType: string): { mediaType: string; apply(img: Sharp): Sharp } {
  switch (mediaType) {
    case 'image/png':
      return { mediaType: 'image/png', apply: (img) => img.png({ compressionLevel: 9 }) };
    case 'image/jpeg':
      return { mediaType: 'image/jpeg', apply: (img) => img.jpeg({ quality: 85, mozjpeg: true }) };
    default:
      return { mediaType: 'image/webp', apply: (img) => img.webp({ quality: 85 }) };
  }
}

export class ImageDecodeError extends Error {}

/**
 * Decodes the upload and writes it anew: turned upright by its EXIF orientation, converted to
 * sRGB, and without any of its metadata (EXIF with camera, time and GPS position, XMP, IPTC,
 * the ICC profile). Whatever else the file carried – a script after the image data, a second
 * image – is not copied. Each variant is made the same way from the decoded pixels.
 */
export async function reencodeImage(
  source: string,
  sniffed: string,
  variants: readonly ImageVariant[],
  targetPath: (name: string) => string,
  maxPixels: number,
): Promise<EncodedImage[]> {
  const output = outputFor(sniffed);
  const out: EncodedImage[] = [];
  for (const v of [{ name: 'original', maxEdge: 0 }, ...variants]) {
    let img = sharp(source, { limitInputPixels: maxPixels, failOn: 'error', animated: false }).rotate();
    if (v.maxEdge > 0) img = img.resize({ width: v.maxEdge, height: v.maxEdge, fit: 'inside', withoutEnlargement: true });
    let encoded: { data: Buffer; info: OutputInfo };
    try {
      encoded = await output.apply(img.toColourspace('srgb')).toBuffer({ resolveWithObject: true });
    } catch (err) {
      throw new ImageDecodeError((err as Error).message);
    }
    // Written apart from the decoding, so a full disk reports as such, not as a bad image.
    const path = targetPath(v.name);
    await writeFile(path, encoded.data, { mode: 0o600, flag: 'wx' });
    out.push({ name: v.name, path, mediaType: output.mediaType, width: encoded.info.width, height: encoded.info.height });
  }
  return out;
}
