import type { AppContext } from '../../core/module.ts';
import { insertPosting } from './careers.queries.ts';
import type { CareersTables } from './careers.tables.ts';

const DAY = 86_400_000;

/** Demo postings, one per configured category where the demo has one; idempotent by slug. */
export async function seedCareersDemo(ctx: AppContext): Promise<void> {
  const db = ctx.db.withTables<CareersTables>();
  const now = ctx.clock.now();
  const city = ctx.config.organisation.address.city;
  const departments = ctx.config.organisation.departments.map((d) => d.id);
  const dept = (id: string) => (departments.includes(id) ? id : (departments[0] as string));
  const demo = [
    {
      slug: 'ausbildung-elektroniker-betriebstechnik',
      category: 'apprenticeship',
      department: dept('grid'),
      titleDe: 'Ausbildung Elektronikerin / Elektroniker für Betriebstechnik',
      titleEn: 'Apprenticeship as an industrial electronics technician',
      descriptionDe:
        'Dreieinhalb Jahre Ausbildung in unseren Netzen und Anlagen: Sie lernen, Schaltanlagen, Ortsnetzstationen und Hausanschlüsse zu bauen, zu prüfen und instand zu halten.\n\nSie bringen Interesse an Technik und einen guten Schulabschluss mit.',
      descriptionEn:
        'Three and a half years of training in our grids and plants: you learn to build, test and maintain switchgear, substations and house connections.\n\nYou bring an interest in technology and a good school-leaving certificate.',
    },
    {
      slug: 'duales-studium-energietechnik',
      category: 'dual-study',
      department: dept('grid'),
      titleDe: 'Duales Studium Elektro- und Energietechnik (B. Eng.)',
      titleEn: 'Dual study programme in electrical and energy engineering (B. Eng.)',
      descriptionDe: 'Studium an der Hochschule und Praxisphasen bei uns, mit Vergütung vom ersten Tag an.',
      descriptionEn: 'Study at university and work with us in between, paid from the first day.',
    },
    {
      slug: 'sachbearbeitung-abrechnung',
      category: 'professionals',
      department: dept('billing'),
      titleDe: 'Sachbearbeiterin / Sachbearbeiter Abrechnung (m/w/d)',
      titleEn: 'Billing clerk (f/m/d)',
      descriptionDe: 'Sie erstellen Jahresabrechnungen für Strom, Gas und Wasser und beantworten Fragen unserer Kundschaft dazu.',
      descriptionEn: 'You prepare annual bills for electricity, gas and water and answer our customers’ questions about them.',
    },
    {
      slug: 'praktikum-energieberatung',
      category: 'internship',
      department: dept('energy-advice'),
      titleDe: 'Praktikum in der Energieberatung',
      titleEn: 'Internship in energy advice',
      descriptionDe: 'Drei Monate in unserer Energieberatung: Gebäudechecks, Fördermittel, Solarberatung.',
      descriptionEn: 'Three months in our energy advice team: building checks, subsidies, solar advice.',
    },
  ];
  for (const p of demo) await insertPosting(db, { ...p, location: city, closesAt: new Date(now.getTime() + 60 * DAY) }, now);
}
