import type { FastifyRequest } from 'fastify';
import { formValues } from '../../core/http/index.ts';
import type { AppContext, StaffAccess } from '../../core/module.ts';
import { runRetention } from '../../core/privacy/index.ts';

export const staffAccess = (activity: string, action: 'read' | 'change'): { staff: StaffAccess } => ({ staff: { activity, action } });

/** The signed-in member; the guard has put them there before any handler runs. */
export function member(request: FastifyRequest) {
  return request.staff as NonNullable<FastifyRequest['staff']>;
}

/** A query value among the allowed ones, else the default: filters never reach SQL unchecked. */
export function choice<T extends string>(query: unknown, key: string, allowed: readonly T[], fallback: T): T {
  const v = formValues(query)[key];
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

/**
 * Applies the activity's retention rules right away, so "deleted once handled" holds the moment
 * staff close a request, through the register's own rule and with a deletion record. Should it
 * fail (a lock held elsewhere), the nightly run deletes the row instead.
 */
export async function enforceNow(ctx: AppContext, activity: string, closedAt: Date): Promise<void> {
  // A rule covers start events strictly before its cutoff; the run must come after the closing
  // even when both fall into the same millisecond.
  const clock = { now: () => new Date(Math.max(ctx.clock.now().getTime(), closedAt.getTime() + 1)) };
  try {
    await runRetention({ ...ctx, clock }, { trigger: 'staff', activity, batchSize: ctx.config.RETENTION_BATCH_SIZE });
  } catch (err) {
    ctx.log.warn({ err, activity }, 'retention after closing failed; the nightly run will delete');
  }
}

export const REFERENCE = /^[A-Z]{1,3}-\d{4}-[0-9A-Z]{8}$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
