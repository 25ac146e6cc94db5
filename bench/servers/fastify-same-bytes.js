// A second reference: Fastify with no plugins and no hooks, answering GET / with the bytes of the
// platform's home page (read from PAGE_FILE). It shows what the framework itself costs on this
// machine, apart from what the platform adds (headers, guards, access log).
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const body = readFileSync(process.env.PAGE_FILE);
const app = Fastify({ logger: false });
app.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').send(body));
await app.listen({ port: Number(process.env.PORT ?? 3999), host: '127.0.0.1' });
