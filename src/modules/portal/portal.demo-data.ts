import { composeIBAN } from 'ibantools';
import type { z } from 'zod';
import { seededRandom } from '../../core/seeded-random.ts';
import { dateOfDay, dayNumber } from './portal.consumption.ts';
import type {
  contractRow,
  customerRow,
  instalmentRow,
  invoiceRow,
  mandateRow,
  meteringPointRow,
  meterRow,
  readingRow,
} from './portal.import.schema.ts';
import type { Commodity } from './portal.tables.ts';

const FIRST = [
  'Erika',
  'Max',
  'Anna',
  'Jonas',
  'Leonie',
  'Paul',
  'Mia',
  'Elias',
  'Sophie',
  'Noah',
  'Hannah',
  'Ben',
  'Emma',
  'Luca',
  'Lea',
  'Finn',
  'Marie',
  'Felix',
  'Ayşe',
  'Mehmet',
  'Zofia',
  'Jürgen',
  'Käthe',
  'Özlem',
];
const LAST = [
  'Mustermann',
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Koch',
  'Richter',
  'Klein',
  'Wolf',
  'Schröder',
  'Neumann',
  'Yılmaz',
  'Kowalski',
  'Groß',
  'Lange',
  'Krause',
  'Weiß',
  'Öztürk',
];
const STREETS = [
  'Hauptstraße',
  'Bahnhofstraße',
  'Gartenweg',
  'Lindenallee',
  'Schulstraße',
  'Am Markt',
  'Kirchplatz',
  'Mühlenweg',
  'Rosenstraße',
  'Energieweg',
  'Wasserturmstraße',
  'Sonnenhang',
];
const TOWNS = [
  ['12345', 'Musterstadt'],
  ['12346', 'Musterstadt'],
  ['12347', 'Musterstadt-Nord'],
  ['12350', 'Beispieldorf'],
] as const;

interface Profile {
  commodity: Commodity;
  prefix: string;
  unit: 'kWh' | 'm3';
  tariff: string;
  annual: [number, number];
  /** Share of the yearly consumption per month, January first. */
  season: number[];
  pricePerUnitCents: number;
  baseCentsPerMonth: number;
  vat: number;
}

const FLAT = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
const HEATING = [1.9, 1.7, 1.4, 0.9, 0.5, 0.3, 0.25, 0.25, 0.45, 0.95, 1.5, 1.9];
const LIGHT = [1.15, 1.1, 1.0, 0.95, 0.9, 0.85, 0.85, 0.9, 0.95, 1.05, 1.1, 1.2];

const PROFILES: Record<Commodity, Profile> = {
  electricity: {
    commodity: 'electricity',
    prefix: 'S',
    unit: 'kWh',
    tariff: 'Musterstrom Öko',
    annual: [1400, 5200],
    season: LIGHT,
    pricePerUnitCents: 34,
    baseCentsPerMonth: 1290,
    vat: 0.19,
  },
  gas: {
    commodity: 'gas',
    prefix: 'G',
    unit: 'm3',
    tariff: 'Mustergas Komfort',
    annual: [700, 2400],
    season: HEATING,
    pricePerUnitCents: 115,
    baseCentsPerMonth: 1150,
    vat: 0.19,
  },
  water: {
    commodity: 'water',
    prefix: 'W',
    unit: 'm3',
    tariff: 'Trinkwasser Grundversorgung',
    annual: [35, 190],
    season: FLAT,
    pricePerUnitCents: 240,
    baseCentsPerMonth: 650,
    vat: 0.07,
  },
  'district-heating': {
    commodity: 'district-heating',
    prefix: 'F',
    unit: 'kWh',
    tariff: 'Fernwärme Stadt',
    annual: [5000, 16000],
    season: HEATING,
    pricePerUnitCents: 14,
    baseCentsPerMonth: 2400,
    vat: 0.19,
  },
};

