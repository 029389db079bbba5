import { Field, InputType } from 'type-graphql';
import { badInput } from '../graphql/errors.js';
import { isCurrencyCode, parseMinor } from './money.js';

@InputType('MoneyInput', { description: 'An exact amount: a decimal string and its ISO 4217 currency.' })
export class MoneyInput {
  @Field({ description: 'Decimal string, e.g. "150.00".' })
  amount!: string;

  @Field()
  currencyCode!: string;
}

/** Minor units of an amount given in the account's currency; anything else is BAD_USER_INPUT. */
export function minorIn(money: MoneyInput, accountCurrency: string, argument: string): number {
  if (!isCurrencyCode(money.currencyCode)) throw badInput(`${argument}.currencyCode must be an ISO 4217 code.`, { argument });
  if (money.currencyCode !== accountCurrency) {
    throw badInput(`${argument} is in ${money.currencyCode}, but the account is in ${accountCurrency}.`, { argument });
  }
  try {
    return parseMinor(money.amount, accountCurrency);
  } catch (error) {
    throw badInput(`${argument}.amount: ${(error as Error).message}.`, { argument });
  }
}
