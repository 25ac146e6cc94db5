import { simpleParser } from 'mailparser';
import type { BounceReport } from './newsletter.bounces.ts';

/** `Name: value` fields of a report block, names in lower case; folded lines joined (RFC 5322 2.2.3). */
function fieldsOf(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  let last = '';
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && last) fields.set(last, `${fields.get(last)} ${line.trim()}`);
    else {
      const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
      if (!m) continue;
      last = (m[1] as string).toLowerCase();
      fields.set(last, (m[2] as string).trim());
    }
  }
  return fields;
}

/** `rfc822; Someone@Example.org` → `someone@example.org`. */
const addressOf = (value: string | undefined) => {
  const address = value?.split(';').pop()?.trim().replace(/^<|>$/g, '');
  return address?.includes('@') ? address.toLowerCase() : undefined;
};

/**
 * The delivery status notification (RFC 3464): a block about the message, then one block per
 * recipient. `failed` with a 5.x.x status is a hard bounce; `failed` with 4.x.x and `delayed`
 * are soft; `delivered`, `relayed` and `expanded` are no bounce at all.
 */
function deliveryStatus(text: string): { type: 'hard' | 'soft'; email: string | undefined }[] {
  const blocks = text.split(/\r?\n[ \t]*\r?\n/).filter((b) => b.trim());
  const out: { type: 'hard' | 'soft'; email: string | undefined }[] = [];
  for (const block of blocks.slice(1)) {
    const f = fieldsOf(block);
    const action = f.get('action')?.toLowerCase();
    const status = f.get('status') ?? '';
    const email = addressOf(f.get('final-recipient')) ?? addressOf(f.get('original-recipient'));
    if (action === 'failed') out.push({ type: /^5\./.test(status) ? 'hard' : 'soft', email });
    else if (action === 'delayed') out.push({ type: 'soft', email });
  }
  return out;
}

/** Feedback types that are a complaint (RFC 5965); `not-spam` is the opposite. */
const COMPLAINTS = new Set(['abuse', 'fraud', 'virus', 'other']);

/**
 * Reads one mail from the bounce mailbox: a DSN (RFC 3464, `multipart/report;
 * report-type=delivery-status`) or an abuse feedback report (ARF, RFC 5965, `report-type=
 * feedback-report`). Returns what it reports, each with the Message-ID of our mail that it
 * returns (from the attached message or its headers). Any other mail – an auto-reply, spam, a
 * person writing – reports nothing.
 */
export async function readReport(raw: Buffer | string): Promise<BounceReport[]> {
  // The report parts stay parts: the delivery status is not merged into the text, and the
  // returned message is not unfolded into it even when marked inline (ARF does) – it is read on
  // its own below. `ignoreEmbedded` goes through to mailparser's MIME splitter.
  const options = { keepDeliveryStatus: true, ignoreEmbedded: true, skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true };
  const mail = await simpleParser(raw, options as Parameters<typeof simpleParser>[1]);
  const type = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (type?.value?.toLowerCase() !== 'multipart/report') return [];
  const part = (...types: string[]) => mail.attachments.find((a) => types.includes(a.contentType.toLowerCase()));
  const original = part('message/rfc822', 'text/rfc822-headers', 'message/global', 'message/global-headers');
  const messageId = original ? (await simpleParser(original.content)).messageId : undefined;

  const kind = type.params?.['report-type']?.toLowerCase();
  if (kind === 'delivery-status') {
    const status = part('message/delivery-status', 'message/global-delivery-status');
    if (!status) return [];
    return deliveryStatus(status.content.toString('utf8')).map((r) => ({ ...r, messageId }));
  }
  if (kind === 'feedback-report') {
    const report = part('message/feedback-report');
    if (!report) return [];
    const f = fieldsOf(report.content.toString('utf8'));
    if (!COMPLAINTS.has(f.get('feedback-type')?.toLowerCase() ?? '')) return [];
    return [{ type: 'complaint', email: addressOf(f.get('original-rcpt-to')), messageId }];
  }
  return [];
}
