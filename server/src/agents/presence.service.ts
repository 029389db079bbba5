import type { EntityManager } from '@mikro-orm/core';
import { audit } from '../audit/audit.js';
import { requireWriter } from '../auth/permissions.js';
import type { Viewer } from '../auth/viewer.js';
import { badInput, notFound } from '../graphql/errors.js';
import type { KpiCounters } from '../kpis/kpi-counters.js';
import type { FloorEvents } from '../realtime/events.js';
import type { Clock } from '../shared/clock.js';
import { AgentStatusChange } from './agent-status-change.entity.js';
import { Agent, PauseReason, Presence } from './agent.entity.js';

/** Presence changes with their time (DOMAIN.md §3), so connected and paused time can be computed later. */
export class PresenceService {
  constructor(
    private readonly clock: Clock,
    private readonly events: FloorEvents,
    private readonly counters?: KpiCounters,
  ) {}

  async set(em: EntityManager, viewer: Viewer | undefined, status: Presence, pauseReason: PauseReason | null | undefined): Promise<Agent> {
    const v = requireWriter(viewer);
    if (status === Presence.PAUSED && !pauseReason) throw badInput('A pause needs its reason (BREAK, LUNCH, COACHING, MEETING, TRAINING).', { argument: 'pauseReason' });
    if (status !== Presence.PAUSED && pauseReason) throw badInput('pauseReason goes with PAUSED only.', { argument: 'pauseReason' });
    return em.transactional(async (tx) => {
      const agent = await tx.findOne(Agent, { id: v.agentId! });
      if (!agent) throw notFound('Agent');
      const reason = pauseReason ?? null;
      // Saying the same thing twice is not a change: the first record keeps its time.
      if (agent.presence === status && (agent.pauseReason ?? null) === reason) return agent;
      const now = this.clock.now();
      const before = { presence: agent.presence, pauseReason: agent.pauseReason ?? null };
      agent.presence = status;
      agent.pauseReason = reason;
      const change = tx.create(AgentStatusChange, { agent, status, pauseReason: reason, at: now });
      agent.presenceChange = change;
      await tx.flush();
      // The change closes the previous interval: its time counts now, in this transaction (§7).
      await this.counters?.presenceChanged(tx, change);
      audit(tx, v, now, { action: 'setAgentStatus', entityType: 'Agent', entityId: agent.id, before, after: { presence: status, pauseReason: reason, changeId: change.id } });
      this.events.agentStatusChanged(tx, agent, change);
      return agent;
    });
  }
}
