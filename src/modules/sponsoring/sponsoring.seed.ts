import { randomUUID } from 'node:crypto';
import { DAY_MS } from '../../core/clock.ts';
import type { AppContext } from '../../core/module.ts';
import type { SponsoringTables } from './sponsoring.tables.ts';

const DEMO_PROJECTS = [
  ['Neue Trikots für die F-Jugend', 'TuS Musterstadt 1921 e. V.', 120_000],
  ['Hochbeete für den Schulgarten', 'Förderverein der Grundschule am Park e. V.', 85_000],
  ['Lastenrad für die Tafel', 'Musterstädter Tafel e. V.', 250_000],
  ['Sommerkino im Stadtpark', 'Kulturinitiative Musterstadt', 300_000],
  ['Erste-Hilfe-Kurse für Senioren', 'DRK Ortsverein Musterstadt', 60_000],
] as const;

/**
 * A demo cycle whose voting is open now (and stays open two weeks), with five admitted projects,
 * so the whole vote can be tried at once. Idempotent: an existing demo cycle is left alone.
 */
export async function seedSponsoringDemo(ctx: AppContext): Promise<void> {
  const db = ctx.db.withTables<SponsoringTables>();
  const now = ctx.clock.now().getTime();
  const at = (days: number) => new Date(now + days * DAY_MS);
  const inserted = await db
    .insertInto('sponsoring_cycles')
    .values({
      id: 'demo',
      application_from: at(-30),
      review_from: at(-16),
      voting_from: at(-2),
      result_from: at(14),
      sponsoring_from: at(28),
      completed_at: at(120),
      budget_cents: ctx.config.SPONSORING_BUDGET_CENTS,
      closed_at: null,
      created_at: at(0),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return;
  let n = 0;
  for (const [title, sponsor, cents] of DEMO_PROJECTS) {
    n += 1;
    await db
      .insertInto('sponsoring_projects')
      .values({
        id: randomUUID(),
        cycle_id: 'demo',
        number: n,
        title,
        description: `${title}: ein Projekt von ${sponsor}. Mit der Förderung wird das Vorhaben in diesem Jahr umgesetzt; alle Menschen in Musterstadt sind eingeladen mitzumachen.`,
        budget_cents: cents,
        sponsor_name: sponsor,
        sponsor_street: `Musterweg ${n}`,
        sponsor_postcode: '12345',
        sponsor_city: 'Musterstadt',
        contact_name: `Kontakt ${n}`,
        contact_email: `projekt${n}@example.org`,
        contact_phone: `0123 45678${n}`,
        locale: 'de',
        status: 'approved',
        criteria_met: 'c1,c2,c3,c4',
        decision_reason: null,
        reviewed_at: at(-10),
        votes: null,
        funded: null,
        decided_at: null,
        completed_at: null,
        anonymised_at: null,
        created_at: at(-20),
      })
      .execute();
  }
}
