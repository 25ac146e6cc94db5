import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type Database, isDatabaseUnavailable } from '../db/index.ts';

/**
 * Probes for a load balancer or an orchestrator, outside the page tree (JSON, no rate limit, not
 * in the access log):
 * `/health/live` answers while the process serves at all (restart it if not); `/health/ready`
 * answers 200 only while the database takes queries, else 503 (send no visitors here for now).
 * Neither names a host, a version or an error text.
 */
export function installHealthRoutes(app: FastifyInstance, database: Database): void {
  const options = { config: { rateLimit: false, probe: true } } as const;
  app.get('/health/live', options, async (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));
  app.get('/health/ready', options, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      await sql`select 1`.execute(database.db);
      return reply.send({ status: 'ok', database: 'ok' });
    } catch (err) {
      if (!isDatabaseUnavailable(err)) request.log.error({ err }, 'readiness probe failed');
      return reply.code(503).header('retry-after', '5').send({ status: 'unavailable', database: 'unavailable' });
    }
  });
}
