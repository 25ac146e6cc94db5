import type { LightMyRequestResponse } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import type { TestApp } from '../../../tests/support/test-server.ts';
import type { MailTables } from '../../core/mail/index.ts';
import { insertPosting } from './careers.queries.ts';
import type { CareersTables } from './careers.tables.ts';

/** Test helpers of the careers tests (imported by tests only). */

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

export async function pdfBytes(text = 'Lebenslauf'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(text);
  return Buffer.from(await doc.save());
}

export function pngBytes(): Promise<Buffer> {
  return sharp({ create: { width: 8, height: 8, channels: 3, background: '#06c' } })
    .png()
    .toBuffer();
}

export const db = (t: TestApp) => t.database.db.withTables<CareersTables & MailTables>();

let n = 0;
/** A posting of the category and department, open for 30 days from the test clock. */
export async function makePosting(t: TestApp, category = 'apprenticeship', department = 'grid'): Promise<{ id: string; slug: string }> {
  n += 1;
  const slug = `stelle-${process.pid}-${n}`;
  const now = t.clock.now();
  const id = await insertPosting(
    t.database.db.withTables<CareersTables>(),
    {
      slug,
      category,
      department,
      titleDe: `Ausbildung Nr. ${n}`,
      titleEn: `Apprenticeship no. ${n}`,
      descriptionDe: 'Beschreibung der Stelle <script>alert(1)</script>',
      descriptionEn: 'About the position',
      location: 'Musterstadt',
      closesAt: new Date(now.getTime() + 30 * 86_400_000),
    },
    now,
  );
  return { id, slug };
}

export const apprentice = {
  name: 'Mia Muster',
  email: 'Mia.Muster@Example.org',
  phone: '0211 123456',
  schoolCertificate: 'realschule',
  school: 'Realschule Musterstadt',
  message: 'Ich interessiere mich sehr für Technik.',
};

/** Sends an application to the posting's form, with a CV and optionally a certificate. */
export async function apply(
  t: TestApp,
  slug: string,
  fields: Record<string, string> = apprentice,
  files: { cv?: Buffer | null; certificate?: Buffer } = {},
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const cv = files.cv === undefined ? await pdfBytes() : files.cv;
  const parts: Part[] = Object.entries(fields).map(([k, v]) => [k, v] as Part);
  if (cv) parts.push(['cv', cv, 'lebenslauf.pdf', 'application/pdf']);
  if (files.certificate) parts.push(['certificates', files.certificate, 'zeugnis.png', 'image/png']);
  const body = await multipart(parts);
  return t.app.inject({
    method: 'POST',
    url: `/karriere/stellen/${slug}/bewerben`,
    headers: { ...body.headers, ...headers },
    payload: body.payload,
  });
}

/** The status link's token from the receipt mail to the address. */
export async function tokenFromMail(t: TestApp, email: string): Promise<string> {
  const mail = await db(t)
    .selectFrom('mail_outbox')
    .selectAll()
    .where('recipient', '=', email.toLowerCase())
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const m = /\/karriere\/bewerbung\/([A-Za-z0-9_-]{43})/.exec(mail.text_body);
  if (!m) throw new Error(`no status link in ${mail.text_body}`);
  return m[1] as string;
}
