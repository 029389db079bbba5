import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';
import { accountScope, agentScope, callScope, customerScope, requireViewer, teamScope } from '../auth/access.js';
import { Role, type Viewer } from '../auth/viewer.js';
import { Agent } from '../agents/agent.entity.js';
import { Team } from '../agents/team.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Call } from '../calls/call.entity.js';
import { ContactPoint } from '../customers/contact-point.entity.js';
import { ContactPointChange } from '../customers/contact-point-change.entity.js';
import { Customer } from '../customers/customer.entity.js';
import { Dispute } from '../disputes/dispute.entity.js';
import { Payment } from '../payments/payment.entity.js';
import { Instalment } from '../plans/instalment.entity.js';
import { PaymentPlan } from '../plans/payment-plan.entity.js';
import { PromiseToPay } from '../promises/promise-to-pay.entity.js';
import { Referral } from '../referrals/referral.entity.js';
import { WriteOff } from '../writeoffs/write-off.entity.js';
import { Alert } from '../alerts/alert.entity.js';
import { AlertRule } from '../alerts/alert-rule.entity.js';
import { notFound } from './errors.js';
import { decodeId } from './ids.js';

type Scoped = { entity: EntityName<any>; scope: (viewer: Viewer, em: EntityManager) => FilterQuery<any> };

const onVisibleAccount = (viewer: Viewer) => ({ account: accountScope(viewer) });
const wholeFloorOnly = (viewer: Viewer) =>
  viewer.role === Role.MANAGER || viewer.role === Role.ADMIN || viewer.role === Role.ANALYST ? {} : { id: -1 };

/** Each type reachable through node(id), with the same visibility as its own queries (DOMAIN.md §1). */
const NODE_TYPES: Record<string, Scoped> = {
  Account: { entity: Account, scope: (v) => accountScope(v) },
  Customer: { entity: Customer, scope: (v, em) => customerScope(v, em) },
  ContactPoint: { entity: ContactPoint, scope: (v, em) => ({ customer: customerScope(v, em) }) },
  ContactPointChange: { entity: ContactPointChange, scope: (v, em) => ({ customer: customerScope(v, em) }) },
  Agent: { entity: Agent, scope: (v) => agentScope(v) },
  Team: { entity: Team, scope: (v) => teamScope(v) },
  Call: { entity: Call, scope: (v) => callScope(v) },
  PromiseToPay: { entity: PromiseToPay, scope: onVisibleAccount },
  Payment: { entity: Payment, scope: onVisibleAccount },
  PaymentPlan: { entity: PaymentPlan, scope: onVisibleAccount },
  Instalment: { entity: Instalment, scope: (v) => ({ plan: { account: accountScope(v) } }) },
  Referral: { entity: Referral, scope: onVisibleAccount },
  Dispute: { entity: Dispute, scope: onVisibleAccount },
  WriteOff: { entity: WriteOff, scope: onVisibleAccount },
  AuditEvent: { entity: AuditEvent, scope: wholeFloorOnly },
  Alert: { entity: Alert, scope: (v) => ({ team: teamScope(v) }) },
  AlertRule: { entity: AlertRule, scope: () => ({}) },
};

export class NodeService {
  async find(em: EntityManager, viewer: Viewer | undefined, globalId: string): Promise<object> {
    const v = requireViewer(viewer);
    const { type, id } = decodeId(globalId);
    const target = NODE_TYPES[type];
    if (!target) throw notFound('Object', globalId);
    const found = await em.findOne(target.entity, { $and: [{ id }, target.scope(v, em)] });
    if (!found) throw notFound(type, globalId);
    return found as object;
  }
}
