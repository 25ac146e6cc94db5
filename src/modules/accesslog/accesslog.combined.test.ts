import { describe, expect, test } from 'vitest';
import { parseClfTime, parseCombinedLine } from './accesslog.combined.ts';

describe('combined log parser', () => {
  test('reads every field of a combined line', () => {
    const line =
      '203.0.113.9 - frank [10/Oct/2026:13:55:36 -0700] "GET /strom?tarif=oeko HTTP/1.1" 200 2326 "https://www.example.com/start.html" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"';
    expect(parseCombinedLine(line)).toEqual({
      ip: '203.0.113.9',
      time: Date.UTC(2026, 9, 10, 20, 55, 36),
      method: 'GET',
      target: '/strom?tarif=oeko',
      status: 200,
      bytes: 2326,
      referrer: 'https://www.example.com/start.html',
      userAgent: expect.stringContaining('Chrome/120'),
    });
  });

  test('handles "-" fields, escaped quotes and missing referrer/agent (common format)', () => {
    expect(parseCombinedLine('::1 - - [01/Jan/2026:00:00:00 +0100] "HEAD / HTTP/1.0" 304 - "-" "-"')).toMatchObject({
      ip: '::1',
      bytes: 0,
      referrer: null,
      userAgent: null,
      time: Date.UTC(2025, 11, 31, 23, 0, 0),
    });
    expect(parseCombinedLine('1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET /a HTTP/1.1" 404 12')).toMatchObject({
      status: 404,
      referrer: null,
    });
    expect(parseCombinedLine('1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET /a HTTP/1.1" 200 1 "-" "say \\"hi\\""')?.userAgent).toBe(
      'say "hi"',
    );
  });

  test('rejects lines that do not fit', () => {
    for (const bad of [
      '',
      'garbage',
      '1.2.3.4 - - [99/Foo/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1',
      '1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 999 1',
      '1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 lots',
      '1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] GET / HTTP/1.1 200 1',
    ]) {
      expect(parseCombinedLine(bad)).toBeNull();
    }
    expect(parseClfTime('01/Jan/2026:25:00:00 +0000')).toBeNaN();
  });
});
