import { DeadlockException, LoadStrategy, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { Account, AccountStatus } from '../accounts/account.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { audit, auditFields } from '../audit/audit.js';
import { requireViewer } from '../auth/access.js';
import { isManagerOrAdmin, requireWriter } from '../auth/permissions.js';
import { Role, type Viewer } from '../auth/viewer.js';
import { contactFacts, loadContactFacts } from '../compliance/contact-facts.js';
import { decideContact } from '../compliance/contact-policy.js';
import type { ContactPoint } from '../customers/contact-point.entity.js';
import { badInput, forbidden, notFound } from '../graphql/errors.js';
import { decodeIdOf } from '../graphql/ids.js';
import { PaymentPlan, PlanStatus } from '../plans/payment-plan.entity.js';
import { InstalmentStatus } from '../plans/instalment.entity.js';
import { PromiseStatus, PromiseToPay } from '../promises/promise-to-pay.entity.js';
import type { Clock } from '../shared/clock.js';
import { addDays, type LocalDate } from '../shared/dates.js';
import { Money } from '../shared/money.type.js';
import { AccountLease } from './account-lease.entity.js';
import { TreatmentStrategy } from './treatment-strategy.entity.js';
import { orderWorklist, type MissedInstalmentFact, type PromiseFact, type WorklistCandidate } from './worklist-order.js';
import type { WorklistItem } from './worklist.types.js';

/**
 * How long nextAccount holds an account for the agent it handed it to: long enough to read the
 * account and dial, short enough that an account left alone goes back to the team within minutes.
 */
export const LEASE_MINUTES = 5;

/**
 * Accounts in collection. DISPUTED (calls stop while a dispute is open, §5-6), ROUTED (another area
 * owns it), LEGAL, WRITTEN_OFF, PAID_OFF and CLOSED are not worked from a worklist; an account
 * IN_ARRANGEMENT only when something is due on it (worklist-order.ts).
 */
export const WORKED_STATUSES = [AccountStatus.ACTIVE, AccountStatus.IN_ARRANGEMENT] as const;

/** A bucket without a strategy row is worked last. */
const PRIORITY_WITHOUT_STRATEGY = 1000;

export const MAX_WORKLIST = 100;

const LEASE_AUDIT_FIELDS = ['account', 'agent', 'leasedAt', 'expiresAt'] as const;

interface Worker {
  id: number;
  teamId: number | null;
}

interface Computed {
  items: WorklistItem[];
  /** The worker's own unexpired lease, if any. */
  ownLease: AccountLease | null;
}

/**
 * The worklist (the accounts an agent may call now, in the order the treatment strategy says) and
 * nextAccount (the top one, leased so no other agent gets it).
 */
export class WorklistService {
  constructor(
    private readonly clock: Clock,
    private readonly businessDate: () => LocalDate,
    private readonly floorTimeZone: string,
  ) {}

  /**
   * An agent's own worklist; a supervisor may look at one of their team's agents, a manager or admin at
   * anyone's. Analysts (and API keys) are refused: a worklist is for working accounts.
   */
  async worklist(em: EntityManager, viewer: Viewer | undefined, first: number, agentGlobalId?: string | null): Promise<WorklistItem[]> {
    const v = requireViewer(viewer);
    if (v.role === Role.ANALYST || !v.agentId) throw forbidden('A worklist is for the agents working the accounts.');
    if (!Number.isInteger(first) || first < 1 || first > MAX_WORKLIST) {
      throw badInput(`first must be between 1 and ${MAX_WORKLIST}, got ${first}.`, { argument: 'first' });
    }
    const worker = await this.workerFor(em, v, agentGlobalId);
    const { items } = await this.compute(em, worker, this.clock.now());
    return items.slice(0, first);
  }

  /**
   * Hands the agent the top of their worklist and leases it for LEASE_MINUTES. An agent who already
   * holds a lease on an account that is still callable gets that account back. Two agents racing for one
   * account meet the lease's unique account key: the loser moves on to its next account.
   */
  async nextAccount(em: EntityManager, viewer: Viewer | undefined): Promise<WorklistItem | null> {
    const v = requireWriter(viewer);
    if (v.role !== Role.AGENT) throw forbidden('nextAccount hands accounts to agents working a worklist.');
    const worker: Worker = { id: v.agentId!, teamId: v.teamId ?? null };
    const now = this.clock.now();
    const { items, ownLease } = await this.compute(em, worker, now);
    if (ownLease) {
      const held = items.find((item) => item.account.id === ownLease.account.id);
      if (held) return held;
    }
    const expiresAt = new Date(now.getTime() + LEASE_MINUTES * 60_000);
    for (const item of items) {
      try {
        await em.transactional(async (tx) => {
          // An expired lease no longer holds its account; only this account's is cleared, so two agents
          // clearing leases at once never wait on each other's rows.
          await tx.nativeDelete(AccountLease, { account: item.account.id, expiresAt: { $lte: now } });
          // One account at a time: taking a new one gives back the one held (expired, or no longer callable).
          await tx.nativeDelete(AccountLease, { agent: worker.id });
          const lease = tx.create(AccountLease, {
            account: tx.getReference(Account, item.account.id),
            agent: tx.getReference(Agent, worker.id),
            leasedAt: now,
            expiresAt,
          });
          await tx.flush();
          audit(tx, v, now, { action: 'nextAccount', entityType: 'AccountLease', entityId: lease.id, after: auditFields(lease, LEASE_AUDIT_FIELDS) });
        });
      } catch (error) {
        // Another agent leased this account since the worklist was read: try the next one.
        if (error instanceof UniqueConstraintViolationException || error instanceof DeadlockException) continue;
        throw error;
      }
      return { ...item, leaseExpiresAt: expiresAt };
    }
    return null;
  }

  private async workerFor(em: EntityManager, viewer: Viewer, agentGlobalId?: string | null): Promise<Worker> {
    if (agentGlobalId == null) {
      if (viewer.role !== Role.AGENT) throw badInput('Say whose worklist: agentId.', { argument: 'agentId' });
      return { id: viewer.agentId!, teamId: viewer.teamId ?? null };
    }
    const id = decodeIdOf('Agent', agentGlobalId, 'agentId');
    if (viewer.role === Role.AGENT) {
      if (id !== viewer.agentId) throw forbidden('An agent sees their own worklist only.');
      return { id, teamId: viewer.teamId ?? null };
    }
    const agent = await em.findOne(Agent, { id });
    if (viewer.role === Role.SUPERVISOR) {
      // Whether an agent of another team exists is none of the supervisor's business: both are refused alike.
      if (!agent || agent.team?.id == null || agent.team.id !== viewer.teamId) throw forbidden('A supervisor sees the worklists of their own team.');
    } else if (!isManagerOrAdmin(viewer)) {
      throw forbidden();
    }
    if (!agent) throw notFound('Agent');
    if (agent.role !== Role.AGENT) throw badInput(`Worklists belong to agents; this person is a ${agent.role}.`, { argument: 'agentId' });
    return { id: agent.id, teamId: agent.team?.id ?? null };
  }

  /**
   * The whole ordered worklist at `now`, with a fixed number of statements whatever its size: the
   * candidate accounts, the live leases, the contact facts (loadContactFacts), then for the callable ones
   * the strategies, promises and plans with missed instalments.
   */
  private async compute(em: EntityManager, worker: Worker, now: Date): Promise<Computed> {
    const today = this.businessDate();
    const mine = { assignedAgent: worker.id };
    const pool = worker.teamId != null ? [{ assignedAgent: null, team: worker.teamId }] : [];
    const accounts = await em.find(Account, {
      status: { $in: [...WORKED_STATUSES] },
      balanceMinor: { $gt: 0 },
      $or: [mine, ...pool],
    });
    // Live leases are at most one per agent on the floor, so reading them all is cheaper than filtering by account.
    const leases = await em.find(AccountLease, { expiresAt: { $gt: now } });
    const leasedToOthers = new Set(leases.filter((l) => l.agent.id !== worker.id).map((l) => l.account.id));
    const ownLease = leases.find((l) => l.agent.id === worker.id) ?? null;

    const open = accounts.filter((a) => !leasedToOthers.has(a.id));
    const facts = await loadContactFacts(em, open, now);
    const phoneOf = new Map<number, ContactPoint>();
    for (const account of open) {
      const f = facts.get(account.id)!;
      const phone = f.phones.find((p) => decideContact(f.rules, contactFacts(f, p, now)).allowed);
      if (phone) phoneOf.set(account.id, phone);
    }
    const callable = open.filter((a) => phoneOf.has(a.id));
    if (callable.length === 0) return { items: [], ownLease };

    const ids = callable.map((a) => a.id);
    const yesterday = addDays(today, -1);
    const strategies = await em.find(TreatmentStrategy, {});
    const promises = await em.find(
      PromiseToPay,
      {
        account: { $in: ids },
        $or: [
          { status: PromiseStatus.PENDING, dueDate: today },
          { status: { $in: [PromiseStatus.BROKEN, PromiseStatus.PARTIALLY_KEPT] }, graceEndsOn: yesterday },
        ],
      },
      { orderBy: { id: 'asc' } },
    );
    const plans = await em.find(
      PaymentPlan,
      { account: { $in: ids }, status: PlanStatus.ACTIVE, instalments: { status: InstalmentStatus.MISSED } },
      // Joined, so the plans and their instalments are one statement whether or not any plan is found.
      { populate: ['instalments'], strategy: LoadStrategy.JOINED, orderBy: { id: 'asc' } },
    );

    const priorityOf = new Map(strategies.map((s) => [s.bucket as string, s.priority]));
    const promisesOf = groupBy(promises, (p) => p.account.id);
    const missedOf = new Map<number, MissedInstalmentFact[]>();
    for (const plan of plans) {
      const all = plan.instalments.getItems();
      const missed = all
        .filter((i) => i.status === InstalmentStatus.MISSED)
        .map((i) => ({ sequence: i.sequence, of: all.length, dueDate: i.dueDate, amountMinor: i.amountMinor }));
      missedOf.set(plan.account.id, [...(missedOf.get(plan.account.id) ?? []), ...missed]);
    }

    const candidates: WorklistCandidate[] = callable.map((account) => {
      const f = facts.get(account.id)!;
      return {
        accountId: account.id,
        status: account.status as WorklistCandidate['status'],
        bucket: account.bucket,
        currency: account.currency,
        balanceMinor: account.balanceMinor,
        propensityScore: account.propensityScore,
        strategyPriority: priorityOf.get(account.bucket) ?? PRIORITY_WITHOUT_STRATEGY,
        callbackEarlyMinutes: f.rules.callbackEarlyMinutes,
        callbackLateMinutes: f.rules.callbackLateMinutes,
        requestedCallbacks: f.requestedCallbacks,
        contactsMade: [...f.outboundAttempts, ...f.rightPartyConversations],
        promises: (promisesOf.get(account.id) ?? []).map(
          (p): PromiseFact => ({ status: p.status, dueDate: p.dueDate, graceEndsOn: p.graceEndsOn, amountMinor: p.amountMinor }),
        ),
        missedInstalments: missedOf.get(account.id) ?? [],
      };
    });
    const byId = new Map(callable.map((a) => [a.id, a]));
    const ordered = orderWorklist(candidates, { now, today, floorTimeZone: this.floorTimeZone });
    const items = ordered.map((ranked): WorklistItem => {
      const account = byId.get(ranked.accountId)!;
      return {
        rank: ranked.rank,
        account,
        reason: ranked.reason,
        detail: ranked.detail,
        phone: phoneOf.get(account.id)!,
        expectedValue: Money.of(ranked.expectedValueMinor, account.currency),
        leaseExpiresAt: ownLease && ownLease.account.id === account.id ? ownLease.expiresAt : null,
      };
    });
    return { items, ownLease };
  }
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}