export interface DemoData {
  customers: z.output<typeof customerRow>[];
  contracts: z.output<typeof contractRow>[];
  meteringPoints: z.output<typeof meteringPointRow>[];
  meters: z.output<typeof meterRow>[];
  readings: z.output<typeof readingRow>[];
  instalments: z.output<typeof instalmentRow>[];
  invoices: z.output<typeof invoiceRow>[];
  mandates: z.output<typeof mandateRow>[];
}

function monthStart(year: number, month0: number): string {
  return new Date(Date.UTC(year, month0, 1)).toISOString().slice(0, 10);
}

/**
 * Demo contract data as the billing system would export it: `count` customers from customer
 * number `firstNumber` on, each with one to three contracts, monthly meter readings since January
 * three years back, an instalment plan, yearly invoices for the three whole years and (mostly) a
 * direct debit mandate.
 */
export function demoData(now: Date, count: number, options: { seed?: number; firstNumber?: number } = {}): DemoData {
  const rnd = seededRandom(options.seed ?? 2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const between = (lo: number, hi: number) => lo + rnd() * (hi - lo);
  const data: DemoData = {
    customers: [],
    contracts: [],
    meteringPoints: [],
    meters: [],
    readings: [],
    instalments: [],
    invoices: [],
    mandates: [],
  };
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  // Readings on the first of each month from January three years back up to this month's first:
  // three whole years with yearly invoices, and the current one so far.
  const firstReading = { year: year - 3, month: 0 };
  const first = options.firstNumber ?? 1_000_001;

  for (let i = 0; i < count; i++) {
    const number = String(first + i);
    const [postcode, city] = pick(TOWNS);
    // The first demo customer is the one with an online access, always the same person.
    const demo = i === 0 && first === 1_000_001;
    const firstName = demo ? 'Erika' : pick(FIRST);
    const lastName = demo ? 'Mustermann' : pick(LAST);
    const street = `${pick(STREETS)} ${1 + Math.floor(rnd() * 120)}`;
    const local = `${firstName}.${lastName}`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z.]/g, '');
    data.customers.push({
      customer_number: number,
      salutation: demo ? 'ms' : rnd() < 0.45 ? 'ms' : rnd() < 0.85 ? 'mr' : null,
      first_name: firstName,
      last_name: lastName,
      street,
      postcode,
      city,
      email: rnd() < 0.6 ? `${local}${i}@example.org` : null,
      phone: rnd() < 0.4 ? `+4912345${String(100000 + i).slice(-6)}` : null,
    });
    const kinds: Commodity[] = ['electricity'];
    if (rnd() < 0.1) kinds.push('district-heating');
    else if (rnd() < 0.5) kinds.push('gas');
    if (rnd() < 0.6) kinds.push('water');
    for (const commodity of kinds) {
      const p = PROFILES[commodity];
      const contractNumber = `${p.prefix}${number}`;
      const annual = Math.round(between(p.annual[0], p.annual[1]));
      const ended = i > 0 && rnd() < 0.04;
      const endDate = ended ? monthStart(year - 1, month) : null;
      const start = monthStart(year - 4 - Math.floor(rnd() * 6), Math.floor(rnd() * 12));
      const yearlyCost = annual * p.pricePerUnitCents + 12 * p.baseCentsPerMonth;
      const instalment = Math.round((yearlyCost * (1 + p.vat)) / 12 / 100) * 100;
      data.contracts.push({
        contract_number: contractNumber,
        customer_number: number,
        commodity,
        tariff: p.tariff,
        supply_street: street,
        supply_postcode: postcode,
        supply_city: city,
        start_date: start,
        end_date: endDate,
        instalment_cents: instalment,
        annual_estimate: String(annual),
      });
      // Keys derived from the customer number, so demo data of different runs never collide.
      const location = `5${number.padStart(9, '0').slice(-9)}${kinds.indexOf(commodity)}`;
      data.meteringPoints.push({ location_id: location, contract_number: contractNumber });
      const meterNumber = `${p.prefix}Z${number}`;
      data.meters.push({ meter_number: meterNumber, location_id: location, unit: p.unit, installed_on: start, removed_on: endDate });

      let value = Math.round(between(1000, 40000));
      const yearTotals = new Map<number, number>();
      const yearMonths = new Map<number, number>();
      for (let m = 0; ; m++) {
        const y = firstReading.year + Math.floor((firstReading.month + m) / 12);
        const mo = (((firstReading.month + m) % 12) + 12) % 12;
        const readOn = monthStart(y, mo);
        if (readOn > now.toISOString().slice(0, 10) || (endDate && readOn > endDate)) break;
        data.readings.push({
          meter_number: meterNumber,
          read_on: readOn,
          value: p.unit === 'kWh' ? String(value) : value.toFixed(3),
          source: rnd() < 0.08 ? 'estimate' : 'billing',
        });
        // Consumption of the month that starts here, with the season and a little noise.
        const used = (annual / 12) * (p.season[mo] as number) * between(0.88, 1.12);
        yearTotals.set(y, (yearTotals.get(y) ?? 0) + used);
        yearMonths.set(y, (yearMonths.get(y) ?? 0) + 1);
        value += p.unit === 'kWh' ? Math.round(used) : Math.round(used * 1000) / 1000;
      }
      const dueFrom = dayNumber(monthStart(year - 1, month));
      for (let m = 0; m < 24; m++) {
        const due = new Date(Date.UTC(year - 1, month + m, 15)).toISOString().slice(0, 10);
        if (endDate && due > endDate) break;
        if (dayNumber(due) >= dueFrom) data.instalments.push({ contract_number: contractNumber, due_on: due, amount_cents: instalment });
      }
      for (let y = year - 3; y < year; y++) {
        const used = yearTotals.get(y);
        // A yearly invoice only for a year the readings cover from January to December.
        if (used === undefined || yearMonths.get(y) !== 12 || (endDate && `${y}-12-31` > endDate)) continue;
        const consumption = Math.round(used * 1000) / 1000;
        const net = Math.round(consumption * p.pricePerUnitCents + 12 * p.baseCentsPerMonth);
        const vat = Math.round(net * p.vat);
        data.invoices.push({
          invoice_number: `R${y}${contractNumber}`,
          contract_number: contractNumber,
          issued_on: `${y + 1}-01-20`,
          period_from: `${y}-01-01`,
          period_to: `${y}-12-31`,
          consumption: String(consumption),
          net_cents: net,
          vat_cents: vat,
          gross_cents: net + vat,
          instalments_paid_cents: 12 * instalment,
        });
      }
    }
    if (i === 0 || rnd() < 0.7) {
      const account = String(100_000_000 + Math.floor(rnd() * 899_999_999)).padStart(10, '0');
      const iban = composeIBAN({ countryCode: 'DE', bban: `10010010${account}` }) as string;
      data.mandates.push({
        mandate_reference: `M${number}`,
        customer_number: number,
        account_holder: `${firstName} ${lastName}`,
        iban,
        signed_on: dateOfDay(dayNumber(monthStart(year - 5, 0)) + Math.floor(rnd() * 700)),
        revoked_on: null,
      });
    }
  }
  return data;
}

/** The demo data as the CSV files of an export (for tests of the import and for trying it out). */
export function demoCsvFiles(data: DemoData): Record<string, string> {
  const csv = (rows: readonly Record<string, string | number | null>[], columns: readonly string[]) =>
    `${columns.join(';')}\n${rows.map((r) => columns.map((c) => String(r[c] ?? '')).join(';')).join('\n')}\n`;
  const cols = <T extends object>(row: T | undefined) => (row ? Object.keys(row) : []);
  return {
    'customers.csv': csv(data.customers, cols(data.customers[0])),
    'contracts.csv': csv(data.contracts, cols(data.contracts[0])),
    'metering_points.csv': csv(data.meteringPoints, cols(data.meteringPoints[0])),
    'meters.csv': csv(data.meters, cols(data.meters[0])),
    'readings.csv': csv(data.readings, cols(data.readings[0])),
    'instalments.csv': csv(data.instalments, cols(data.instalments[0])),
    'invoices.csv': csv(data.invoices, cols(data.invoices[0])),
    'mandates.csv': csv(data.mandates, cols(data.mandates[0])),
  };
}
