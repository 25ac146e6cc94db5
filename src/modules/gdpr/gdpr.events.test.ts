import { describe, expect, test } from 'vitest';
import { dsrEventText } from './gdpr.events.ts';

/** Every event kind the code records (dsr.queries, dsr.staff.routes, dsr.rights.routes, dsr.deadline), with its details. */
const EVENTS = [
  { kind: 'confirmed', detail: {} },
  { kind: 'confirmed', detail: { by: 'portal-session' } },
  { kind: 'verified', detail: { 'customer-number': 'staff-check' } },
  { kind: 'searched', detail: { found: 3, withOtherRoles: 1 } },
  { kind: 'exported-json', detail: { records: 3, reason: 'Auskunft' } },
  { kind: 'exported-pdf', detail: JSON.stringify({ records: 2, reason: 'Auskunft' }) },
  { kind: 'portability-csv', detail: { records: 1, reason: 'Wechsel' } },
  { kind: 'erased', detail: { deleted: 2, anonymised: 1, kept: 1, withOtherRoles: 0 } },
  { kind: 'rectified', detail: { record: 'portal_customers/0b7c1e4e-8a59-4c1b-9c6e-2b1a1d3c4e5f', fields: ['name', 'phone'] } },
  { kind: 'restricted', detail: { records: ['a/1', 'b/2'], note: 'bis zur Klärung' } },
  { kind: 'extended', detail: { reason: 'viele Datensätze' } },
  { kind: 'reminded', detail: { overdue: true } },
  { kind: 'closed', detail: { status: 'rejected' } },
  { kind: 'something-new', detail: { x: 1 } },
];

describe("a request's history in words", () => {
  test('every event reads as a sentence: no kind, no field name, no record id, no JSON', () => {
    for (const locale of ['de', 'en'] as const)
      for (const e of EVENTS) {
        const text = dsrEventText(e, locale);
        expect(text, e.kind).not.toMatch(/[{}"]|portal-session|staff-check|customer-number|withOtherRoles|portal_customers|0b7c1e4e/);
        if (locale === 'de') expect(text, e.kind).not.toContain(e.kind);
      }
    expect(dsrEventText(EVENTS[3] as (typeof EVENTS)[number], 'de')).toBe('Suche in allen Modulen: 3 Treffer, 1 bei anderen Stellen');
    expect(dsrEventText(EVENTS[5] as (typeof EVENTS)[number], 'de')).toBe('Exportiert als PDF: 2 Datensätze. Grund: Auskunft');
    expect(dsrEventText(EVENTS[2] as (typeof EVENTS)[number], 'en')).toBe('Identifier verified: Customer number');
  });
});
