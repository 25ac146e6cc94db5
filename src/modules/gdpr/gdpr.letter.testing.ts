import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { TestApp } from '../../../tests/support/test-server.ts';

/**
 * Records of one person in the modules the portal customer of gdpr.letter.int.test.ts does not
 * reach through the portal: a job application with a note and answers, a takedown request for a
 * picture, a contest entry, a solar objection and report request, a sponsoring registration and
 * a project – all under the e-mail address the access request proves (the test gives a staff
 * account that address too). Written as the modules store them, confirmed where a search needs
 * proof of the address.
 */
export async function recordsElsewhere(t: TestApp, email: string): Promise<void> {
  // biome-ignore lint/suspicious/noExplicitAny: rows of several modules' tables, written as SQL
  const db = t.database.db as Kysely<any>;
  const now = t.clock.now();
  const posting = (
    await sql<{ id: string }>`insert into careers_postings
      (slug, category, department, title_de, title_en, description_de, description_en, location, published_at, closes_at, created_at)
      values ('ausbildung-elektroniker', 'apprenticeship', 'grid', 'Ausbildung Elektroniker/in', 'Apprenticeship as an electronics technician',
        'Beschreibung', 'Description', 'Musterstadt', ${now}, ${now}, ${now}) returning id`.execute(db)
  ).rows[0];
  const application = (
    await sql<{ id: string }>`insert into careers_applications
      (reference, posting_id, category, forwarded_to, status, stage_reached, name, email, phone, answers, message, locale,
       created_at, email_confirmed_at)
      values ('B-2026-0417', ${posting?.id}, 'apprenticeship', 'grid', 'interview', 'interview', 'Erika Richter', ${email},
       '0171 7654321', ${JSON.stringify({ schoolCertificate: 'realschule', school: 'Realschule Musterstadt' })}::jsonb,
       'Ich bewerbe mich um die Ausbildung.', 'de', ${now}, ${now})
      returning id`.execute(db)
  ).rows[0];
  await sql`insert into careers_events (application_id, occurred_at, kind, body)
    values (${application?.id}, ${now}, 'note', 'Zum Gespräch eingeladen')`.execute(db);

  await sql`insert into media_takedowns (reference, picture, wish, details, name, email, locale, created_at, handled_at, outcome)
    values ('L-2026-0042', 'Foto vom Stadtfest auf der Startseite', 'unrecognisable', 'Ich stehe vorne am Stand.', 'Erika Richter',
      ${email}, 'de', ${now}, ${now}, 'pixelated')`.execute(db);

  const event = (
    await sql<{ id: string }>`insert into contest_events (slug, title, held_on, consent_basis, consent_note, created_at)
      values ('stadtfest-letter', 'Stadtfest', '2026-06-20', 'a-consent', 'Schilder am Eingang', ${now}) returning id`.execute(db)
  ).rows[0];
  const draw = (
    await sql<{ id: string }>`insert into contest_draws
      (event_id, title, prizes, winners_count, entries_close_at, random_source, random_source_at, created_at)
      values (${event?.id}, 'Gewinnspiel Stadtfest', 'Ein E-Bike', 1, ${now}, 'Lottozahlen', ${now}, ${now}) returning id`.execute(db)
  ).rows[0];
  await sql`insert into contest_entries
    (id, draw_id, terms_version, first_name, last_name, street, postcode, city, email, locale, salt, entry_hash, created_at,
     publish_consent_at)
    values (${randomUUID()}, ${draw?.id}, 1, 'Erika', 'Richter', 'Lindenweg 3', '12345', 'Musterstadt', ${email}, 'de',
      'salz', ${`hash-${randomUUID()}`}, ${now}, ${now})`.execute(db);

  await sql`insert into solar_objections (received_at, role, name, email, street, number, postcode, town, locale)
    values (${now}, 'owner', 'Erika Richter', ${email}, 'Lindenweg', '3', '12345', 'Musterstadt', 'de')`.execute(db);
  await sql`insert into solar_report_requests
    (id, reference, received_at, locale, role, delivery, name, email, postal_street, postal_postcode, postal_town,
     building_street, building_number, building_postcode, building_town, status, verified_at, verification_note, sent_at, sent_via)
    values (${randomUUID()}, 'S-2026-0007', ${now}, 'de', 'tenant', 'letter', 'Erika Richter', ${email}, 'Lindenweg 3', '12345',
      'Musterstadt', 'Lindenweg', '3', '12345', 'Musterstadt', 'sent', ${now}, 'Mietvertrag vorgelegt', ${now}, 'letter')`.execute(db);

  await sql`insert into sponsoring_voters
    (id, cycle_id, email, email_key, salutation, first_name, last_name, locale, confirmed_at, bonus_attempts, created_at, voting_ends_at)
    select ${randomUUID()}, id, ${email}, ${`key-${randomUUID()}`}, 'ms', 'Erika', 'Richter', 'de', ${now}, 0, ${now}, result_from
      from sponsoring_cycles limit 1`.execute(db);
  await sql`update sponsoring_projects set contact_email = ${email}, decision_reason = 'Alle Kriterien erfüllt'
    where id = (select id from sponsoring_projects order by id limit 1)`.execute(db);
}
