import type { EntityManager } from '@mikro-orm/core';
import { AccountStatus, type Account } from '../accounts/account.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { audit, auditFields } from '../audit/audit.js';
import { accountScope, decisionScope } from '../auth/access.js';
import { accountForChange, expectVersion, isManagerOrAdmin, isSupervisorOf, requireWriter } from '../auth/permissions.js';
import type { Viewer } from '../auth/viewer.js';
import type { Call } from '../calls/call.entity.js';
import { badInput, conflict, forbidden, notFound } from '../graphql/errors.js';
import { paginate, type Connection, type PageArgs } from '../graphql/connection.js';
import { decodeIdOf } from '../graphql/ids.js';
import { promiseOutcome } from '../payments/settlement.js';
import type { Clock } from '../shared/clock.js';
import type { LocalDate } from '../shared/dates.js';
import { requiredText } from '../shared/text.js';
import { minorIn } from '../shared/money.input.js';
import type { CollectionPolicy } from '../shared/policy.js';
import type { KpiCounters } from '../kpis/kpi-counters.js';
import { graceEndsOn, promiseNeedsApproval, promiseProblems } from './promise-rules.js';
import { PromiseStatus, PromiseToPay } from './promise-to-pay.entity.js';
import type { CreatePromiseInput, PromiseInput } from './promise.inputs.js';

const PROMISE_AUDIT_FIELDS = ['account', 'amountMinor', 'paidMinor', 'dueDate', 'graceEndsOn', 'status', 'statusReason', 'decidedBy', 'version'] as const;

/** Statuses on which a promise or a plan can be agreed (collection goes on after a charge-off; not while disputed). */
export const TAKES_ARRANGEMENTS = new Set([AccountStatus.ACTIVE, AccountStatus.IN_ARRANGEMENT, AccountStatus.ROUTED, AccountStatus.LEGAL, AccountStatus.WRITTEN_OFF]);

export class PromiseService {
  constructor(
    private readonly clock: Clock,
    private readonly businessDate: () => LocalDate,
    private readonly policy: CollectionPolicy,
    private readonly counters?: KpiCounters,
  ) {}

  async create(em: EntityManager, viewer: Viewer | undefined, input: CreatePromiseInput): Promise<PromiseToPay> {
    const v = requireWriter(viewer);
    const accountId = decodeIdOf('Account', input.accountId, 'accountId');
    return em.transactional(async (tx) => {
      const account = await accountForChange(tx, v, accountId);
      expectVersion(account, input.expectedVersion, 'The account');
      return this.promise(tx, v, account, input);
    });
  }

  /** Takes a promise inside the caller's transaction (createPromise, recordCall). */
  async promise(tx: EntityManager, viewer: Viewer, account: Account, input: PromiseInput, call?: Call, action = 'createPromise'): Promise<PromiseToPay> {
    if (!TAKES_ARRANGEMENTS.has(account.status)) throw conflict(`No promise can be taken on a ${account.status} account.`);
    const amountMinor = minorIn(input.amount, account.currency, 'promise.amount');
    const problem = promiseProblems({ amountMinor, dueDate: input.dueDate }, account.balanceMinor, this.businessDate(), this.policy);
    if (problem) throw badInput(problem.message, { argument: `promise.${problem.argument}` });
    const now = this.clock.now();
    const promise = tx.create(PromiseToPay, {
      account,
      agent: tx.getReference(Agent, viewer.agentId!),
      call: call ?? null,
      amountMinor,
      currency: account.currency,
      dueDate: input.dueDate,
      graceEndsOn: graceEndsOn(input.dueDate, this.policy),
      status: promiseNeedsApproval(amountMinor, account.amountDueMinor, this.policy) ? PromiseStatus.PENDING_APPROVAL : PromiseStatus.PENDING,
      createdAt: now,
    });
    // Bumps the account version: whoever acts on the account next sees there is a new promise.
    account.updatedAt = now;
    await tx.flush();
    await this.counters?.promiseTaken(tx, promise);
    audit(tx, viewer, now, { action, entityType: 'PromiseToPay', entityId: promise.id, after: auditFields(promise, PROMISE_AUDIT_FIELDS) });
    return promise;
  }

