import { describe, expect, test } from 'vitest';
import { referrerHost, referringPage, statsPath } from './accesslog.normalise.ts';
import { berlinDayHour, StatsAccumulator } from './accesslog.stats.ts';

describe('anonymous statistics', () => {
  test('days and hours are Europe/Berlin calendar days, across daylight saving changes', () => {
    expect(berlinDayHour(Date.UTC(2026, 0, 1, 23, 30))).toEqual({ day: '2026-01-02', hour: '00' });
    expect(berlinDayHour(Date.UTC(2026, 6, 1, 22, 0))).toEqual({ day: '2026-07-02', hour: '00' });
    expect(berlinDayHour(Date.UTC(2026, 2, 29, 1, 0))).toEqual({ day: '2026-03-29', hour: '03' });
  });

  test('ids and tokens in paths become :id, IP literals in referrers are masked', () => {
    expect(statsPath('/portal/rechnungen/12345')).toBe('/portal/rechnungen/:id');
    expect(statsPath('/aktivieren/550e8400-e29b-41d4-a716-446655440000')).toBe('/aktivieren/:id');
    expect(statsPath('/strom')).toBe('/strom');
    expect(referrerHost('http://192.168.1.20/intranet')).toBe('(IP-Adresse)');
    expect(referrerHost('https://WWW.Example.org/x')).toBe('www.example.org');
    expect(referrerHost(null)).toBe('(direkt)');
    expect(referringPage('https://www.google.com/search?q=Max+Mustermann+Stromrechnung')).toBe('https://www.google.com/search');
  });

  test('counts requests and bytes per dimension and merges accumulators', () => {
    const a = new StatsAccumulator();
    const base = { referrer: null, browser: 'Firefox 130', os: 'Linux' };
    a.add({ ...base, occurredAt: Date.UTC(2026, 5, 1, 10), path: '/strom', status: 200, bytes: 100 });
    a.add({ ...base, occurredAt: Date.UTC(2026, 5, 1, 11), path: '/strom', status: 404, bytes: 50 });
    const b = new StatsAccumulator();
    b.add({ ...base, occurredAt: Date.UTC(2026, 5, 1, 11), path: '/gas', status: 200, bytes: 10 });
    a.merge(b);
    const rows = [...a.rows()];
    const find = (dimension: string, key: string) => rows.find((r) => r.dimension === dimension && r.key === key);
    expect(find('total', '')).toMatchObject({ day: '2026-06-01', requests: 3, bytes: 160 });
    expect(find('page', '/strom')).toMatchObject({ requests: 2, bytes: 150 });
    expect(find('status', '404')).toMatchObject({ requests: 1 });
    expect(find('hour', '13')).toMatchObject({ requests: 2 });
  });
});
