import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, MAX_PAGE_SIZE } from '../graphql/connection.js';
import { InconsistencyKind } from './findings.js';

registerEnumType(InconsistencyKind, {
  name: 'InconsistencyKind',
  description: 'Data that cannot be right (DOMAIN.md §5).',
  valuesConfig: {
    BUCKET_DISAGREES_WITH_DPD: { description: 'DPD or bucket differ from what the oldest unpaid due date gives on the business date (written off: CHARGE_OFF).' },
    BALANCE_DISAGREES_WITH_PAYMENTS: { description: 'Balance differs from the opening balance less posted payments less valid dispute adjustments.' },
    AMOUNT_DUE_DISAGREES_WITH_DUES: { description: 'Amount due or oldest unpaid due date differ from the unpaid instalments.' },
    PAID_OFF_WITH_BALANCE: { description: 'A PAID_OFF account with a balance above zero.' },
    KEPT_PROMISE_WITHOUT_PAYMENT: { description: 'A KEPT promise with no posted payment on its account from its creation to the end of its grace period.' },
    DUPLICATE_PAYMENT_REFERENCE: { description: 'A posted payment whose external reference an earlier posted payment already carries.' },
    AMOUNT_DUE_ABOVE_BALANCE: { description: 'More due than the whole balance.' },
    NEGATIVE_BALANCE: { description: 'A balance below zero.' },
  },
});

@ObjectType({ description: 'One inconsistency on one account: what the data says, and what it should say.' })
export class Inconsistency {
  @Field(() => InconsistencyKind)
  kind!: InconsistencyKind;

  @Field({ description: 'What is wrong, in words.' })
  detail!: string;

  @Field({ description: 'What the related records say it should be.' })
  expected!: string;

  @Field({ description: 'What is recorded.' })
  actual!: string;

  @Field(() => ID, { nullable: true, description: 'Global id of the promise or payment the finding is about, when not the account itself (usable with node(id)).' })
  subjectId!: string | null;

  /** Resolved to the account by the (scoped) account loader. */
  accountId!: number;
}

@ObjectType()
export class InconsistencyConnection extends ConnectionType(Inconsistency) {}

@ArgsType()
export class InconsistencyArgs {
  @Field(() => Int, { description: `Page size, 1-${MAX_PAGE_SIZE}.` })
  first!: number;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => [InconsistencyKind], { nullable: true, description: 'Only these kinds; all when omitted.' })
  kinds?: InconsistencyKind[] | null;
}
