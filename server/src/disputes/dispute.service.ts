import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { derivedCollectionStatus, isInCollection } from '../accounts/account-status.js';
import { AccountStatus, type Account } from '../accounts/account.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { audit, auditFields } from '../audit/audit.js';
import { accountScope, requireViewer } from '../auth/access.js';
import { accountForChange, expectVersion, isManagerOrAdmin, isSupervisorOf, requireWriter } from '../auth/permissions.js';
import { Role, type Viewer } from '../auth/viewer.js';
import { paginate, type Connection, type PageArgs } from '../graphql/connection.js';
import { badInput, conflict, forbidden, notFound } from '../graphql/errors.js';
import { decodeIdOf } from '../graphql/ids.js';
import type { Clock } from '../shared/clock.js';
import type { LocalDate } from '../shared/dates.js';
import { capAmountDueAtBalance, duesOf, redateAccount } from '../accounts/account-state.js';
import { parseMinor } from '../shared/money.js';
import { Dispute, DisputeChannel, DisputeKind, DisputeStatus } from './dispute.entity.js';
import { DisputeOutcome, type DisputeFilter } from './dispute.inputs.js';

export const DISPUTE_AUDIT_FIELDS = [
  'account',
  'kind',
  'channel',
  'reason',
  'status',
  'resolutionNote',
  'openedBy',
  'openedAt',
  'adjustmentMinor',
  'resolvedBy',
  'resolvedAt',
] as const;
const ACCOUNT_FIELDS = ['status', 'balanceMinor', 'version'] as const;
/** The column is a varchar(255) on PostgreSQL; the resolution note is text. */
const REASON_MAX = 255;
const NOTE_MAX = 2000;

export interface OpenDisputeRequest {
  account: Account;
  channel: DisputeChannel;
  reason: string;
  /** DISPUTE by default; PAYMENT_INVESTIGATION when the customer says the debt was already paid. */
  kind?: DisputeKind;
  /** Who took the dispute; the viewer when not given. */
  openedBy?: Agent;
  /** The operation the audit events are filed under (recordCall passes its own). */
  action?: string;
}

function text(value: string, argument: string, max: number): string {
  const trimmed = value.trim();
  if (!trimmed || trimmed.length > max) throw badInput(`${argument} must be 1-${max} characters.`, { argument });
  return trimmed;
}

/** Disputes and payment investigations (DOMAIN.md §5): while OPEN, collection calls stop (§6). */
export class DisputeService {
  constructor(
    private readonly clock: Clock,
    private readonly businessDate: () => LocalDate,
  ) {}

  async list(em: EntityManager, viewer: Viewer | undefined, filter: DisputeFilter | null | undefined, page: PageArgs): Promise<Connection<Dispute>> {
    const v = requireViewer(viewer);
    const c: FilterQuery<Dispute>[] = [{ account: accountScope(v) }];
    if (filter?.status) c.push({ status: filter.status });
    if (filter?.kind) c.push({ kind: filter.kind });
    if (filter?.accountId != null) c.push({ account: decodeIdOf('Account', filter.accountId, 'filter.accountId') });
    return paginate(em, Dispute, { $and: c }, { field: 'openedAt', direction: 'DESC' }, page, { dateField: true });
  }

  /** From any channel, by anyone who may change the account (an agent: their own accounts). */
  async openDispute(
    em: EntityManager,
    viewer: Viewer | undefined,
    args: { accountId: string; channel: DisputeChannel; reason: string; kind?: DisputeKind | null; expectedVersion?: number | null },
  ): Promise<Dispute> {
    const v = requireWriter(viewer);
    const accountId = decodeIdOf('Account', args.accountId, 'accountId');
    const reason = text(args.reason, 'reason', REASON_MAX);
    return em.transactional(async (tx) => {
      const account = await accountForChange(tx, v, accountId);
      expectVersion(account, args.expectedVersion, 'The account');
      return this.open(tx, v, { account, channel: args.channel, reason, kind: args.kind ?? DisputeKind.DISPUTE });
    });
  }

  /**
   * Opens a dispute inside the caller's transaction (the caller has checked the viewer may change the
   * account); the account becomes DISPUTED.
   */
  async open(em: EntityManager, viewer: Viewer, request: OpenDisputeRequest): Promise<Dispute> {
    const { account, channel } = request;
    const reason = text(request.reason, 'reason', REASON_MAX);
    if (!isInCollection(account)) throw conflict(`The account is ${account.status}: only accounts in collection take a dispute.`);
    if ((await em.count(Dispute, { account, status: DisputeStatus.OPEN })) > 0) {
      throw conflict('The account already has an open dispute; add to it or resolve it first.');
    }

    const now = this.clock.now();
    const before = auditFields(account, ACCOUNT_FIELDS);
    const dispute = em.create(Dispute, {
      account,
      kind: request.kind ?? DisputeKind.DISPUTE,
      channel,
      reason,
      status: DisputeStatus.OPEN,
      openedBy: request.openedBy ?? em.getReference(Agent, viewer.agentId!),
      openedAt: now,
    });
    account.status = AccountStatus.DISPUTED;
    await em.flush();
    const action = request.action ?? 'openDispute';
    audit(em, viewer, now, { action, entityType: 'Dispute', entityId: dispute.id, after: auditFields(dispute, DISPUTE_AUDIT_FIELDS) });
    if (before.status !== account.status) {
      audit(em, viewer, now, { action, entityType: 'Account', entityId: account.id, before, after: auditFields(account, ACCOUNT_FIELDS) });
    }
    return dispute;
  }

