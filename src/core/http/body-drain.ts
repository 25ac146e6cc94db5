import type { FastifyInstance } from 'fastify';

/** Beyond this much of a refused body the connection is cut: nobody honest sends more. */
const DRAIN_LIMIT_BYTES = 64 * 1_048_576;

/**
 * A refused request (413 for a body too large, 415, 403, …) is often answered before its body
 * has arrived. Closing the connection then makes the sender fail with a broken pipe and never
 * see the answer, so the rest of the body is read and dropped instead, up to a bound, and the
 * visitor gets the page that says what was wrong.
 */
export function installBodyDrain(app: FastifyInstance): void {
  // Callback style: it runs on every answer, and an async hook costs a promise each time.
  app.addHook('onSend', (request, reply, payload, done) => {
    const raw = request.raw;
    if (reply.statusCode < 400 || raw.complete || raw.destroyed) return done(null, payload);
    reply.removeHeader('connection');
    let drained = 0;
    raw.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > DRAIN_LIMIT_BYTES) raw.socket?.destroy();
    });
    raw.resume();
    done(null, payload);
  });
}
