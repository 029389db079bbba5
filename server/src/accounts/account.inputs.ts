import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { AmountRange, IntRange, OrderDirection } from '../graphql/common.inputs.js';
import { AccountStatus, BucketEnum, Product } from './account.entity.js';
import type { Bucket } from './buckets.js';

@InputType({ description: 'All given conditions must hold.' })
export class AccountFilter {
  @Field(() => [BucketEnum], { nullable: true })
  buckets?: Bucket[] | null;

  @Field(() => [AccountStatus], { nullable: true })
  statuses?: AccountStatus[] | null;

  @Field(() => [Product], { nullable: true })
  products?: Product[] | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217 code.' })
  currency?: string | null;

  @Field(() => ID, { nullable: true })
  teamId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The assigned agent.' })
  agentId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only accounts with no assigned agent.' })
  unassigned?: boolean | null;

  @Field(() => IntRange, { nullable: true, description: 'Days past due.' })
  dpd?: IntRange | null;

  @Field(() => AmountRange, { nullable: true, description: 'Outstanding balance, in the account currency.' })
  balance?: AmountRange | null;

  @Field(() => String, { nullable: true, description: 'Part of the customer name, or the start of the external reference.' })
  search?: string | null;
}

export enum AccountOrderField {
  DPD = 'DPD',
  BALANCE = 'BALANCE',
  EXTERNAL_REF = 'EXTERNAL_REF',
  UPDATED_AT = 'UPDATED_AT',
  ID = 'ID',
}
registerEnumType(AccountOrderField, { name: 'AccountOrderField' });

@InputType()
export class AccountOrder {
  @Field(() => AccountOrderField)
  field!: AccountOrderField;

  @Field(() => OrderDirection)
  direction!: OrderDirection;
}
