import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/support/test-context.ts';
import { createDatabase } from '../db/index.ts';
import type { PrivacyTables } from '../privacy/index.ts';
import { lettersCommands } from './letters.commands.ts';
import { LETTERS_ACTIVITY } from './letters.privacy.ts';
import { listLetterDays, mergeLettersOfDay, type NewLetter, queueLetter } from './letters.queue.ts';
import type { LettersTables } from './letters.tables.ts';

let t: TestContext;
const db = () => t.db as unknown as Kysely<LettersTables>;

function letter(n: number, extra: Partial<NewLetter> = {}): NewLetter {
  return {
    kind: 'activation-key',
    activity: 'test.letters',
    reference: `REF-${n}`,
    recipient: { name: `Frau Erika Müller ${n}`, address: ['Straße der Einheit 17', '12345 Musterstadt'] },
    subject: `Ihr Aktivierungsschlüssel ${n}`,
    salutation: 'Sehr geehrte Frau Müller,',
    paragraphs: [`Ihr Schlüssel lautet KEY-${n}.`],
    closing: 'Mit freundlichen Grüßen',
    ...extra,
  };
}

const queue = (...letters: NewLetter[]) =>
  t.db.transaction().execute(async (trx) => {
    const out = [];
    for (const l of letters) out.push(await queueLetter(trx, t, l));
    return out;
  });

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.database.close());
beforeEach(async () => {
  await sql`delete from letters`.execute(t.db);
  t.clock.set('2026-06-15T10:00:00Z');
});

