import { readFileSync } from 'node:fs';
import { z } from 'zod';

const localized = z.object({ de: z.string().min(1), en: z.string().min(1) });

const address = z.object({
  street: z.string().min(1),
  postcode: z.string().regex(/^\d{5}$/),
  city: z.string().min(1),
});

const person = z.object({
  name: z.string().min(1),
  email: z.email(),
  phone: z.string().optional(),
});

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
const span = z.object({ from: timeOfDay, to: timeOfDay }).refine((s) => s.from < s.to, 'from must be before to');
const spans = z.array(span).default([]);

/**
 * When customer service calls back (Europe/Berlin): spans per weekday, cut into slots. A weekday
 * without spans, and every public holiday of `state`, offers no callback.
 */
export const callbackHoursSchema = z.object({
  hours: z.object({ mon: spans, tue: spans, wed: spans, thu: spans, fri: spans, sat: spans, sun: spans }),
  slotMinutes: z.number().int().min(15).max(240).default(60),
  /** How many days ahead a callback can be asked for. */
  daysAhead: z.number().int().min(1).max(60).default(14),
});

export type CallbackHours = z.infer<typeof callbackHoursSchema>;

const demoCallbackHours: CallbackHours = {
  hours: {
    mon: [
      { from: '08:00', to: '12:00' },
      { from: '13:00', to: '18:00' },
    ],
    tue: [
      { from: '08:00', to: '12:00' },
      { from: '13:00', to: '18:00' },
    ],
    wed: [
      { from: '08:00', to: '12:00' },
      { from: '13:00', to: '18:00' },
    ],
    thu: [
      { from: '08:00', to: '12:00' },
      { from: '13:00', to: '18:00' },
    ],
    fri: [{ from: '08:00', to: '13:00' }],
    sat: [],
    sun: [],
  },
  slotMinutes: 60,
  daysAhead: 14,
};

const careerField = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/),
  label: localized,
  hint: localized.optional(),
  kind: z.enum(['text', 'textarea', 'select']).default('text'),
  required: z.boolean().default(false),
  options: z.array(z.object({ value: z.string().regex(/^[a-z0-9-]{1,40}$/), label: localized })).default([]),
});

/**
 * Job applications (src/modules/careers): the categories with the fields each form asks for
 * beyond name and contact, how long the data of those not hired stays after the selection (AGG:
 * two months to claim, § 15 (4), and three to sue, § 61b ArbGG, plus time to be served), and
 * which roles see the anonymous statistics (never a person, never a file).
 */
export const careersSchema = z.object({
  categories: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z][a-z0-9-]*$/),
        name: localized,
        /** schema.org JobPosting employmentType. */
        employmentType: z.enum(['FULL_TIME', 'PART_TIME', 'INTERN', 'TEMPORARY', 'OTHER']).default('FULL_TIME'),
        fields: z.array(careerField).default([]),
      }),
    )
    .min(1),
  anonymiseAfterMonths: z.number().int().min(1).max(24).default(6),
  statisticsRoles: z.array(z.enum(['hr', 'equal-treatment', 'works-council', 'dpo'])).default(['hr', 'equal-treatment', 'works-council']),
});

export type CareersConfig = z.infer<typeof careersSchema>;

const certificate = (de: string, en: string) => ({ de, en });

const demoCareers: CareersConfig = {
  categories: [
    {
      id: 'apprenticeship',
      name: { de: 'Ausbildung', en: 'Apprenticeship' },
      employmentType: 'FULL_TIME',
      fields: [
        {
          id: 'schoolCertificate',
          label: { de: 'Schulabschluss (erreicht oder erwartet)', en: 'School-leaving certificate (achieved or expected)' },
          kind: 'select',
          required: true,
          options: [
            { value: 'hauptschule', label: certificate('Hauptschulabschluss', 'Lower secondary school certificate') },
            { value: 'realschule', label: certificate('Mittlerer Schulabschluss', 'Intermediate school certificate') },
            { value: 'fachabitur', label: certificate('Fachhochschulreife', 'Advanced technical college certificate') },
            { value: 'abitur', label: certificate('Abitur', 'University entrance qualification') },
          ],
        },
        { id: 'school', label: { de: 'Zuletzt besuchte Schule', en: 'Last school attended' }, kind: 'text', required: true, options: [] },
      ],
    },
    {
      id: 'dual-study',
      name: { de: 'Duales Studium', en: 'Dual study' },
      employmentType: 'FULL_TIME',
      fields: [
        {
          id: 'entranceQualification',
          label: { de: 'Hochschulzugangsberechtigung', en: 'University entrance qualification' },
          kind: 'select',
          required: true,
          options: [
            { value: 'fachabitur', label: certificate('Fachhochschulreife', 'Advanced technical college certificate') },
            { value: 'abitur', label: certificate('Abitur', 'General university entrance qualification') },
          ],
        },
        {
          id: 'university',
          label: { de: 'Gewünschte Hochschule', en: 'Preferred university' },
          kind: 'text',
          required: false,
          options: [],
        },
      ],
    },
    {
      id: 'professionals',
      name: { de: 'Berufserfahrene', en: 'Professionals' },
      employmentType: 'FULL_TIME',
      fields: [
        {
          id: 'earliestStart',
          label: { de: 'Frühester Eintrittstermin', en: 'Earliest start date' },
          kind: 'text',
          required: true,
          options: [],
        },
        { id: 'salary', label: { de: 'Gehaltsvorstellung', en: 'Salary expectation' }, kind: 'text', required: false, options: [] },
      ],
    },
    {
      id: 'internship',
      name: { de: 'Praktikum', en: 'Internship' },
      employmentType: 'INTERN',
      fields: [
        { id: 'period', label: { de: 'Gewünschter Zeitraum', en: 'Preferred period' }, kind: 'text', required: true, options: [] },
        {
          id: 'studies',
          label: { de: 'Schule oder Hochschule, Fach', en: 'School or university, subject' },
          kind: 'text',
          required: true,
          options: [],
        },
      ],
    },
  ],
  anonymiseAfterMonths: 6,
  statisticsRoles: ['hr', 'equal-treatment', 'works-council'],
};

