import { Field, ID, InputType, Int } from 'type-graphql';
import { MoneyInput } from '../shared/money.input.js';

@InputType()
export class InstalmentInput {
  @Field({ description: 'YYYY-MM-DD; instalments fall due in order, from today.' })
  dueDate!: string;

  @Field(() => MoneyInput)
  amount!: MoneyInput;
}

@InputType({ description: 'A payment plan: 2-24 instalments adding up exactly to the total (DOMAIN.md §4).' })
export class PlanInput {
  @Field(() => MoneyInput, { description: 'Below the balance, the plan is a settlement.' })
  total!: MoneyInput;

  @Field(() => [InstalmentInput])
  instalments!: InstalmentInput[];
}

@InputType()
export class ProposePlanInput extends PlanInput {
  @Field(() => ID)
  accountId!: string;

  @Field(() => Int, { nullable: true, description: 'The account version you saw; a newer one makes this CONFLICT.' })
  expectedVersion?: number | null;
}
