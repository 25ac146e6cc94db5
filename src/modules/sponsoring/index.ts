import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineModule } from '../../core/module.ts';
import * as createTables from './migrations/20261205T2200_sponsoring_create_tables.ts';
import * as allowZeroVotes from './migrations/20261206T0100_sponsoring_ballot_votes_allow_zero.ts';
import { APPLICATIONS_ACTIVITY, sponsoringPrivacy, VOTERS_ACTIVITY } from './sponsoring.privacy.ts';

/**
 * The sponsoring vote (C40–C50): cycles with dated phases, project applications reviewed by the
 * advisory board, registration and ballots with a verifiable tally, retention through the register.
 */
export const sponsoringModule = defineModule({
  name: 'sponsoring',
  roles: ['sponsoring', 'advisory-board'],
  // The customer-vote check asks the portal whether a number and a surname belong together (C43).
  dependsOn: ['portal'],
  migrations: {
    '20261205T2200_sponsoring_create_tables': createTables,
    '20261206T0100_sponsoring_ballot_votes_allow_zero': allowZeroVotes,
  },
  assetsDir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets'),
  routes: async (app, ctx) => {
    (await import('./sponsoring.routes.tsx')).registerSponsoringRoutes(app, ctx);
    (await import('./sponsoring.staff.routes.tsx')).registerSponsoringStaffRoutes(app, ctx);
  },
  jobs: [
    {
      name: 'sponsoring.close',
      cron: '5 0 * * *',
      run: async (ctx) => {
        const { closeDueCycles } = await import('./sponsoring.tally.ts');
        await closeDueCycles(ctx.db.withTables(), ctx.clock.now());
      },
    },
  ],
  commands: [
    {
      name: 'vote verify',
      summary: 'Recount a cycle of the sponsoring vote from its published ballot list',
      usage: 'vote verify <cycle> [published-result.json]',
      run: async (args, ctx) => (await import('./sponsoring.commands.ts')).verifyCommand(args, ctx),
    },
  ],
  privacy: sponsoringPrivacy,
  seedDemo: async (ctx) => (await import('./sponsoring.seed.ts')).seedSponsoringDemo(ctx),
  navigation: [
    {
      id: 'sponsoring',
      label: { de: 'Bürgerprojekte', en: 'Community projects' },
      href: { de: '/buergerprojekte', en: '/en/community-projects' },
      area: 'main',
      order: 70,
    },
  ],
  staffNavigation: [
    {
      id: 'sponsoring.applications',
      label: { de: 'Bürgerprojekte: Bewerbungen', en: 'Community projects: applications' },
      href: '/staff/sponsoring/bewerbungen',
      access: { activity: APPLICATIONS_ACTIVITY, action: 'read' },
      order: 60,
    },
    {
      id: 'sponsoring.paper',
      label: { de: 'Bürgerprojekte: Papierstimmzettel', en: 'Community projects: paper ballots' },
      href: '/staff/sponsoring/papierstimmzettel',
      access: { activity: VOTERS_ACTIVITY, action: 'change' },
      order: 61,
    },
  ],
});
