/**
 * One currency for figures that add up money across a floor collecting in USD and MXN: targets,
 * bucket goals and money KPIs (DOMAIN.md §7) are minor units of the floor currency. USD converts at a
 * fixed rate, so a figure never moves with an exchange rate after it was counted.
 */
export const FLOOR_CURRENCY = 'MXN';
export const MXN_PER_USD = 17;

/** Floor-currency units per unit of each currency the floor collects in (all with two decimals). */
export const FLOOR_RATES: Readonly<Record<string, number>> = { MXN: 1, USD: MXN_PER_USD };

/**
 * Minor units of `currency` as minor units of the floor currency; exact (whole rates only). A currency
 * without a rate counts at par, as the seeder always did: the floor only holds USD and MXN accounts.
 */
export function toFloorCurrency(minor: number, currency: string): number {
  return minor * (FLOOR_RATES[currency] ?? 1);
}

/** The same conversion as a SQL expression over an amount column and its currency column. */
export function floorCurrencySql(amount: string, currency: string): string {
  const cases = Object.entries(FLOOR_RATES)
    .filter(([, rate]) => rate !== 1)
    .map(([code, rate]) => `when ${currency} = '${code}' then ${amount} * ${rate}`)
    .join(' ');
  return cases ? `(case ${cases} else ${amount} end)` : amount;
}
