import sharp, { type OverlayOptions } from 'sharp';

/** A region in percent of the picture (0–100), from the top left corner, so it fits every size. */
export interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Effect = 'pixelate' | 'blur';

/** The region in whole pixels of an image of this size, at least one pixel, inside the image. */
export function pixelsOf(region: Region, width: number, height: number) {
  const left = Math.min(width - 1, Math.max(0, Math.floor((region.x / 100) * width)));
  const top = Math.min(height - 1, Math.max(0, Math.floor((region.y / 100) * height)));
  const right = Math.min(width, Math.max(left + 1, Math.ceil(((region.x + region.w) / 100) * width)));
  const bottom = Math.min(height, Math.max(top + 1, Math.ceil(((region.y + region.h) / 100) * height)));
  return { left, top, width: right - left, height: bottom - top };
}

/**
 * Makes regions of a picture unrecognisable and encodes it anew in its own format, without
 * metadata. Pixelation keeps at most 6 blocks across a region's longer side (coarse enough
 * that a face cannot be restored from it); blurring is strong for the same reason. Whatever
 * the size, the same part of the picture is covered.
 */
export async function obscure(bytes: Buffer, mediaType: string, regions: readonly Region[], effect: Effect): Promise<Buffer> {
  const image = sharp(bytes);
  const { width = 1, height = 1 } = await image.metadata();
  const raw = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const overlays: OverlayOptions[] = [];
  for (const region of regions) {
    const box = pixelsOf(region, width, height);
    const part = sharp(raw.data, { raw: raw.info }).extract(box);
    let covered: Buffer;
    if (effect === 'pixelate') {
      const block = Math.max(2, Math.ceil(Math.max(box.width, box.height) / 6));
      const small = await part
        .resize({
          width: Math.max(1, Math.ceil(box.width / block)),
          height: Math.max(1, Math.ceil(box.height / block)),
          kernel: 'cubic',
          fit: 'fill',
        })
        .raw()
        .toBuffer({ resolveWithObject: true });
      covered = await sharp(small.data, { raw: small.info })
        .resize({ width: box.width, height: box.height, kernel: 'nearest', fit: 'fill' })
        .png()
        .toBuffer();
    } else {
      const sigma = Math.max(8, Math.max(box.width, box.height) / 4);
      covered = await part.blur(Math.min(sigma, 1000)).png().toBuffer();
    }
    overlays.push({ input: covered, left: box.left, top: box.top });
  }
  const out = sharp(raw.data, { raw: raw.info }).composite(overlays);
  switch (mediaType) {
    case 'image/png':
      return out.png({ compressionLevel: 9 }).toBuffer();
    case 'image/jpeg':
      return out.jpeg({ quality: 85, mozjpeg: true }).toBuffer();
    default:
      return out.webp({ quality: 85 }).toBuffer();
  }
}
