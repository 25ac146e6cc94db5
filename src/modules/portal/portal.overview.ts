import type { Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { queryTemplate } from '../../core/db/index.ts';
import { monthlyConsumption } from './portal.consumption.ts';
import {
  type ContractSummary,
  contractOf,
  contractsOf,
  contractsQuery,
  type MeterRow,
  metersOf,
  metersQuery,
  type ReadingRow,
  readingsOf,
  readingsQuery,
  upcomingInstalments,
  upcomingInstalmentsQuery,
} from './portal.queries.ts';
import type { PortalTables, TaskKind } from './portal.tables.ts';
import { answeredTasksQuery, openTasksQuery } from './portal.tasks.ts';
import { type ContractView, unitOf } from './portal.views.tsx';

type Instalment = { contract_id: string; due_on: string; amount_cents: number };

/** Each contract with its own meters, monthly consumption, latest reading and next instalment. */
function assembleContractViews(
  contracts: readonly ContractSummary[],
  meters: readonly MeterRow[],
  readings: readonly ReadingRow[],
  instalments: readonly Instalment[],
): ContractView[] {
  return contracts.map((contract) => {
    const own = meters.filter((m) => m.contract_id === contract.id);
    const ownReadings = readings.filter((r) => r.contract_id === contract.id);
    return {
      contract,
      unit: unitOf(contract.commodity, own),
      meters: own,
      months: monthlyConsumption(ownReadings.map((r) => ({ meterId: r.meter_id, readOn: r.read_on, value: r.value }))),
      lastReading: ownReadings.reduce<ReadingRow | undefined>((a, r) => (!a || r.read_on >= a.read_on ? r : a), undefined),
      nextInstalment: instalments.find((i) => i.contract_id === contract.id),
    };
  });
}

/** The customer's contracts (or one of them) as the contract page shows them: four queries. */
export async function contractViews(
  db: Kysely<PortalTables>,
  customerId: string,
  today: string,
  contractId?: string,
): Promise<ContractView[]> {
  const contracts = contractId
    ? [await contractOf(db, customerId, contractId)].filter((c) => c !== undefined)
    : await contractsOf(db, customerId);
  if (contracts.length === 0) return [];
  const [meters, readings, instalments] = await Promise.all([
    metersOf(db, customerId, contractId),
    readingsOf(db, customerId, contractId),
    upcomingInstalments(db, customerId, today, contractId),
  ]);
  return assembleContractViews(contracts, meters, readings, instalments);
}

export interface Overview {
  contracts: ContractView[];
  tasks: { reference: string; kind: TaskKind; created_at: Date; contract_id: string | null }[];
  answers: { reference: string; kind: TaskKind; done_at: Date | null; outcome: 'done' | 'declined' | null; answer: string | null }[];
}

/**
 * Everything the overview shows, in one statement and so one round trip, built once (a
 * template): the same queries as contractViews, openTasksOf and answeredTasksOf, each aggregated
 * into a JSON array. Every round trip to PostgreSQL is a socket write and read on both sides (the
 * largest cost of the page in the profile, docs/perf/portal-overview.md); dates and numbers
 * arrive as JSON, so timestamps are turned back into Dates here.
 */
const overviewRow = queryTemplate((db: Kysely<PortalTables>, v: { customerId: string; today: string; answersSince: Date }) =>
  db.selectNoFrom([
    jsonArrayFrom(contractsQuery(db, v.customerId)).as('contracts'),
    jsonArrayFrom(metersQuery(db, v.customerId)).as('meters'),
    jsonArrayFrom(readingsQuery(db, v.customerId)).as('readings'),
    jsonArrayFrom(upcomingInstalmentsQuery(db, v.customerId, v.today)).as('instalments'),
    jsonArrayFrom(openTasksQuery(db, v.customerId)).as('tasks'),
    jsonArrayFrom(answeredTasksQuery(db, v.customerId, v.answersSince)).as('answers'),
  ]),
);

export async function overviewOf(db: Kysely<PortalTables>, customerId: string, today: string, answersSince: Date): Promise<Overview> {
  const [row] = await overviewRow(db, { customerId, today, answersSince });
  if (!row) throw new Error('the overview statement returned no row');
  return {
    contracts: assembleContractViews(row.contracts, row.meters, row.readings, row.instalments),
    tasks: row.tasks.map((t) => ({ ...t, created_at: new Date(t.created_at) })),
    answers: row.answers.map((a) => ({ ...a, done_at: a.done_at === null ? null : new Date(a.done_at) })),
  };
}
