import type { EntityManager } from '@mikro-orm/core';
import { Agent } from '../agents/agent.entity.js';
import { audit, auditFields } from '../audit/audit.js';
import { accountScope } from '../auth/access.js';
import { isManagerOrAdmin, requireWriter } from '../auth/permissions.js';
import { Role, type Viewer } from '../auth/viewer.js';
import { badInput, forbidden, notFound } from '../graphql/errors.js';
import { decodeIdOf } from '../graphql/ids.js';
import type { Clock } from '../shared/clock.js';
import { Account } from './account.entity.js';

export const MAX_REASSIGN = 500;
const ACCOUNT_FIELDS = ['assignedAgent', 'team', 'version'] as const;

/** Moving accounts between collectors (DOMAIN.md §1): supervisors inside their team, managers across teams. */
export class AssignmentService {
  constructor(private readonly clock: Clock) {}

  /** All or nothing: one account out of reach, or a target that cannot work them, and none moves. */
  async reassign(em: EntityManager, viewer: Viewer | undefined, accountGlobalIds: string[], agentGlobalId: string): Promise<Account[]> {
    const v = requireWriter(viewer);
    if (v.role !== Role.SUPERVISOR && !isManagerOrAdmin(v)) throw forbidden('Accounts are reassigned by a supervisor (inside the team), a manager or an admin.');
    if (accountGlobalIds.length < 1 || accountGlobalIds.length > MAX_REASSIGN) {
      throw badInput(`accountIds must hold 1-${MAX_REASSIGN} accounts, got ${accountGlobalIds.length}.`, { argument: 'accountIds' });
    }
    const ids = accountGlobalIds.map((id, i) => decodeIdOf('Account', id, `accountIds[${i}]`));
    const repeated = ids.findIndex((id, i) => ids.indexOf(id) !== i);
    if (repeated >= 0) throw badInput(`accountIds[${repeated}] repeats an account given before.`, { argument: `accountIds[${repeated}]` });
    const agentId = decodeIdOf('Agent', agentGlobalId, 'agentId');

    return em.transactional(async (tx) => {
      // A supervisor reaches only their team, so an agent of another team is not found, as for reads.
      const target = await tx.findOne(Agent, isManagerOrAdmin(v) ? { id: agentId } : { id: agentId, team: v.teamId ?? -1 });
      if (!target) throw notFound('Agent');
      if (target.role !== Role.AGENT) throw badInput(`Accounts are worked by agents; this person is a ${target.role}.`, { argument: 'agentId' });
      if (!target.active) throw badInput('The agent is not active.', { argument: 'agentId' });
      if (!target.team) throw badInput('The agent belongs to no team.', { argument: 'agentId' });

      const found = await tx.find(Account, { $and: [{ id: { $in: ids } }, accountScope(v)] });
      const byId = new Map(found.map((a) => [a.id, a]));
      const missing = accountGlobalIds.find((_, i) => !byId.has(ids[i]!));
      if (missing) throw notFound('Account', missing);

      const now = this.clock.now();
      const moved: Array<{ account: Account; before: Record<string, unknown> }> = [];
      for (const account of found) {
        if (account.assignedAgent?.id === target.id && account.team?.id === target.team.id) continue;
        moved.push({ account, before: auditFields(account, ACCOUNT_FIELDS) });
        account.assignedAgent = target;
        // Managers move accounts across teams: the account follows its new agent's team.
        account.team = target.team;
      }
      await tx.flush();
      for (const { account, before } of moved) {
        audit(tx, v, now, { action: 'reassignAccounts', entityType: 'Account', entityId: account.id, before, after: auditFields(account, ACCOUNT_FIELDS) });
      }
      return ids.map((id) => byId.get(id)!);
    });
  }
}
