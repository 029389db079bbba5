import type { EntityManager } from '@mikro-orm/core';
import { ACCOUNT_AUDIT_FIELDS } from '../accounts/account-state.js';
import { AccountStatus } from '../accounts/account.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { audit, auditFields } from '../audit/audit.js';
import { accountScope, decisionScope } from '../auth/access.js';
import { accountForChange, requireWriter } from '../auth/permissions.js';
import { Role, type Viewer } from '../auth/viewer.js';
import { conflict, forbidden, notFound } from '../graphql/errors.js';
import { paginate, type Connection, type PageArgs } from '../graphql/connection.js';
import { decodeIdOf } from '../graphql/ids.js';
import type { Clock } from '../shared/clock.js';
import { requiredText } from '../shared/text.js';
import { WriteOff, WriteOffStatus } from './write-off.entity.js';

const WRITE_OFF_AUDIT_FIELDS = ['account', 'amountMinor', 'reason', 'status', 'requestedBy', 'decidedBy', 'decisionNote'] as const;
const CLOSED_FOR_WRITE_OFF = new Set([AccountStatus.WRITTEN_OFF, AccountStatus.PAID_OFF, AccountStatus.CLOSED]);

/** DOMAIN.md §4: requested with a reason by whoever works the account; decided by a manager who did not request it. */
export class WriteOffService {
  constructor(private readonly clock: Clock) {}

  /** REQUESTED write-offs in the viewer's decision scope, oldest request first (the queue order). */
  awaitingDecision(em: EntityManager, viewer: Viewer | undefined, page: PageArgs): Promise<Connection<WriteOff>> {
    const accounts = decisionScope(viewer);
    return paginate(em, WriteOff, { status: WriteOffStatus.REQUESTED, account: accounts }, { field: 'requestedAt', direction: 'ASC' }, page, { dateField: true });
  }

  async request(em: EntityManager, viewer: Viewer | undefined, accountGlobalId: string, reason: string): Promise<WriteOff> {
    const v = requireWriter(viewer);
    // A manager may request too; another manager then decides, as nobody decides on their own request.
    if (v.role === Role.ADMIN) throw forbidden('A write-off is requested by the people working the account.');
    const accountId = decodeIdOf('Account', accountGlobalId, 'accountId');
    const why = requiredText(reason, 'reason');
    return em.transactional(async (tx) => {
      const account = await accountForChange(tx, v, accountId);
      if (CLOSED_FOR_WRITE_OFF.has(account.status)) throw conflict(`A ${account.status} account cannot be written off.`);
      if ((await tx.count(WriteOff, { account, status: WriteOffStatus.REQUESTED })) > 0) throw conflict('A write-off of this account is already awaiting a decision.');
      const now = this.clock.now();
      const writeOff = tx.create(WriteOff, {
        account,
        amountMinor: account.balanceMinor,
        currency: account.currency,
        reason: why,
        requestedBy: tx.getReference(Agent, v.agentId!),
        requestedAt: now,
      });
      await tx.flush();
      audit(tx, v, now, { action: 'requestWriteOff', entityType: 'WriteOff', entityId: writeOff.id, after: auditFields(writeOff, WRITE_OFF_AUDIT_FIELDS) });
      return writeOff;
    });
  }

  approve(em: EntityManager, viewer: Viewer | undefined, id: string, note: string | null | undefined): Promise<WriteOff> {
    return this.decide(em, viewer, id, 'approveWriteOff', WriteOffStatus.APPROVED, note);
  }

  reject(em: EntityManager, viewer: Viewer | undefined, id: string, note: string): Promise<WriteOff> {
    return this.decide(em, viewer, id, 'rejectWriteOff', WriteOffStatus.REJECTED, note);
  }

  private async decide(
    em: EntityManager,
    viewer: Viewer | undefined,
    globalId: string,
    action: string,
    decision: WriteOffStatus,
    note: string | null | undefined,
  ): Promise<WriteOff> {
    const v = requireWriter(viewer);
    if (v.role !== Role.MANAGER) throw forbidden('Only a manager decides on a write-off.');
    const id = decodeIdOf('WriteOff', globalId, 'id');
    return em.transactional(async (tx) => {
      const writeOff = await tx.findOne(WriteOff, { id, account: accountScope(v) }, { populate: ['account'] });
      if (!writeOff) throw notFound('Write-off');
      if (writeOff.requestedBy.id === v.agentId) throw forbidden('Nobody decides on their own write-off request.');
      if (writeOff.status !== WriteOffStatus.REQUESTED) throw conflict(`The write-off was already ${writeOff.status}.`);
      // A rejection says why; an approval may.
      const decisionNote = decision === WriteOffStatus.REJECTED ? requiredText(note ?? '', 'note') : note?.trim() || null;
      const account = writeOff.account;
      const now = this.clock.now();
      const before = auditFields(writeOff, WRITE_OFF_AUDIT_FIELDS);
      const accountBefore = auditFields(account, ACCOUNT_AUDIT_FIELDS);
      writeOff.status = decision;
      writeOff.decidedBy = tx.getReference(Agent, v.agentId!);
      writeOff.decidedAt = now;
      writeOff.decisionNote = decisionNote;
      if (decision === WriteOffStatus.APPROVED) {
        if (CLOSED_FOR_WRITE_OFF.has(account.status)) throw conflict(`The account is ${account.status} now and cannot be written off.`);
        // What is written off is the balance at approval: payments since the request reduced it.
        writeOff.amountMinor = account.balanceMinor;
        account.status = AccountStatus.WRITTEN_OFF;
        account.bucket = 'CHARGE_OFF';
        account.writtenOffMinor = account.balanceMinor;
      }
      await tx.flush();
      audit(tx, v, now, { action, entityType: 'WriteOff', entityId: writeOff.id, before, after: auditFields(writeOff, WRITE_OFF_AUDIT_FIELDS) });
      if (decision === WriteOffStatus.APPROVED) {
        audit(tx, v, now, { action, entityType: 'Account', entityId: account.id, before: accountBefore, after: auditFields(account, ACCOUNT_AUDIT_FIELDS) });
      }
      return writeOff;
    });
  }
}