  /**
   * VALID: the debt is adjusted (the adjustment comes off the balance; at zero the account closes) or,
   * without an adjustment, closed. NOT_VALID: collection resumes. Only the supervisor of the account's
   * team, a manager or an admin decides.
   */
  async resolveDispute(
    em: EntityManager,
    viewer: Viewer | undefined,
    args: { id: string; outcome: DisputeOutcome; note: string; adjustment?: string | null },
  ): Promise<Dispute> {
    const v = requireWriter(viewer);
    if (!isManagerOrAdmin(v) && v.role !== Role.SUPERVISOR) throw forbidden('A dispute is resolved by a supervisor of the team, a manager or an admin.');
    const id = decodeIdOf('Dispute', args.id, 'id');
    const note = text(args.note, 'note', NOTE_MAX);
    if (args.adjustment != null && args.outcome !== DisputeOutcome.VALID) {
      throw badInput('An adjustment goes with a VALID outcome only.', { argument: 'adjustment' });
    }
    return em.transactional(async (tx) => {
      const dispute = await tx.findOne(Dispute, { id, account: accountScope(v) }, { populate: ['account'] });
      if (!dispute) throw notFound('Dispute');
      const account = dispute.account;
      if (!isManagerOrAdmin(v) && !isSupervisorOf(v, account.team?.id)) throw forbidden('Only a supervisor of the account’s team, a manager or an admin resolves this dispute.');
      if (dispute.status !== DisputeStatus.OPEN) throw conflict(`The dispute was already resolved as ${dispute.status}.`, { status: dispute.status });
      const adjustmentMinor = args.adjustment != null ? this.adjustment(args.adjustment, account) : null;
      const before = auditFields(dispute, DISPUTE_AUDIT_FIELDS);
      const accountBefore = auditFields(account, ACCOUNT_FIELDS);
      // Claims the resolution in the database, so two people resolving at once cannot both succeed.
      const status = args.outcome === DisputeOutcome.VALID ? DisputeStatus.VALID : DisputeStatus.NOT_VALID;
      const claimed = await tx.nativeUpdate(Dispute, { id, status: DisputeStatus.OPEN }, { status });
      if (claimed !== 1) throw conflict('The dispute was changed by someone else; reload it and try again.');

      const now = this.clock.now();
      dispute.status = status;
      dispute.resolutionNote = note;
      dispute.resolvedBy = tx.getReference(Agent, v.agentId!);
      dispute.resolvedAt = now;
      if (adjustmentMinor != null) {
        dispute.adjustmentMinor = adjustmentMinor;
        account.balanceMinor -= adjustmentMinor;
        const dues = await duesOf(tx, account);
        capAmountDueAtBalance(account, dues);
        redateAccount(account, dues, this.businessDate());
      }
      await tx.flush();
      if (isInCollection(account)) {
        const closesDebt = dispute.status === DisputeStatus.VALID && (adjustmentMinor == null || account.balanceMinor === 0);
        account.status = closesDebt ? AccountStatus.CLOSED : await derivedCollectionStatus(tx, account);
      }
      await tx.flush();
      const action = 'resolveDispute';
      audit(tx, v, now, { action, entityType: 'Dispute', entityId: dispute.id, before, after: auditFields(dispute, DISPUTE_AUDIT_FIELDS) });
      const accountAfter = auditFields(account, ACCOUNT_FIELDS);
      if (accountAfter.status !== accountBefore.status || accountAfter.balanceMinor !== accountBefore.balanceMinor) {
        audit(tx, v, now, { action, entityType: 'Account', entityId: account.id, before: accountBefore, after: accountAfter });
      }
      return dispute;
    });
  }

  /** Minor units of the account currency, more than zero and no more than the balance; never a float. */
  private adjustment(amount: string, account: Account): number {
    let minor: number;
    try {
      minor = parseMinor(amount, account.currency);
    } catch (error) {
      if (error instanceof RangeError) throw badInput(`adjustment must be a decimal amount in ${account.currency}, like "150.00": ${error.message}.`, { argument: 'adjustment' });
      throw error;
    }
    if (minor <= 0) throw badInput('adjustment must be more than zero.', { argument: 'adjustment' });
    if (minor > account.balanceMinor) {
      throw badInput(`adjustment is more than the balance of ${account.balance.amount} ${account.currency}.`, { argument: 'adjustment' });
    }
    return minor;
  }
}
