import { Field, ID, InputType, Int } from 'type-graphql';
import { MoneyInput } from '../shared/money.input.js';
import { PaymentMethod } from './payment.entity.js';

@InputType({ description: 'A payment taken on an account (DOMAIN.md §4).' })
export class PaymentInput {
  @Field(() => MoneyInput, { description: 'In the account currency; more than zero and at most the balance.' })
  amount!: MoneyInput;

  @Field(() => PaymentMethod)
  method!: PaymentMethod;

  @Field(() => String, { nullable: true, description: 'The reference of the processor or bank.' })
  externalReference?: string | null;

  @Field({ description: 'The same key always returns the first payment and never posts twice.' })
  idempotencyKey!: string;

  @Field(() => String, { nullable: true, description: 'Last four digits of the card (CARD_TERMINAL); never more.' })
  cardLast4?: string | null;
}

@InputType()
export class RecordPaymentInput extends PaymentInput {
  @Field(() => ID)
  accountId!: string;

  @Field(() => Int, { nullable: true, description: 'The account version you saw; a newer one makes this CONFLICT.' })
  expectedVersion?: number | null;
}
