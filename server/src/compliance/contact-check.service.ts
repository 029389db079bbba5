import type { EntityManager } from '@mikro-orm/core';
import { accountScope, requireViewer } from '../auth/access.js';
import type { Viewer } from '../auth/viewer.js';
import type { Account } from '../accounts/account.entity.js';
import { Account as AccountEntity } from '../accounts/account.entity.js';
import { ContactPoint, ContactPointKind } from '../customers/contact-point.entity.js';
import { AppError, badInput, notFound } from '../graphql/errors.js';
import { decodeIdOf } from '../graphql/ids.js';
import type { Clock } from '../shared/clock.js';
import { loadAccountContactFacts } from './account-contact-facts.js';
import { contactFacts, loadContactFacts, type ContactPointFacts } from './contact-facts.js';
import { decideContact, type ContactDecision } from './contact-policy.js';

/** contactCheck and the guard recordCall passes through: DOMAIN.md §6 over the account's real history. */
export class ContactCheckService {
  constructor(private readonly clock: Clock) {}

  async check(em: EntityManager, viewer: Viewer | undefined, accountId: string, phoneId: string, at?: Date | null): Promise<ContactDecision> {
    const v = requireViewer(viewer);
    const account = await em.findOne(AccountEntity, { $and: [{ id: decodeIdOf('Account', accountId, 'accountId') }, accountScope(v)] });
    if (!account) throw notFound('Account');
    const phone = await em.findOne(ContactPoint, { id: decodeIdOf('ContactPoint', phoneId, 'phoneId'), customer: account.customer, kind: ContactPointKind.PHONE });
    if (!phone) throw badInput('phoneId is not a phone of this account’s customer.', { argument: 'phoneId' });
    return this.decide(em, account, phone, at ?? this.clock.now());
  }

  async decide(em: EntityManager, account: Account, phone: ContactPoint, at: Date): Promise<ContactDecision> {
    const facts = (await loadContactFacts(em, [account], at)).get(account.id)!;
    return decideContact(facts.rules, contactFacts(facts, phone, at));
  }

  /**
   * Refuses an outbound call the policy blocks, before anything is written. recordCall has read the
   * account and the customer's phones and addresses already; the rest is read here without entities.
   */
  async ensureAllowed(em: EntityManager, accountId: number, points: readonly ContactPointFacts[], phone: ContactPointFacts, at: Date): Promise<void> {
    const facts = await loadAccountContactFacts(em, accountId, points, at);
    const decision = decideContact(facts.rules, contactFacts(facts, phone, at));
    if (!decision.allowed) {
      throw new AppError('CONTACT_NOT_ALLOWED', `This call is not allowed now: ${decision.blockedBy.join(', ')}.`, {
        blockedBy: decision.blockedBy,
        nextAllowedAt: decision.nextAllowedAt?.toISOString() ?? null,
      });
    }
  }
}
