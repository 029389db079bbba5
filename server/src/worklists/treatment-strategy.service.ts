import type { EntityManager } from '@mikro-orm/core';
import { BUCKETS, type Bucket } from '../accounts/buckets.js';
import { Agent } from '../agents/agent.entity.js';
import { audit, auditFields } from '../audit/audit.js';
import { requireViewer } from '../auth/access.js';
import { isManagerOrAdmin, requireWriter } from '../auth/permissions.js';
import type { Viewer } from '../auth/viewer.js';
import { badInput, forbidden } from '../graphql/errors.js';
import type { Clock } from '../shared/clock.js';
import type { CollectionPolicy } from '../shared/policy.js';
import { problem, type Problem } from '../shared/problem.js';
import { TreatmentStrategy } from './treatment-strategy.entity.js';

export interface StrategyInput {
  bucket: Bucket;
  priority: number;
  maxDiscount: number;
  maxInstalments: number;
}

export const STRATEGY_PRIORITY_RANGE = [1, 100] as const;
/** An agent alone never forgives more than 90%: deeper settlements stay a supervisor's call. */
export const STRATEGY_MAX_DISCOUNT = 0.9;

const STRATEGY_AUDIT_FIELDS = ['bucket', 'priority', 'maxDiscount', 'maxInstalments', 'updatedBy', 'updatedAt'] as const;

/** What a strategy may say: priority 1-100, discount 0-90%, instalments within the plan policy (2-24, DOMAIN.md §4). */
export function strategyProblems(input: StrategyInput, policy: CollectionPolicy): Problem | null {
  if (!BUCKETS.includes(input.bucket)) return problem('bucket', `bucket must be one of ${BUCKETS.join(', ')}.`);
  const [minPriority, maxPriority] = STRATEGY_PRIORITY_RANGE;
  if (!Number.isInteger(input.priority) || input.priority < minPriority || input.priority > maxPriority) {
    return problem('priority', `priority must be a whole number from ${minPriority} to ${maxPriority}.`);
  }
  if (!Number.isFinite(input.maxDiscount) || input.maxDiscount < 0 || input.maxDiscount > STRATEGY_MAX_DISCOUNT) {
    return problem('maxDiscount', `maxDiscount must be from 0 to ${STRATEGY_MAX_DISCOUNT} (a share of the balance).`);
  }
  const { planMinInstalments: min, planMaxInstalments: max } = policy;
  if (!Number.isInteger(input.maxInstalments) || input.maxInstalments < min || input.maxInstalments > max) {
    return problem('maxInstalments', `maxInstalments must be a whole number from ${min} to ${max}, the instalments a plan may have.`);
  }
  return null;
}

/** Treatment strategies per bucket (how urgently it is worked, what an agent may offer alone): read by all, set by managers. */
export class TreatmentStrategyService {
  constructor(
    private readonly clock: Clock,
    private readonly policy: CollectionPolicy,
  ) {}

  /** Every signed-in viewer, analysts included: strategies carry no personal data and explain the worklist's order. */
  async list(em: EntityManager, viewer: Viewer | undefined): Promise<TreatmentStrategy[]> {
    requireViewer(viewer);
    const strategies = await em.find(TreatmentStrategy, {});
    return strategies.sort((a, b) => BUCKETS.indexOf(a.bucket) - BUCKETS.indexOf(b.bucket));
  }

  async set(em: EntityManager, viewer: Viewer | undefined, input: StrategyInput): Promise<TreatmentStrategy> {
    const v = requireWriter(viewer);
    if (!isManagerOrAdmin(v)) throw forbidden('Treatment strategies are set by a manager.');
    const wrong = strategyProblems(input, this.policy);
    if (wrong) throw badInput(wrong.message, { argument: wrong.argument });
    return em.transactional(async (tx) => {
      const now = this.clock.now();
      const existing = await tx.findOne(TreatmentStrategy, { bucket: input.bucket });
      const before = existing ? auditFields(existing, STRATEGY_AUDIT_FIELDS) : null;
      const strategy = existing ?? tx.create(TreatmentStrategy, { ...input, updatedAt: now });
      strategy.priority = input.priority;
      strategy.maxDiscount = input.maxDiscount;
      strategy.maxInstalments = input.maxInstalments;
      strategy.updatedBy = tx.getReference(Agent, v.agentId!);
      strategy.updatedAt = now;
      await tx.flush();
      audit(tx, v, now, { action: 'setTreatmentStrategy', entityType: 'TreatmentStrategy', entityId: strategy.id, before, after: auditFields(strategy, STRATEGY_AUDIT_FIELDS) });
      return strategy;
    });
  }
}
