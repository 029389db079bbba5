import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../graphql/context.js';
import { Instalment } from './instalment.entity.js';
import { PaymentPlan } from './payment-plan.entity.js';

@Resolver(() => PaymentPlan)
export class PaymentPlanResolver {
  @FieldResolver(() => [Instalment], { description: 'In due-date order.' })
  async instalments(@Root() plan: PaymentPlan, @Ctx() { em }: AppContext): Promise<Instalment[]> {
    if (!plan.instalments.isInitialized()) await em.populate(plan, ['instalments']);
    return plan.instalments.getItems();
  }
}
