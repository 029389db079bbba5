import type { EntityManager } from '@mikro-orm/core';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Call } from '../calls/call.entity.js';
import { Dispute } from '../disputes/dispute.entity.js';
import { paginate, type Connection, type PageArgs } from '../graphql/connection.js';
import { Payment } from '../payments/payment.entity.js';
import { PaymentPlan } from '../plans/payment-plan.entity.js';
import { PromiseToPay } from '../promises/promise-to-pay.entity.js';
import { Referral } from '../referrals/referral.entity.js';
import { WriteOff } from '../writeoffs/write-off.entity.js';
import type { Account } from './account.entity.js';

/**
 * What happened on one account, newest first. Callers pass an account the viewer may already see
 * (AccountService.byId or a visible page), so no further scope applies here.
 */
export class AccountHistoryService {
  calls(em: EntityManager, account: Account, page: PageArgs): Promise<Connection<Call>> {
    return paginate(em, Call, { account: account.id }, { field: 'startedAt', direction: 'DESC' }, page, { dateField: true });
  }

  promises(em: EntityManager, account: Account, page: PageArgs): Promise<Connection<PromiseToPay>> {
    return paginate(em, PromiseToPay, { account: account.id }, { field: 'createdAt', direction: 'DESC' }, page, { dateField: true });
  }

  payments(em: EntityManager, account: Account, page: PageArgs): Promise<Connection<Payment>> {
    return paginate(em, Payment, { account: account.id }, { field: 'receivedAt', direction: 'DESC' }, page, { dateField: true });
  }

  plans(em: EntityManager, account: Account, page: PageArgs): Promise<Connection<PaymentPlan>> {
    return paginate(em, PaymentPlan, { account: account.id }, { field: 'createdAt', direction: 'DESC' }, page, {
      dateField: true,
      populate: ['instalments'],
    });
  }

  referrals(em: EntityManager, account: Account, page: PageArgs): Promise<Connection<Referral>> {
    return paginate(em, Referral, { account: account.id }, { field: 'createdAt', direction: 'DESC' }, page, { dateField: true });
  }

  disputes(em: EntityManager, account: Account, page: PageArgs): Promise<Connection<Dispute>> {
    return paginate(em, Dispute, { account: account.id }, { field: 'openedAt', direction: 'DESC' }, page, { dateField: true });
  }

  writeOffs(em: EntityManager, account: Account, page: PageArgs): Promise<Connection<WriteOff>> {
    return paginate(em, WriteOff, { account: account.id }, { field: 'requestedAt', direction: 'DESC' }, page, { dateField: true });
  }

  auditTrail(em: EntityManager, account: Account, page: PageArgs): Promise<Connection<AuditEvent>> {
    return paginate(em, AuditEvent, { entityType: 'Account', entityId: account.id }, { field: 'at', direction: 'DESC' }, page, {
      dateField: true,
    });
  }
}