describe('letters for the print room', () => {
  test('a letter queued in a rolled-back transaction does not exist; a committed one is stored with its PDF', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await queueLetter(trx, t, letter(1));
        throw new Error('request failed');
      }),
    ).rejects.toThrow('request failed');
    expect(await db().selectFrom('letters').select('id').execute()).toHaveLength(0);

    const [queued] = await queue(letter(2));
    const row = await db().selectFrom('letters').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      id: queued?.id,
      day: '2026-06-15',
      kind: 'activation-key',
      activity: 'test.letters',
      reference: 'REF-2',
      recipient_name: 'Frau Erika Müller 2',
      pages: 1,
      printed_at: null,
    });
    expect(row.created_at.toISOString()).toBe('2026-06-15T10:00:00.000Z');
    expect((await PDFDocument.load(row.pdf)).getPageCount()).toBe(1);
  });

  test('a letter belongs to the print run of its day in Berlin, not in UTC', async () => {
    t.clock.set('2026-06-15T22:30:00Z'); // 00:30 on 16 June in Berlin (CEST)
    const [late] = await queue(letter(1));
    t.clock.set('2026-12-31T22:59:00Z'); // 23:59 on New Year's Eve (CET)
    const [eve] = await queue(letter(2));
    expect([late?.day, eve?.day]).toEqual(['2026-06-16', '2026-12-31']);
  });

  test("one merged PDF per day holds the sum of the day's pages, in order, and the letters are marked printed", async () => {
    const long = letter(2, { paragraphs: Array(30).fill('Ein langer Absatz über Fernwärme. '.repeat(12)) });
    const queued = await queue(letter(1), long, letter(3));
    t.clock.set('2026-06-16T09:00:00Z');
    await queue(letter(4)); // another day

    const run = await mergeLettersOfDay(t.db, '2026-06-15', { now: t.clock.now() });
    const total = queued.reduce((sum, q) => sum + q.pages, 0);
    expect(queued[1]?.pages).toBeGreaterThan(1);
    expect(run).toMatchObject({ letters: 3, pages: total });
    expect((await PDFDocument.load(run?.pdf as Uint8Array)).getPageCount()).toBe(total);

    const rows = await db().selectFrom('letters').select(['day', 'printed_at']).orderBy('created_at').execute();
    expect(rows.map((r) => [r.day, r.printed_at?.toISOString() ?? null])).toEqual([
      ['2026-06-15', '2026-06-16T09:00:00.000Z'],
      ['2026-06-15', '2026-06-16T09:00:00.000Z'],
      ['2026-06-15', '2026-06-16T09:00:00.000Z'],
      ['2026-06-16', null],
    ]);
    // Printed once: the next run of that day is empty, unless a reprint is asked for.
    expect(await mergeLettersOfDay(t.db, '2026-06-15')).toBeNull();
    expect(await mergeLettersOfDay(t.db, '2026-06-15', { reprint: true })).toMatchObject({ letters: 3, pages: total });
    expect(await listLetterDays(t.db)).toEqual([
      { day: '2026-06-16', letters: 1, pages: 1, waiting: 1 },
      { day: '2026-06-15', letters: 3, pages: total, waiting: 0 },
    ]);
  });

  test('a second print run of the same day waits for the first and gets none of its letters (a second connection on PostgreSQL)', async () => {
    await queue(...Array.from({ length: 6 }, (_, i) => letter(i)));
    const other =
      t.database.kind === 'postgres' ? await createDatabase({ url: t.database.url, schema: t.database.schema, poolSize: 2 }) : t.database;
    try {
      const { first, second, whileFirstOpen } = await t.db.transaction().execute(async (trx) => {
        const first = await mergeLettersOfDay(trx, '2026-06-15');
        // The first run has its letters but has not committed yet: a second run starts now.
        let secondDone = false;
        const second = mergeLettersOfDay(other.db, '2026-06-15').finally(() => {
          secondDone = true;
        });
        // On PostgreSQL, until the server reports a session waiting for a lock this transaction
        // holds (or the second run ends without waiting). On PGlite both share one connection:
        // the second cannot start before this transaction ends.
        if (t.database.kind === 'postgres') {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
          const pid = rows[0]?.pid;
          let blocked = false;
          while (!blocked && !secondDone) {
            // Asked outside the transaction: inside it, pg_stat_activity stays as first read.
            const waiting = await sql<{ n: number }>`
              select count(*)::int as n from pg_stat_activity where ${pid}::int = any(pg_blocking_pids(pid))`.execute(t.db);
            blocked = (waiting.rows[0]?.n ?? 0) > 0;
          }
        }
        return { first, second, whileFirstOpen: secondDone ? 'finished' : 'waiting' };
      });
      expect(first?.letters).toBe(6);
      expect(whileFirstOpen).toBe('waiting');
      expect(await second).toBeNull();
    } finally {
      if (other !== t.database) await other.close();
    }
  });

  test('a hostile recipient name is stored and printed without breaking anything', async () => {
    const name = `\u0000Ἀθηνᾶ\u202E 李 😀 ${'X'.repeat(3000)}\r\n`;
    const [queued] = await queue(letter(1, { recipient: { name, address: ['\u0000', '12345 Musterstadt'] } }));
    const row = await db().selectFrom('letters').select(['recipient_name', 'pages']).executeTakeFirstOrThrow();
    // biome-ignore lint/suspicious/noControlCharactersInRegex: exactly these characters must be gone
    expect(row.recipient_name).not.toMatch(/[\u0000\u202e\r\n]/);
    expect(row.recipient_name.startsWith('Ἀθηνᾶ 李 😀 XXX')).toBe(true);
    expect(row.pages).toBe(queued?.pages);
    expect((await mergeLettersOfDay(t.db, '2026-06-15'))?.letters).toBe(1);
  });

  test('`letters print` writes the day as one PDF; with nothing waiting it leaves an earlier file alone', async () => {
    const command = lettersCommands.find((c) => c.name === 'letters print');
    if (!command) throw new Error('letters print is missing');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-letters-'));
    const output = path.join(dir, 'druck.pdf');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await queue(letter(1), letter(2));
      expect(await command.run(['--date', '2026-06-15', '--output', output], t)).toBe(0);
      expect((await PDFDocument.load(readFileSync(output))).getPageCount()).toBe(2);
      expect(log).toHaveBeenLastCalledWith(`2 letters, 2 pages for 2026-06-15 written to ${output}`);

      writeFileSync(output, 'earlier run');
      expect(await command.run(['--output', output], t)).toBe(0); // today = 2026-06-15, all printed
      expect(readFileSync(output, 'utf8')).toBe('earlier run');
      expect(readdirSync(dir)).toEqual(['druck.pdf']);

      expect(await command.run(['--date', '15.06.2026'], t)).toBe(2);
      expect(await command.run(['--date', '2026-02-31x'], t)).toBe(2);
      expect(await command.run(['--bogus'], t)).toBe(2);
      expect(existsSync(path.join(dir, 'letters-2026-06-15.pdf'))).toBe(false);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });

  test('[C04] `letters print` is audited like the print room: the letters it exported, why, and by whom; an empty run leaves no entry', async () => {
    const command = lettersCommands.find((c) => c.name === 'letters print');
    if (!command) throw new Error('letters print is missing');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-letters-'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const audit = () =>
      t.db.withTables<PrivacyTables>().selectFrom('audit_log').selectAll().where('activity', '=', LETTERS_ACTIVITY).orderBy('id').execute();
    try {
      const before = (await audit()).length;
      const queued = await queue(letter(41), letter(42));
      expect(await command.run(['--date', '2026-06-15', '--output', path.join(dir, 'a.pdf')], t)).toBe(0);
      const entries = (await audit()).slice(before);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'export', staff_id: null, path: 'letters print 2026-06-15' });
      expect(entries[0]?.staff_email).toMatch(/^cli:.+/);
      expect(entries[0]?.reason).toContain('Druck der Briefe vom 2026-06-15');
      expect([...(entries[0]?.record_ids ?? [])].sort()).toEqual(queued.map((q) => q.id).sort());

      expect(await command.run(['--date', '2026-06-15', '--output', path.join(dir, 'b.pdf')], t)).toBe(0);
      expect((await audit()).slice(before)).toHaveLength(1);
      expect(await command.run(['--date', '2026-06-15', '--reprint', '--output', path.join(dir, 'c.pdf')], t)).toBe(0);
      const reprint = (await audit()).slice(before)[1];
      expect(reprint?.reason).toContain('Nachdruck');
      expect(reprint?.record_ids).toEqual(expect.arrayContaining(queued.map((q) => q.id)));
    } finally {
      log.mockRestore();
    }
  });
});
