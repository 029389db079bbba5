import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import type { AppContext } from '../graphql/context.js';
import { Payment } from './payment.entity.js';
import { RecordPaymentInput } from './payment.inputs.js';

@Resolver(() => Payment)
export class PaymentResolver {
  @Mutation(() => Payment, { description: 'Posts a payment (DOMAIN.md §4); the same idempotency key returns the first payment.' })
  recordPayment(@Arg('input', () => RecordPaymentInput) input: RecordPaymentInput, @Ctx() { em, viewer, services }: AppContext): Promise<Payment> {
    return services.payments.record(em, viewer, input);
  }

  @Mutation(() => Payment, { description: 'Reverses a posted payment (never deletes it), re-opening what it settled.' })
  reversePayment(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() { em, viewer, services }: AppContext): Promise<Payment> {
    return services.payments.reverse(em, viewer, id, reason);
  }

  @FieldResolver(() => Account, { nullable: true })
  account(@Root() payment: Payment, @Ctx() { loaders }: AppContext): Promise<Account | null> {
    return loaders.account.load(payment.account.id);
  }
}
