// The newsletter benchmark's reference, as a process of its own like the product's sender: a bare
// nodemailer pool of POOL connections with IN_FLIGHT mails queued on each (POOL × IN_FLIGHT loops
// awaiting sendMail, as the product's senders do), sending the mail in MAIL_FILE (one subscriber's
// rendering, the same bytes the product sends) COUNT times, each to its own address with its own
// Message-ID. No database, no claims, no marks: the path's own limit on this machine.
import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';

const count = Number(process.env.COUNT);
const pool = Number(process.env.POOL);
const inFlight = Number(process.env.IN_FLIGHT);
const domain = process.env.MESSAGE_ID_DOMAIN ?? 'example.org';
const mail = JSON.parse(readFileSync(String(process.env.MAIL_FILE), 'utf8'));

const transporter = nodemailer.createTransport({
  url: process.env.SMTP_URL,
  pool: true,
  maxConnections: pool,
  maxMessages: Number.POSITIVE_INFINITY,
});
let next = 0;
await Promise.all(
  Array.from({ length: pool * inFlight }, async () => {
    for (let i = next++; i < count; i = next++)
      await transporter.sendMail({ ...mail, to: `kunde${i + 1}@example.org`, messageId: `<ref.${i}@${domain}>` });
  }),
);
transporter.close();
console.log(JSON.stringify({ sent: count }));
