import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

export function renderDocument(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

/** Sends a full HTML page. Preact escapes every text and attribute, so user input is safe here. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(renderDocument(page));
}
