import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../module.ts';
import { staffFrame } from './staff-frame.ts';
import type { StaffFrame } from './staff-layout.tsx';
import { type ViewContext, viewContextFor } from './view-context.ts';

/**
 * What every staff page renders with: the view context and the frame (member, navigation, CSRF
 * token). Only for routes behind the staff guard, which has signed the member in with a second
 * factor before any handler runs; anywhere else this is a programming error, not a 401.
 */
export function staffPage(ctx: AppContext, request: FastifyRequest): { view: ViewContext; frame: StaffFrame } {
  const frame = staffFrame(ctx, request);
  if (!frame) throw new Error(`staffPage on ${request.url} without a signed-in member: is the route declared with config.staff?`);
  return { view: viewContextFor(request), frame };
}
