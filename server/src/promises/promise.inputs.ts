import { Field, ID, InputType, Int } from 'type-graphql';
import { MoneyInput } from '../shared/money.input.js';

@InputType({ description: 'A promise to pay (DOMAIN.md §4).' })
export class PromiseInput {
  @Field(() => MoneyInput, { description: 'In the account currency; more than zero and at most the balance.' })
  amount!: MoneyInput;

  @Field({ description: 'YYYY-MM-DD, from today to today + 30 days.' })
  dueDate!: string;
}

@InputType()
export class CreatePromiseInput extends PromiseInput {
  @Field(() => ID)
  accountId!: string;

  @Field(() => Int, { nullable: true, description: 'The account version you saw; a newer one makes this CONFLICT.' })
  expectedVersion?: number | null;
}
