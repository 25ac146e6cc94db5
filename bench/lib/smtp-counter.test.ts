import net from 'node:net';
import nodemailer from 'nodemailer';
import { describe, expect, test } from 'vitest';
import { countingSmtpServer } from './smtp-counter.ts';

const mail = (id: string) => ({ from: 'a@example.org', to: 'b@example.org', subject: 's', text: 't', messageId: `<${id}@example.org>` });

describe('countingSmtpServer', () => {
  test('counts by Message-ID and notes the first and the last acceptance until it is reset', async () => {
    const smtp = await countingSmtpServer();
    const transporter = nodemailer.createTransport({ url: smtp.url });
    try {
      expect(smtp.acceptedBetween()).toEqual({ first: undefined, last: undefined });
      await transporter.sendMail(mail('one'));
      const afterOne = smtp.acceptedBetween();
      await transporter.sendMail(mail('two'));
      await transporter.sendMail(mail('two'));
      const { first, last } = smtp.acceptedBetween();
      expect(first).toBe(afterOne.first);
      expect(last).toBeGreaterThanOrEqual(afterOne.last as number);
      expect(smtp.seen.size).toBe(2);
      expect(smtp.duplicates()).toEqual({ messages: 1, extraCopies: 1 });

      smtp.reset();
      expect(smtp.seen.size).toBe(0);
      expect(smtp.acceptedBetween()).toEqual({ first: undefined, last: undefined });
      await transporter.sendMail(mail('three'));
      expect(smtp.acceptedBetween().first).toBeGreaterThanOrEqual(last as number);
    } finally {
      transporter.close();
      await smtp.close();
    }
  });

  test('a sender that dies within a transaction (the kill-and-resume run) does not end the process', async () => {
    const smtp = await countingSmtpServer();
    const socket = net.connect(Number(new URL(smtp.url).port), '127.0.0.1');
    let received = '';
    const reply = (pattern: RegExp) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!pattern.test(received)) return;
          socket.off('data', onData);
          resolve();
        };
        const onData = (d: Buffer) => {
          received += d.toString();
          check();
        };
        socket.on('data', onData);
        check();
      });
    await reply(/^220 /m);
    socket.write('EHLO sender.example.org\r\n');
    await reply(/^250 /m);
    received = '';
    socket.write('MAIL FROM:<a@example.org>\r\n');
    await reply(/^250 /m);
    // An RST inside a transaction, as the kernel sends for a SIGKILLed sender with unread replies.
    socket.resetAndDestroy();
    // close() resolves once the server has handled every connection, the reset one included; an
    // 'error' event without a listener would be an uncaught exception and fail this file.
    await smtp.close();
    expect(smtp.seen.size).toBe(0);
  });
});
