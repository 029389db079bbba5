import { GraphQLLocalDate } from 'graphql-scalars';
import { ArgsType, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, MAX_PAGE_SIZE } from '../graphql/connection.js';
import { Payment } from '../payments/payment.entity.js';
import type { LocalDate } from '../shared/dates.js';
import { Money } from '../shared/money.type.js';

/** DOMAIN.md §4: how a posted payment compares with the accounting ledger, and ledger lines with no payment. */
export enum ReconciliationStatus {
  MATCHED = 'MATCHED',
  DISCREPANCY = 'DISCREPANCY',
  UNMATCHED = 'UNMATCHED',
  LEDGER_ONLY = 'LEDGER_ONLY',
}
registerEnumType(ReconciliationStatus, {
  name: 'ReconciliationStatus',
  valuesConfig: {
    MATCHED: { description: 'A posted payment whose reference has a ledger line with the same amount and currency.' },
    DISCREPANCY: { description: 'A posted payment whose reference has a ledger line with another amount or currency.' },
    UNMATCHED: { description: 'A posted payment whose reference has no ledger line (or that has no reference).' },
    LEDGER_ONLY: { description: 'A ledger line posted in the period whose reference no posted payment carries.' },
  },
});

export const RECONCILIATION_STATUSES = Object.values(ReconciliationStatus);

@ObjectType({ description: 'The result of importing an accounting export.' })
export class LedgerImportPayload {
  @Field({ description: 'The id of this import; every line imported carries it.' })
  batch!: string;

  @Field(() => Int, { description: 'Ledger lines imported.' })
  lines!: number;
}

@ObjectType('LedgerLine', { description: 'A line of an imported accounting export.' })
export class LedgerLineView {
  @Field()
  importBatch!: string;

  @Field(() => Int, { description: 'Its line in the imported file (the header is line 1).' })
  lineNumber!: number;

  @Field()
  reference!: string;

  @Field(() => Money)
  amount!: Money;

  @Field(() => GraphQLLocalDate)
  postedOn!: LocalDate;

  @Field()
  importedAt!: Date;
}

@ObjectType({ description: 'One payment of the period with its ledger line, or one ledger line with no payment.' })
export class ReconciliationItem {
  @Field(() => ReconciliationStatus)
  status!: ReconciliationStatus;

  @Field(() => String, { nullable: true, description: "The payment's external reference, or the ledger line's reference." })
  reference!: string | null;

  @Field(() => Payment, { nullable: true, description: 'Null for LEDGER_ONLY.' })
  payment!: Payment | null;

  @Field(() => Money, { nullable: true, description: 'Null for LEDGER_ONLY.' })
  paymentAmount!: Money | null;

  @Field(() => LedgerLineView, { nullable: true, description: 'The ledger line of the reference; null for UNMATCHED.' })
  ledgerLine!: LedgerLineView | null;

  @Field(() => Money, { nullable: true, description: 'Null for UNMATCHED. Differs from paymentAmount exactly when DISCREPANCY.' })
  ledgerAmount!: Money | null;

  /** The payment's account, resolved (and scoped) by the account loader. */
  accountId!: number | null;
}

@ObjectType()
export class ReconciliationItemConnection extends ConnectionType(ReconciliationItem) {}

@ObjectType({ description: 'How many items of the period have one status, and their amounts per currency.' })
export class ReconciliationTotal {
  @Field(() => ReconciliationStatus)
  status!: ReconciliationStatus;

  @Field(() => Int)
  count!: number;

  @Field(() => [Money], { description: 'Sum of the payment amounts (of the ledger amounts for LEDGER_ONLY), one per currency.' })
  amounts!: Money[];
}

/** The period a reconciliation covers; the items and totals are read on demand. */
@ObjectType({ description: 'Posted payments received in a period matched against the imported accounting ledger (DOMAIN.md §4).' })
export class Reconciliation {
  @Field(() => GraphQLLocalDate, { description: 'First floor calendar day of the period.' })
  from!: LocalDate;

  @Field(() => GraphQLLocalDate, { description: 'Last floor calendar day of the period (inclusive).' })
  to!: LocalDate;

  @Field({ description: 'The floor time zone the days are counted in.' })
  timeZone!: string;

  @Field({ description: 'The instant the period starts (inclusive).' })
  startsAt!: Date;

  @Field({ description: 'The instant the period ends (exclusive).' })
  endsAt!: Date;
}

@ArgsType()
export class ReconciliationPageArgs {
  @Field(() => Int, { description: `Page size, 1-${MAX_PAGE_SIZE}.` })
  first!: number;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => [ReconciliationStatus], { nullable: true, description: 'Only items with these statuses; all when omitted.' })
  statuses?: ReconciliationStatus[] | null;
}
