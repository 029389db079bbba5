import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Agent } from '../agents/agent.entity.js';
import { Team } from '../agents/team.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Call } from '../calls/call.entity.js';
import { Customer } from '../customers/customer.entity.js';
import { Dispute } from '../disputes/dispute.entity.js';
import { ConnectionType, PageArgs, type Connection } from '../graphql/connection.js';
import type { AppContext } from '../graphql/context.js';
import { decodeIdOf } from '../graphql/ids.js';
import { Payment } from '../payments/payment.entity.js';
import { PaymentPlan } from '../plans/payment-plan.entity.js';
import { PromiseToPay } from '../promises/promise-to-pay.entity.js';
import { Referral } from '../referrals/referral.entity.js';
import { WriteOff } from '../writeoffs/write-off.entity.js';
import { Account } from './account.entity.js';
import { AccountFilter, AccountOrder } from './account.inputs.js';

@ObjectType() export class AccountConnection extends ConnectionType(Account) {}
@ObjectType() export class CallConnection extends ConnectionType(Call) {}
@ObjectType() export class PromiseToPayConnection extends ConnectionType(PromiseToPay) {}
@ObjectType() export class PaymentConnection extends ConnectionType(Payment) {}
@ObjectType() export class PaymentPlanConnection extends ConnectionType(PaymentPlan) {}
@ObjectType() export class ReferralConnection extends ConnectionType(Referral) {}
@ObjectType() export class DisputeConnection extends ConnectionType(Dispute) {}
@ObjectType() export class WriteOffConnection extends ConnectionType(WriteOff) {}
@ObjectType() export class AuditEventConnection extends ConnectionType(AuditEvent) {}

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => AccountConnection, { description: 'The accounts the viewer may see, filtered and ordered (default: most days past due first).' })
  accounts(
    @Arg('filter', () => AccountFilter, { nullable: true }) filter: AccountFilter | null,
    @Arg('orderBy', () => AccountOrder, { nullable: true }) orderBy: AccountOrder | null,
    @Args() page: PageArgs,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<Connection<Account>> {
    return services.accounts.list(em, viewer, filter, orderBy, page);
  }

  @Query(() => Account)
  account(@Arg('id', () => ID) id: string, @Ctx() { em, viewer, services }: AppContext): Promise<Account> {
    return services.accounts.byId(em, viewer, decodeIdOf('Account', id));
  }

  @FieldResolver(() => Customer)
  async customer(@Root() account: Account, @Ctx() { loaders }: AppContext): Promise<Customer> {
    return (await loaders.customer.load(account.customer.id))!;
  }

  @FieldResolver(() => Agent, { nullable: true })
  assignedAgent(@Root() account: Account, @Ctx() { loaders }: AppContext): Promise<Agent | null> | null {
    return account.assignedAgent ? loaders.agent.load(account.assignedAgent.id) : null;
  }

  @FieldResolver(() => Team, { nullable: true })
  team(@Root() account: Account, @Ctx() { loaders }: AppContext): Promise<Team | null> | null {
    return account.team ? loaders.team.load(account.team.id) : null;
  }

  @FieldResolver(() => Call, { nullable: true, description: 'The latest call on the account.' })
  lastCall(@Root() account: Account, @Ctx() { loaders }: AppContext): Promise<Call | null> | null {
    return account.lastCall ? loaders.call.load(account.lastCall.id) : null;
  }

  @FieldResolver(() => PromiseToPay, { nullable: true, description: 'The pending promise falling due first, if any.' })
  openPromise(@Root() account: Account, @Ctx() { loaders }: AppContext): Promise<PromiseToPay | null> {
    return loaders.openPromiseOfAccount.load(account.id);
  }

  @FieldResolver(() => CallConnection)
  calls(@Root() account: Account, @Args() page: PageArgs, @Ctx() { em, services }: AppContext) {
    return services.accountHistory.calls(em, account, page);
  }

  @FieldResolver(() => PromiseToPayConnection)
  promises(@Root() account: Account, @Args() page: PageArgs, @Ctx() { em, services }: AppContext) {
    return services.accountHistory.promises(em, account, page);
  }

  @FieldResolver(() => PaymentConnection)
  payments(@Root() account: Account, @Args() page: PageArgs, @Ctx() { em, services }: AppContext) {
    return services.accountHistory.payments(em, account, page);
  }

  @FieldResolver(() => PaymentPlanConnection)
  plans(@Root() account: Account, @Args() page: PageArgs, @Ctx() { em, services }: AppContext) {
    return services.accountHistory.plans(em, account, page);
  }

  @FieldResolver(() => ReferralConnection)
  referrals(@Root() account: Account, @Args() page: PageArgs, @Ctx() { em, services }: AppContext) {
    return services.accountHistory.referrals(em, account, page);
  }

  @FieldResolver(() => DisputeConnection)
  disputes(@Root() account: Account, @Args() page: PageArgs, @Ctx() { em, services }: AppContext) {
    return services.accountHistory.disputes(em, account, page);
  }

  @FieldResolver(() => WriteOffConnection)
  writeOffs(@Root() account: Account, @Args() page: PageArgs, @Ctx() { em, services }: AppContext) {
    return services.accountHistory.writeOffs(em, account, page);
  }

  @FieldResolver(() => AuditEventConnection, { description: 'Every change made to the account record.' })
  auditTrail(@Root() account: Account, @Args() page: PageArgs, @Ctx() { em, services }: AppContext) {
    return services.accountHistory.auditTrail(em, account, page);
  }
}
