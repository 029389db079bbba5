import { Field, ObjectType } from 'type-graphql';
import { formatMinor } from './money.js';

@ObjectType('Money', { description: 'An exact amount: a decimal string and its ISO 4217 currency (like MoneyV2).' })
export class Money {
  @Field({ description: 'Decimal string, e.g. "1234.56"; never a float.' })
  amount!: string;

  @Field({ description: 'ISO 4217 currency code.' })
  currencyCode!: string;

  static of(minor: number, currency: string): Money {
    const m = new Money();
    m.amount = formatMinor(minor, currency);
    m.currencyCode = currency;
    return m;
  }
}
