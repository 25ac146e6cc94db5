import { describe, expect, test } from 'vitest';
import { demoOrganisation } from '../../core/config/index.ts';
import { addDays, callbackDays, checkCallbackTime, StateHolidays, slotsOf, weekSlots } from './contact.hours.ts';

const hours = demoOrganisation.callbackHours;
const nrw = new StateHolidays('NW');

describe('callback hours and holidays', () => {
  test('spans are cut into whole slots; a remainder too short for one is not offered', () => {
    expect(slotsOf(hours, 'fri').map((s) => s.start)).toEqual(['08:00', '09:00', '10:00', '11:00', '12:00']);
    expect(slotsOf(hours, 'sat')).toEqual([]);
    const odd = { ...hours, slotMinutes: 45, hours: { ...hours.hours, mon: [{ from: '08:00', to: '10:00' }] } };
    expect(slotsOf(odd, 'mon')).toEqual([
      { start: '08:00', end: '08:45' },
      { start: '08:45', end: '09:30' },
    ]);
    expect(weekSlots(hours).map((s) => s.start)).toEqual([
      '08:00',
      '09:00',
      '10:00',
      '11:00',
      '12:00',
      '13:00',
      '14:00',
      '15:00',
      '16:00',
      '17:00',
    ]);
  });

  test('the public holidays of the configured state, in both languages; other states differ', () => {
    expect(nrw.on('2026-06-04')).toEqual({ de: 'Fronleichnam', en: 'Corpus Christi' });
    expect(nrw.on('2026-11-01')?.de).toBe('Allerheiligen');
    expect(nrw.on('2026-06-03')).toBeNull();
    // Reformation Day is a holiday in Saxony, not in NRW; Corpus Christi the other way round
    expect(nrw.on('2026-10-31')).toBeNull();
    expect(new StateHolidays('SN').on('2026-10-31')?.de).toBe('Reformationstag');
    expect(() => new StateHolidays('XX')).toThrow(/no German state "XX"/);
  });

  test('offered days start tomorrow, skip weekends and holidays, and end after daysAhead', () => {
    const days = callbackDays(hours, nrw, new Date('2026-12-23T15:00:00Z')).map((d) => d.day);
    expect(days.slice(0, 3)).toEqual(['2026-12-24', '2026-12-28', '2026-12-29']);
    expect(days).not.toContain('2026-12-25');
    expect(days).not.toContain('2026-12-26');
    expect((days.at(-1) ?? '') <= addDays('2026-12-23', hours.daysAhead)).toBe(true);
    // late in the evening Berlin is already on the next day
    expect(callbackDays(hours, nrw, new Date('2026-06-02T22:30:00Z'))[0]?.day).toBe('2026-06-05');
  });

  test('a chosen time is checked against range, holidays, weekday and slot', () => {
    const now = new Date('2026-06-02T10:00:00Z');
    expect(checkCallbackTime(hours, nrw, now, '2026-06-02', '09:00')).toMatchObject({
      ok: false,
      problem: { field: 'day', reason: 'range' },
    });
    expect(checkCallbackTime(hours, nrw, now, '2026-06-04', '09:00')).toMatchObject({
      ok: false,
      problem: { field: 'day', reason: 'holiday', holiday: { de: 'Fronleichnam' } },
    });
    expect(checkCallbackTime(hours, nrw, now, '2026-06-06', '09:00')).toMatchObject({
      ok: false,
      problem: { field: 'day', reason: 'closed' },
    });
    expect(checkCallbackTime(hours, nrw, now, '2026-06-05', '13:00')).toMatchObject({
      ok: false,
      problem: { field: 'slot', reason: 'outside', weekday: 'fri' },
    });
    expect(checkCallbackTime(hours, nrw, now, '2026-06-05', '12:00')).toEqual({
      ok: true,
      slot: { start: '12:00', end: '13:00' },
      start: new Date('2026-06-05T10:00:00Z'),
      end: new Date('2026-06-05T11:00:00Z'),
    });
  });
});
