import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { PaymentPlanConnection } from '../accounts/account.resolver.js';
import { PageArgs, type Connection } from '../graphql/connection.js';
import type { AppContext } from '../graphql/context.js';
import { Instalment } from './instalment.entity.js';
import { PaymentPlan } from './payment-plan.entity.js';
import { ProposePlanInput } from './plan.inputs.js';

@Resolver(() => PaymentPlan)
export class PaymentPlanResolver {
  @Query(() => PaymentPlanConnection, { description: 'Plans PENDING_APPROVAL (outside policy), oldest first: a supervisor’s team, or the floor for managers and admins; agents and analysts are FORBIDDEN.' })
  plansAwaitingApproval(@Args() page: PageArgs, @Ctx() { em, viewer, services }: AppContext): Promise<Connection<PaymentPlan>> {
    return services.plans.awaitingApproval(em, viewer, page);
  }

  @Mutation(() => PaymentPlan, { description: 'Within policy the plan is ACTIVE at once; outside it, PENDING_APPROVAL for a supervisor.' })
  proposePaymentPlan(@Arg('input', () => ProposePlanInput) input: ProposePlanInput, @Ctx() { em, viewer, services }: AppContext): Promise<PaymentPlan> {
    return services.plans.propose(em, viewer, input);
  }

  @Mutation(() => PaymentPlan)
  approvePaymentPlan(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<PaymentPlan> {
    return services.plans.approve(em, viewer, id, expectedVersion);
  }

  @Mutation(() => PaymentPlan)
  rejectPaymentPlan(
    @Arg('id', () => ID) id: string,
    @Arg('reason') reason: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<PaymentPlan> {
    return services.plans.reject(em, viewer, id, reason, expectedVersion);
  }

  @Mutation(() => PaymentPlan)
  cancelPaymentPlan(
    @Arg('id', () => ID) id: string,
    @Arg('reason') reason: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<PaymentPlan> {
    return services.plans.cancel(em, viewer, id, reason, expectedVersion);
  }

  @FieldResolver(() => [Instalment], { description: 'In due-date order.' })
  async instalments(@Root() plan: PaymentPlan, @Ctx() { em }: AppContext): Promise<Instalment[]> {
    if (!plan.instalments.isInitialized()) await em.populate(plan, ['instalments']);
    return plan.instalments.getItems();
  }

  @FieldResolver(() => Int)
  version(@Root() plan: PaymentPlan): number {
    return plan.version;
  }

  @FieldResolver(() => Account, { nullable: true })
  account(@Root() plan: PaymentPlan, @Ctx() { loaders }: AppContext): Promise<Account | null> {
    return loaders.account.load(plan.account.id);
  }
}
