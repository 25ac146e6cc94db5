import type { FastifyRequest } from 'fastify';
import type { AppContext, StaffNavItem } from '../module.ts';
import { allows } from '../privacy/index.ts';
import type { Role } from '../roles.ts';
import type { StaffFrame } from './staff-layout.tsx';

/** The staff navigation entries the roles may open, from every module. */
export function staffNavigation(ctx: AppContext, roles: readonly Role[]): StaffNavItem[] {
  return ctx.modules
    .flatMap((m) => m.staffNavigation ?? [])
    .filter((item) => allows(ctx, item.access, roles))
    .sort((a, b) => a.order - b.order);
}

export function staffFrame(ctx: AppContext, request: FastifyRequest): StaffFrame | undefined {
  const staff = request.staff;
  if (!staff?.session.secondFactorAt) return undefined;
  return { staffId: staff.id, name: staff.name, csrfToken: staff.session.csrfToken, navigation: staffNavigation(ctx, staff.roles) };
}
