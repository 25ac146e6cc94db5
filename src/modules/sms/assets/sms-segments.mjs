// GSM 03.38 segment counting, one source for the server (sms.segments.ts checks and counts) and
// the browser's live counter (sms-counter.mjs imports it from /assets): both count alike.

// The default alphabet (one septet each) and its extension table (escape + septet).
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION = '\f^{}\\[~]|€';

const basic = new Set([...BASIC]);
const extension = new Set([...EXTENSION]);

/**
 * How many SMS segments a text takes: GSM-7 when every character is in the default alphabet or
 * its extension (which costs two septets), else UCS-2. One segment holds 160 septets or 70 code
 * units; a concatenated message loses room to its header: 153 and 67 per segment.
 * @param {string} text
 */
export function countSegments(text) {
  let gsm = true;
  let septets = 0;
  for (const ch of text) {
    if (basic.has(ch)) septets += 1;
    else if (extension.has(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) {
    const perSegment = septets <= 160 ? 160 : 153;
    return { encoding: 'GSM-7', units: septets, segments: septets === 0 ? 0 : Math.ceil(septets / perSegment), perSegment };
  }
  const units = text.length;
  const perSegment = units <= 70 ? 70 : 67;
  return { encoding: 'UCS-2', units, segments: Math.ceil(units / perSegment), perSegment };
}
