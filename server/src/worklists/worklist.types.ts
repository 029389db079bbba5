import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { ContactPoint } from '../customers/contact-point.entity.js';
import { Money } from '../shared/money.type.js';
import type { WorklistReason as Reason } from './worklist-order.js';

export enum WorklistReason {
  CALLBACK_DUE = 'CALLBACK_DUE',
  PROMISE_DUE_TODAY = 'PROMISE_DUE_TODAY',
  PROMISE_BROKEN_YESTERDAY = 'PROMISE_BROKEN_YESTERDAY',
  PLAN_INSTALMENT_MISSED = 'PLAN_INSTALMENT_MISSED',
  PRIORITY = 'PRIORITY',
}
registerEnumType(WorklistReason, {
  name: 'WorklistReason',
  description: 'Why an account is on the worklist, in the order reasons are worked.',
  valuesConfig: {
    CALLBACK_DUE: { description: 'The customer asked to be called back about now (within the contact profile’s callback window).' },
    PROMISE_DUE_TODAY: { description: 'A PENDING promise falls due today.' },
    PROMISE_BROKEN_YESTERDAY: { description: 'A promise whose grace ended yesterday was found short by today’s rollover (BROKEN or PARTIALLY_KEPT).' },
    PLAN_INSTALMENT_MISSED: { description: 'The account’s ACTIVE plan has a MISSED instalment.' },
    PRIORITY: { description: 'Nothing is due: ordered by the bucket’s treatment strategy, then expected value.' },
  },
});

@ObjectType({ description: 'An account an agent may call now, why, and on which phone.' })
export class WorklistItem {
  @Field(() => Int, { description: '1 for the account to call first.' })
  rank!: number;

  @Field(() => Account)
  account!: Account;

  @Field(() => WorklistReason)
  reason!: Reason;

  @Field({ description: 'The reason in words, e.g. "Callback requested for 10:30" (times on the floor’s clock).' })
  detail!: string;

  @Field(() => ContactPoint, { description: 'The first of the customer’s phones the contact policy allows calling now.' })
  phone!: ContactPoint;

  @Field(() => Money, { description: 'Balance x propensity to pay, in the account’s currency.' })
  expectedValue!: Money;

  @Field(() => Date, { nullable: true, description: 'Until when the account is leased to the agent whose worklist this is; null when it is not leased.' })
  leaseExpiresAt!: Date | null;
}
