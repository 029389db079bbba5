import { Field, InputType, Int, registerEnumType } from 'type-graphql';

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection' });

@InputType({ description: 'An inclusive range of whole numbers; either end may be left open.' })
export class IntRange {
  @Field(() => Int, { nullable: true })
  min?: number | null;
  @Field(() => Int, { nullable: true })
  max?: number | null;
}

@InputType({ description: 'An inclusive range of decimal amounts ("1234.56"); either end may be left open.' })
export class AmountRange {
  @Field(() => String, { nullable: true })
  min?: string | null;
  @Field(() => String, { nullable: true })
  max?: string | null;
}

@InputType({ description: 'An instant range [from, to).' })
export class TimeRange {
  @Field(() => Date, { nullable: true })
  from?: Date | null;
  @Field(() => Date, { nullable: true })
  to?: Date | null;
}