  cancel(em: EntityManager, viewer: Viewer | undefined, id: string, reason: string, expectedVersion?: number | null): Promise<PromiseToPay> {
    // Anyone who may act on the account (an agent: their own) may cancel its open promise.
    return this.change(em, viewer, id, 'cancelPromise', expectedVersion, (promise) => {
      if (promise.status !== PromiseStatus.PENDING && promise.status !== PromiseStatus.PENDING_APPROVAL) {
        throw conflict(`A ${promise.status} promise cannot be cancelled.`);
      }
      promise.status = PromiseStatus.CANCELLED;
      promise.statusReason = requiredText(reason, 'reason');
    });
  }

  /** Promises PENDING_APPROVAL in the viewer's decision scope, oldest first (the queue order). */
  awaitingApproval(em: EntityManager, viewer: Viewer | undefined, page: PageArgs): Promise<Connection<PromiseToPay>> {
    const accounts = decisionScope(viewer);
    return paginate(em, PromiseToPay, { status: PromiseStatus.PENDING_APPROVAL, account: accounts }, { field: 'createdAt', direction: 'ASC' }, page, { dateField: true });
  }

  approve(em: EntityManager, viewer: Viewer | undefined, id: string, expectedVersion?: number | null): Promise<PromiseToPay> {
    return this.change(em, viewer, id, 'approvePromise', expectedVersion, (promise, v) => {
      this.mayDecide(v, promise);
      if (promise.status !== PromiseStatus.PENDING_APPROVAL) throw conflict(`Only a promise awaiting approval can be approved; this one is ${promise.status}.`);
      promise.status = promiseOutcome(promise.amountMinor, promise.paidMinor, promise.graceEndsOn < this.businessDate()) as PromiseStatus;
      if (promise.status !== PromiseStatus.PENDING) promise.settledAt = this.clock.now();
    });
  }

  reject(em: EntityManager, viewer: Viewer | undefined, id: string, reason: string, expectedVersion?: number | null): Promise<PromiseToPay> {
    return this.change(em, viewer, id, 'rejectPromise', expectedVersion, (promise, v) => {
      this.mayDecide(v, promise);
      if (promise.status !== PromiseStatus.PENDING_APPROVAL) throw conflict(`Only a promise awaiting approval can be rejected; this one is ${promise.status}.`);
      promise.status = PromiseStatus.CANCELLED;
      promise.statusReason = requiredText(reason, 'reason');
    });
  }

  private async change(
    em: EntityManager,
    viewer: Viewer | undefined,
    globalId: string,
    action: string,
    expectedVersion: number | null | undefined,
    apply: (promise: PromiseToPay, viewer: Viewer) => void,
  ): Promise<PromiseToPay> {
    const v = requireWriter(viewer);
    const id = decodeIdOf('PromiseToPay', globalId, 'id');
    return em.transactional(async (tx) => {
      const promise = await tx.findOne(PromiseToPay, { id, account: accountScope(v) }, { populate: ['account', 'agent'] });
      if (!promise) throw notFound('Promise');
      expectVersion(promise, expectedVersion, 'The promise');
      const before = auditFields(promise, PROMISE_AUDIT_FIELDS);
      const statusBefore = promise.status;
      apply(promise, v);
      // Approving a promise whose grace has passed (or that was already paid) settles it (§7).
      await this.counters?.promisesSettled(tx, [{ promise, before: statusBefore }]);
      if (action === 'approvePromise' || action === 'rejectPromise') promise.decidedBy = tx.getReference(Agent, v.agentId!);
      await tx.flush();
      audit(tx, v, this.clock.now(), { action, entityType: 'PromiseToPay', entityId: promise.id, before, after: auditFields(promise, PROMISE_AUDIT_FIELDS) });
      return promise;
    });
  }

  /** DOMAIN.md §4: a promise below the minimum acceptable is approved by the supervisor of the agent's team. */
  private mayDecide(viewer: Viewer, promise: PromiseToPay): void {
    if (!isManagerOrAdmin(viewer) && !isSupervisorOf(viewer, promise.agent.team?.id ?? promise.account.team?.id)) {
      throw forbidden('Only the supervisor of the agent’s team (or a manager) decides on a promise.');
    }
  }
}

