import type { EntityManager } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';
import { conflict, forbidden, notFound } from '../graphql/errors.js';
import { accountScope, requireViewer } from './access.js';
import { Role, type Viewer } from './viewer.js';

/** Roles that change data; ANALYST (BI tools) only reads (DOMAIN.md §1). */
export function requireWriter(viewer: Viewer | undefined): Viewer {
  const v = requireViewer(viewer);
  if (v.role === Role.ANALYST) throw forbidden('Read-only access: an analyst cannot change data.');
  if (!v.agentId) throw forbidden('An API key cannot change data.');
  return v;
}

/**
 * The account a mutation is about, within the viewer's reach (an agent: their own; a supervisor:
 * their team's; managers and admins: any). Outside it, NOT_FOUND, exactly as for reads.
 */
export async function accountForChange(em: EntityManager, viewer: Viewer, accountId: number): Promise<Account> {
  const account = await em.findOne(Account, { $and: [{ id: accountId }, accountScope(viewer)] });
  if (!account) throw notFound('Account');
  return account;
}

/** Optimistic locking: a change made against an old version is refused before anything is written. */
export function expectVersion(entity: { version: number }, expected: number | null | undefined, what: string): void {
  if (expected != null && entity.version !== expected) {
    throw conflict(`${what} was changed by someone else (version ${entity.version}, you sent ${expected}); reload it and try again.`, {
      currentVersion: entity.version,
    });
  }
}

export const isSupervisorOf = (viewer: Viewer, teamId: number | null | undefined): boolean =>
  viewer.role === Role.SUPERVISOR && teamId != null && viewer.teamId === teamId;

export const isManagerOrAdmin = (viewer: Viewer): boolean => viewer.role === Role.MANAGER || viewer.role === Role.ADMIN;
