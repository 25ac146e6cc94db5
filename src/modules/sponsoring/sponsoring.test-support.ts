import type { LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { formBody } from '../../../tests/support/staff.ts';
import type { TestApp } from '../../../tests/support/test-server.ts';
import type { MailTables } from '../../core/mail/index.ts';
import { type Cycle, scheduledCycles } from './sponsoring.cycles.ts';
import type { SponsoringTables } from './sponsoring.tables.ts';

/** Test helpers of the sponsoring vote (imported by its integration tests only). */
export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** The second scheduled cycle of 2026 with the default configuration. */
export const cycleOf = (t: TestApp) => scheduledCycles(t.config, 2026)[1] as ReturnType<typeof scheduledCycles>[number];

export const post = (t: TestApp, url: string, form: Record<string, string | string[]> = {}, ip = '203.0.113.9') =>
  t.app.inject({ method: 'POST', url, headers: FORM, payload: formBody(form), remoteAddress: ip });

export const get = (t: TestApp, url: string) => t.app.inject({ method: 'GET', url });

type Part = [name: string, value: string] | [name: string, bytes: Buffer, filename: string, type?: string];

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

export const APPLICATION = {
  title: 'Neue Netze für den Jugendfußball',
  description: 'Wir brauchen neue Tornetze und Bälle für unsere drei Jugendmannschaften, die jede Woche trainieren.',
  budget: '1.500',
  sponsorName: 'SV Grün-Weiß Musterstadt e. V.',
  sponsorStreet: 'Sportplatzweg 17',
  sponsorPostcode: '12345',
  sponsorCity: 'Musterstadt',
  contactName: 'Erika Vorstandsfrau',
  contactEmail: 'erika.vorstand@example.org',
  contactPhone: '0123 9876543',
  terms: 'yes',
};

export async function apply(t: TestApp, fields: Record<string, string> = {}, files: Part[] = []): Promise<LightMyRequestResponse> {
  const body = await multipart([...Object.entries({ ...APPLICATION, ...fields }), ...files]);
  return t.app.inject({ method: 'POST', url: '/buergerprojekte/bewerbung', headers: body.headers, payload: body.payload });
}

export const db = (t: TestApp) => t.database.db.withTables<SponsoringTables & MailTables>() as Kysely<SponsoringTables & MailTables>;

export async function mailsTo(t: TestApp, to: string) {
  return db(t).selectFrom('mail_outbox').selectAll().where('recipient', '=', to).orderBy('created_at').execute();
}

/** Stores approved projects 1…count in a cycle, as the board leaves them for the vote; returns their ids by number. */
export async function addApprovedProjects(
  db: Kysely<SponsoringTables>,
  cycle: Pick<Cycle, 'id' | 'review_from' | 'application_from'>,
  count: number,
): Promise<{ id: string; number: number }[]> {
  const projects: { id: string; number: number }[] = [];
  for (let n = 1; n <= count; n++) {
    const id = crypto.randomUUID();
    projects.push({ id, number: n });
    await db
      .insertInto('sponsoring_projects')
      .values({
        id,
        cycle_id: cycle.id,
        number: n,
        title: `Projekt Nummer ${n}`,
        description: 'Eine Beschreibung, lang genug für das Formular.',
        budget_cents: 300_000,
        sponsor_name: `Verein ${n}`,
        sponsor_street: `Vereinsweg ${n}`,
        sponsor_postcode: '12345',
        sponsor_city: 'Musterstadt',
        contact_name: `Kontaktperson ${n}`,
        contact_email: `kontakt${n}@example.org`,
        contact_phone: '0123 456789',
        locale: 'de',
        status: 'approved',
        criteria_met: 'c1,c2,c3,c4',
        decision_reason: null,
        reviewed_at: cycle.review_from,
        votes: null,
        funded: null,
        decided_at: null,
        completed_at: null,
        anonymised_at: null,
        created_at: cycle.application_from,
      })
      .execute();
  }
  return projects;
}
