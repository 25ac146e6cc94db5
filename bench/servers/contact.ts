// The platform with one extra route for the contact benchmark: POST /bench/insert stores the
// posted form as a contact request and answers "ok" — no validation, no transaction, no outbox,
// no page. Everything else (headers, access log, body parsing, rate limiter, database) is the
// same process the real form runs in, so the ratio is the cost of the form's own work.
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/core/config/config.ts';
import { openMigratedDatabase } from '../../src/core/db/open.ts';
import { buildServer } from '../../src/core/http/server.ts';
import { createLogger } from '../../src/core/logger.ts';
import { defineModule } from '../../src/core/module.ts';
import { newReference } from '../../src/core/references.ts';
import type { ContactDb } from '../../src/modules/contact/contact.queries.ts';
import { modules } from '../../src/modules.ts';

const insertOnly = defineModule({
  name: 'bench',
  routes: (app: FastifyInstance, ctx) => {
    const db = ctx.db.withTables<ContactDb>();
    app.post('/bench/insert', async (request) => {
      const f = request.body as Record<string, string>;
      const now = ctx.clock.now();
      await db
        .insertInto('contact_requests')
        .values({
          reference: newReference('K', now),
          kind: 'general',
          topic: f.topic ?? 'grid',
          salutation: 'ms',
          name: f.name ?? '',
          email: f.email ?? '',
          phone: null,
          customer_number: null,
          concern: f.concern ?? '',
          locale: 'de',
          created_at: now,
          assigned_to: null,
          handled_at: null,
        })
        .execute();
      return 'ok';
    });
  },
});

const config = loadConfig();
const all = [...modules, insertOnly];
const database = await openMigratedDatabase(config, all);
const { app } = await buildServer({ config, database, modules: all, logger: createLogger(config.LOG_LEVEL) });
await app.listen({ host: '127.0.0.1', port: config.PORT });
process.once('SIGTERM', async () => {
  await app.close();
  await database.close();
  process.exit(0);
});
