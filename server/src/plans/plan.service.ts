import type { EntityManager } from '@mikro-orm/core';
import { ACCOUNT_AUDIT_FIELDS, settleAccountState, duesOf } from '../accounts/account-state.js';
import type { Account } from '../accounts/account.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { audit, auditFields } from '../audit/audit.js';
import { accountScope, decisionScope } from '../auth/access.js';
import { accountForChange, expectVersion, isManagerOrAdmin, isSupervisorOf, requireWriter } from '../auth/permissions.js';
import type { Viewer } from '../auth/viewer.js';
import type { Call } from '../calls/call.entity.js';
import { badInput, conflict, forbidden, notFound } from '../graphql/errors.js';
import { paginate, type Connection, type PageArgs } from '../graphql/connection.js';
import { decodeIdOf } from '../graphql/ids.js';
import { TAKES_ARRANGEMENTS } from '../promises/promise.service.js';
import type { Clock } from '../shared/clock.js';
import type { LocalDate } from '../shared/dates.js';
import { requiredText } from '../shared/text.js';
import { minorIn } from '../shared/money.input.js';
import type { CollectionPolicy } from '../shared/policy.js';
import { Instalment } from './instalment.entity.js';
import { PaymentPlan, PlanStatus } from './payment-plan.entity.js';
import type { PlanInput, ProposePlanInput } from './plan.inputs.js';
import { planApproval, planProblems, policyCeilings } from './plan-rules.js';
import { TreatmentStrategy } from '../worklists/treatment-strategy.entity.js';

const PLAN_AUDIT_FIELDS = ['account', 'totalMinor', 'balanceAtProposalMinor', 'status', 'statusReason', 'decidedBy', 'version'] as const;

export class PlanService {
  constructor(
    private readonly clock: Clock,
    private readonly businessDate: () => LocalDate,
    private readonly policy: CollectionPolicy,
  ) {}

  async propose(em: EntityManager, viewer: Viewer | undefined, input: ProposePlanInput): Promise<PaymentPlan> {
    const v = requireWriter(viewer);
    const accountId = decodeIdOf('Account', input.accountId, 'accountId');
    return em.transactional(async (tx) => {
      const account = await accountForChange(tx, v, accountId);
      expectVersion(account, input.expectedVersion, 'The account');
      return this.plan(tx, v, account, input);
    });
  }

  /**
   * Agrees a plan inside the caller's transaction: within policy it is ACTIVE at once and the account is
   * IN_ARRANGEMENT; a deeper discount or more instalments wait for a supervisor (PENDING_APPROVAL).
   */
  async plan(tx: EntityManager, viewer: Viewer, account: Account, input: PlanInput, call?: Call, action = 'proposePaymentPlan'): Promise<PaymentPlan> {
    if (!TAKES_ARRANGEMENTS.has(account.status)) throw conflict(`No plan can be agreed on a ${account.status} account.`);
    const open = await tx.count(PaymentPlan, { account, status: { $in: [PlanStatus.ACTIVE, PlanStatus.PENDING_APPROVAL, PlanStatus.PROPOSED] } });
    if (open > 0) throw conflict('The account already has an open plan; cancel it first.');
    const totalMinor = minorIn(input.total, account.currency, 'plan.total');
    const instalments = input.instalments.map((i, n) => ({ dueDate: i.dueDate, amountMinor: minorIn(i.amount, account.currency, `plan.instalments[${n}].amount`) }));
    const terms = { totalMinor, instalments };
    const problem = planProblems(terms, account.balanceMinor, this.businessDate(), this.policy);
    if (problem) throw badInput(problem.message, { argument: `plan.${problem.argument}` });
    // The bucket's treatment strategy says what an agent may offer alone (DOMAIN.md §4 defaults otherwise).
    const strategy = await tx.findOne(TreatmentStrategy, { bucket: account.bucket });
    const approval = planApproval(terms, account.balanceMinor, strategy ?? policyCeilings(this.policy));
    const now = this.clock.now();
    const accountBefore = auditFields(account, ACCOUNT_AUDIT_FIELDS);
    const plan = tx.create(PaymentPlan, {
      account,
      agent: tx.getReference(Agent, viewer.agentId!),
      call: call ?? null,
      totalMinor,
      currency: account.currency,
      balanceAtProposalMinor: account.balanceMinor,
      status: approval.needed ? PlanStatus.PENDING_APPROVAL : PlanStatus.ACTIVE,
      statusReason: approval.needed ? `Needs approval: ${approval.reasons.join('; ')}.` : null,
      createdAt: now,
    });
    instalments.forEach((i, n) =>
      plan.instalments.add(tx.create(Instalment, { plan, sequence: n + 1, dueDate: i.dueDate, amountMinor: i.amountMinor, currency: account.currency })),
    );
    await tx.flush();
    await settleAccountState(tx, account, await duesOf(tx, account), this.businessDate());
    await tx.flush();
    audit(tx, viewer, now, { action, entityType: 'PaymentPlan', entityId: plan.id, after: { ...auditFields(plan, PLAN_AUDIT_FIELDS), instalments } });
    if (plan.status === PlanStatus.ACTIVE) {
      audit(tx, viewer, now, { action, entityType: 'Account', entityId: account.id, before: accountBefore, after: auditFields(account, ACCOUNT_AUDIT_FIELDS) });
    }
    return plan;
  }