/** Who the utility is. Every view reads this; nothing about the organisation is hard-coded. */
export const organisationSchema = z.object({
  name: z.string().min(1),
  shortName: z.string().min(1),
  legalForm: z.string().default('GmbH'),
  address,
  phone: z.string().min(1),
  email: z.email(),
  website: z.url(),
  commercialRegister: z.string().min(1),
  vatId: z.string().min(1),
  managingDirectors: z.array(z.string().min(1)).min(1),
  dataProtectionOfficer: person,
  equalTreatmentOfficer: person,
  supervisoryAuthority: z.object({ name: z.string().min(1), address: z.string().min(1), website: z.url() }),
  /** Federal state (ISO 3166-2 subdivision code without "DE-"), e.g. for public holidays. */
  state: z.string().regex(/^[A-Z]{2}$/),
  callbackHours: callbackHoursSchema.default(demoCallbackHours),
  departments: z.array(z.object({ id: z.string().regex(/^[a-z][a-z0-9-]*$/), name: localized, email: z.email() })).min(1),
  /** Processors (Art. 28 GDPR) the register's activities name; all inside the EU/EEA. */
  processors: z.array(z.object({ name: z.string().min(1), service: localized, location: z.string().min(1) })).default([]),
  careers: careersSchema.default(demoCareers),
});

export type Organisation = z.infer<typeof organisationSchema>;

/** The fictional demo organisation; a real utility points ORGANISATION_FILE at its own JSON. */
export const demoOrganisation: Organisation = {
  name: 'Stadtwerke Musterstadt GmbH',
  shortName: 'Stadtwerke Musterstadt',
  legalForm: 'GmbH',
  address: { street: 'Energieweg 1', postcode: '12345', city: 'Musterstadt' },
  phone: '+49 1234 5678-0',
  email: 'info@stadtwerke-musterstadt.example',
  website: 'https://www.stadtwerke-musterstadt.example',
  commercialRegister: 'Amtsgericht Musterstadt, HRB 12345',
  vatId: 'DE123456789',
  managingDirectors: ['Dr. Erika Mustermann'],
  dataProtectionOfficer: { name: 'Dana Datenschutz', email: 'datenschutz@stadtwerke-musterstadt.example' },
  equalTreatmentOfficer: { name: 'Gisela Gleich', email: 'gleichstellung@stadtwerke-musterstadt.example' },
  supervisoryAuthority: {
    name: 'Landesbeauftragte für Datenschutz und Informationsfreiheit Musterland',
    address: 'Postfach 20 04 44, 40102 Düsseldorf',
    website: 'https://www.ldi.nrw.de',
  },
  state: 'NW',
  callbackHours: demoCallbackHours,
  departments: [
    { id: 'customer-service', name: { de: 'Kundenservice', en: 'Customer service' }, email: 'service@stadtwerke-musterstadt.example' },
    {
      id: 'grid',
      name: { de: 'Netze und Hausanschlüsse', en: 'Grid and house connections' },
      email: 'netz@stadtwerke-musterstadt.example',
    },
    { id: 'energy-advice', name: { de: 'Energieberatung', en: 'Energy advice' }, email: 'energieberatung@stadtwerke-musterstadt.example' },
    { id: 'billing', name: { de: 'Abrechnung', en: 'Billing' }, email: 'abrechnung@stadtwerke-musterstadt.example' },
  ],
  processors: [
    {
      name: 'Kommunales Rechenzentrum Musterland AöR',
      service: { de: 'Betrieb der Server und der Datenbank', en: 'running the servers and the database' },
      location: 'Deutschland',
    },
    {
      name: 'Muster SMS GmbH',
      service: { de: 'Versand von SMS', en: 'sending text messages' },
      location: 'Deutschland',
    },
  ],
  careers: demoCareers,
};

export function loadOrganisation(file: string | undefined): Organisation {
  if (!file) return demoOrganisation;
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return organisationSchema.parse(raw);
}
