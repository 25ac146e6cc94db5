import sharp from 'sharp';

export type Part = [name: string, value: string] | [name: string, bytes: Buffer, filename: string, type?: string];

/** A multipart body as a browser sends it. */
export async function multipart(parts: Part[]): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const p of parts) {
    if (typeof p[1] === 'string') form.append(p[0], p[1]);
    else form.append(p[0], new Blob([new Uint8Array(p[1])], { type: p[3] ?? 'application/octet-stream' }), p[2]);
  }
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type') as string } };
}

/**
 * A camera picture: a fine checkerboard (so pixelation visibly flattens it) with a pattern of
 * its own per `start`, with EXIF naming the camera and a GPS position – everything the
 * library must not keep. Wider than 1280, so every size differs from the original.
 */
export async function cameraJpeg(width = 1400, height = 800, start = 1): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const on = ((x >> 2) + (y >> 2)) % 2 === 0;
      pixels[i] = on ? 220 : 30;
      pixels[i + 1] = (x * start) % 256;
      pixels[i + 2] = (y + start) % 256;
    }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Leaky 3000', Artist: 'Erika Fotografin' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '7/1 28/1 0/1' },
    })
    .toBuffer();
}

/** The smallest MP4 header file-type recognises: sniffed as a video, but no video ffmpeg can read. */
export const tinyMp4 = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypmp42'),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from('mp42isom'),
  Buffer.alloc(64),
]);
