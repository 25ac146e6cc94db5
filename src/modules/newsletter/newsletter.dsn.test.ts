import { expect, test } from 'vitest';
import { readReport } from './newsletter.dsn.ts';

const report = (type: string, parts: string[]) =>
  [
    'From: MAILER-DAEMON@mx.example.net',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=${type}; boundary="R"`,
    '',
    '--R',
    'Content-Type: text/plain',
    '',
    'Report.',
    ...parts,
    '--R--',
    '',
  ].join('\r\n');
const original = ['--R', 'Content-Type: text/rfc822-headers', '', 'Message-ID: <nl.1@stadtwerk.example>', 'To: a@example.org', ''];

test('a DSN names each recipient: 5.x.x failed is hard, 4.x.x failed and delayed are soft, relayed nothing; folded lines are joined', async () => {
  const status = [
    '--R',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.net',
    '',
    'Final-Recipient: rfc822; A@Example.org',
    'Action: failed',
    'Status: 5.2.1',
    '',
    'Original-Recipient: rfc822;b@example.org',
    'Action: failed',
    'Status:',
    ' 4.2.2',
    '',
    'Final-Recipient: rfc822; c@example.org',
    'Action: delayed',
    'Status: 4.4.7',
    '',
    'Final-Recipient: rfc822; d@example.org',
    'Action: relayed',
    'Status: 2.0.0',
    '',
  ];
  expect(await readReport(report('delivery-status', [...status, ...original]))).toEqual([
    { type: 'hard', email: 'a@example.org', messageId: '<nl.1@stadtwerk.example>' },
    { type: 'soft', email: 'b@example.org', messageId: '<nl.1@stadtwerk.example>' },
    { type: 'soft', email: 'c@example.org', messageId: '<nl.1@stadtwerk.example>' },
  ]);
});

test('an ARF abuse report is a complaint, not-spam is none; a mail that is no report reports nothing', async () => {
  const feedback = (kind: string) => ['--R', 'Content-Type: message/feedback-report', '', `Feedback-Type: ${kind}`, 'Version: 1', ''];
  expect(await readReport(report('feedback-report', [...feedback('abuse'), ...original]))).toEqual([
    { type: 'complaint', email: undefined, messageId: '<nl.1@stadtwerk.example>' },
  ]);
  expect(await readReport(report('feedback-report', [...feedback('not-spam'), ...original]))).toEqual([]);
  expect(await readReport('From: a@example.org\r\nSubject: Urlaub\r\n\r\nBin weg.\r\n')).toEqual([]);
  // A report type we do not read.
  expect(await readReport(report('disposition-notification', original))).toEqual([]);
});