  /** Plans PENDING_APPROVAL in the viewer's decision scope, oldest first (the queue order). */
  awaitingApproval(em: EntityManager, viewer: Viewer | undefined, page: PageArgs): Promise<Connection<PaymentPlan>> {
    const accounts = decisionScope(viewer);
    return paginate(em, PaymentPlan, { status: PlanStatus.PENDING_APPROVAL, account: accounts }, { field: 'createdAt', direction: 'ASC' }, page, { dateField: true });
  }

  approve(em: EntityManager, viewer: Viewer | undefined, id: string, expectedVersion?: number | null): Promise<PaymentPlan> {
    return this.change(em, viewer, id, 'approvePaymentPlan', expectedVersion, (plan, v) => {
      this.mayDecide(v, plan);
      if (plan.status !== PlanStatus.PENDING_APPROVAL) throw conflict(`Only a plan awaiting approval can be approved; this one is ${plan.status}.`);
      plan.status = PlanStatus.ACTIVE;
      plan.statusReason = null;
    });
  }

  reject(em: EntityManager, viewer: Viewer | undefined, id: string, reason: string, expectedVersion?: number | null): Promise<PaymentPlan> {
    return this.change(em, viewer, id, 'rejectPaymentPlan', expectedVersion, (plan, v) => {
      this.mayDecide(v, plan);
      if (plan.status !== PlanStatus.PENDING_APPROVAL) throw conflict(`Only a plan awaiting approval can be rejected; this one is ${plan.status}.`);
      plan.status = PlanStatus.CANCELLED;
      plan.statusReason = requiredText(reason, 'reason');
    });
  }

  cancel(em: EntityManager, viewer: Viewer | undefined, id: string, reason: string, expectedVersion?: number | null): Promise<PaymentPlan> {
    return this.change(em, viewer, id, 'cancelPaymentPlan', expectedVersion, (plan) => {
      if (![PlanStatus.ACTIVE, PlanStatus.PENDING_APPROVAL, PlanStatus.PROPOSED].includes(plan.status)) {
        throw conflict(`A ${plan.status} plan cannot be cancelled.`);
      }
      plan.status = PlanStatus.CANCELLED;
      plan.statusReason = requiredText(reason, 'reason');
    });
  }

  private async change(
    em: EntityManager,
    viewer: Viewer | undefined,
    globalId: string,
    action: string,
    expectedVersion: number | null | undefined,
    apply: (plan: PaymentPlan, viewer: Viewer) => void,
  ): Promise<PaymentPlan> {
    const v = requireWriter(viewer);
    const id = decodeIdOf('PaymentPlan', globalId, 'id');
    return em.transactional(async (tx) => {
      const plan = await tx.findOne(PaymentPlan, { id, account: accountScope(v) }, { populate: ['account', 'agent', 'instalments'] });
      if (!plan) throw notFound('Payment plan');
      expectVersion(plan, expectedVersion, 'The plan');
      const before = auditFields(plan, PLAN_AUDIT_FIELDS);
      const accountBefore = auditFields(plan.account, ACCOUNT_AUDIT_FIELDS);
      apply(plan, v);
      if (action === 'approvePaymentPlan' || action === 'rejectPaymentPlan') plan.decidedBy = tx.getReference(Agent, v.agentId!);
      await tx.flush();
      await settleAccountState(tx, plan.account, await duesOf(tx, plan.account), this.businessDate());
      await tx.flush();
      const now = this.clock.now();
      audit(tx, v, now, { action, entityType: 'PaymentPlan', entityId: plan.id, before, after: auditFields(plan, PLAN_AUDIT_FIELDS) });
      const accountAfter = auditFields(plan.account, ACCOUNT_AUDIT_FIELDS);
      if (JSON.stringify(accountAfter) !== JSON.stringify(accountBefore)) {
        audit(tx, v, now, { action, entityType: 'Account', entityId: plan.account.id, before: accountBefore, after: accountAfter });
      }
      return plan;
    });
  }

  private mayDecide(viewer: Viewer, plan: PaymentPlan): void {
    if (!isManagerOrAdmin(viewer) && !isSupervisorOf(viewer, plan.agent.team?.id ?? plan.account.team?.id)) {
      throw forbidden('Only the supervisor of the agent’s team (or a manager) decides on a plan outside policy.');
    }
  }
}
