import { PORTFOLIO_OF_CURRENCY } from './policy.js';
import { AccountStatus, Product } from '../../accounts/account.entity.js';
import { delinquency, type Bucket } from '../../accounts/buckets.js';
import { PaymentMethod } from '../../payments/payment.entity.js';
import { addDays, daysBetween, type LocalDate } from '../../shared/dates.js';
import { WriteOffStatus } from '../../writeoffs/write-off.entity.js';
import type { Row } from './bulk.js';
import type { SeedContext } from './context.js';
import type { CustomerInfo } from './customers.js';
import { MINUTE } from './floor-time.js';
import { CURRENCY } from './geography.js';
import type { Collector, People, TeamInfo } from './people.js';
import { Weighted, type Prng } from './prng.js';
import { paymentRow } from './outcomes.js';

export interface AccountInfo {
  id: number;
  customer: CustomerInfo;
  collector: Collector | null;
  team: TeamInfo;
  product: Product;
  currency: string;
  balance: number;
  amountDue: number;
  oldestDue: LocalDate | null;
  dpd: number;
  bucket: Bucket;
  /** Instant the write-off was approved; Infinity when not written off. */
  writtenOffAt: number;
  /** Instant of the payment that paid it off; Infinity when still owing. */
  paidOffAt: number;
  payoffAmount: number;
  openedOn: LocalDate;
  /** How eagerly collectors dial it, before the contact policy has its say. */
  dialWeight: number;
  sim: SimState;
}

/** What the call simulation needs to remember per account to respect the contact policy (§6). */
export interface SimState {
  outboundAt: number[];
  lastConversationAt: number;
  disputeUntil: number;
  referralUntil: number;
  /** Last day of the open promise or plan: no new money outcome before it, so settlements never overlap. */
  moneyBusyUntil: LocalDate;
  callbackAt: number;
  /** Payments received since each bucket-snapshot date (index as in snapshots.ts). */
  paidSince: [number, number];
}

const CHUNK = 5000;

interface ProductSpec {
  prefix: string;
  /** Balance range in USD units; MXN balances are the same times 17. */
  range: readonly [number, number];
  /** The monthly amount that falls due, from the balance. */
  monthly: (balance: number, rng: Prng, unit: number) => number;
}

const PRODUCTS: Record<Product, ProductSpec> = {
  CREDIT_CARD: { prefix: 'CC', range: [300, 15_000], monthly: (b, _r, unit) => Math.max(25 * unit, Math.round(b * 0.03)) },
  PERSONAL_LOAN: { prefix: 'PL', range: [1_000, 40_000], monthly: (b, r) => Math.round(b / r.int(12, 48)) },
  AUTO_LOAN: { prefix: 'AL', range: [3_000, 35_000], monthly: (b, r) => Math.round(b / r.int(12, 60)) },
  INSURANCE_PREMIUM: { prefix: 'IP', range: [100, 3_000], monthly: (b, r) => Math.round(b / r.int(3, 12)) },
  MORTGAGE: { prefix: 'MG', range: [40_000, 350_000], monthly: (b, r) => Math.round(b / r.int(120, 300)) },
  OVERDRAFT: { prefix: 'OD', range: [50, 5_000], monthly: (b) => b },
};
const PRODUCT_MIX = new Weighted<Product>([
  [Product.CREDIT_CARD, 45],
  [Product.PERSONAL_LOAN, 22],
  [Product.AUTO_LOAN, 12],
  [Product.INSURANCE_PREMIUM, 8],
  [Product.MORTGAGE, 4],
  [Product.OVERDRAFT, 9],
]);
const BUCKET_MIX = new Weighted<Bucket>([
  ['CURRENT', 15],
  ['B1', 30],
  ['B2', 18],
  ['B3', 12],
  ['B4', 8],
  ['B5', 6],
  ['B6', 5],
  ['CHARGE_OFF', 6],
]);
const DPD_RANGE: Record<Bucket, readonly [number, number]> = {
  CURRENT: [0, 0],
  B1: [1, 29],
  B2: [30, 59],
  B3: [60, 89],
  B4: [90, 119],
  B5: [120, 149],
  B6: [150, 179],
  CHARGE_OFF: [180, 720],
};
const PROPENSITY: Record<Bucket, number> = { CURRENT: 0.8, B1: 0.65, B2: 0.5, B3: 0.4, B4: 0.3, B5: 0.25, B6: 0.2, CHARGE_OFF: 0.1 };
const DIAL_WEIGHT: Record<Bucket, number> = { CURRENT: 0.15, B1: 1, B2: 1.3, B3: 1.3, B4: 1.2, B5: 1.1, B6: 1, CHARGE_OFF: 0.8 };
const WRITE_OFF_REASONS = ['Uncollectable after 180 days past due', 'Customer cannot be located', 'Settled below balance with legal', 'Statute of limitations approaching'];

/** Spreads `accounts` over the customers: one each, the rest to customers drawn at random. */
function accountsPerCustomer(rng: Prng, customers: number, accounts: number): Uint8Array {
  const counts = new Uint8Array(customers).fill(1);
  for (let extra = accounts - customers; extra > 0; extra--) {
    const c = rng.int(0, customers - 1);
    if (counts[c]! < 5) counts[c]! += 1;
    else extra++;
  }
  return counts;
}

export async function seedAccounts(ctx: SeedContext, people: People, customers: CustomerInfo[], total: number): Promise<AccountInfo[]> {
  const rng = ctx.rng('accounts');
  const counts = accountsPerCustomer(rng, customers.length, total);
  const accounts: AccountInfo[] = [];
  let rows = { account: [] as Row[], write_off: [] as Row[], payment: [] as Row[] };
  const flush = async () => {
    await ctx.writer.transaction(async (trx) => {
      await ctx.writer.insert(trx, 'account', rows.account);
      await ctx.writer.insert(trx, 'write_off', rows.write_off);
      await ctx.writer.insert(trx, 'payment', rows.payment);
    });
    rows = { account: [], write_off: [], payment: [] };
    ctx.progress('accounts', accounts.length, total);
  };
  for (let c = 0; c < customers.length; c++) {
    // A customer's accounts sit with one collector, as floors assign by customer.
    const collector = people.collectors[c % people.collectors.length]!;
    const assigned = rng.chance(0.97) ? collector : null;
    for (let n = 0; n < counts[c]!; n++) {
      accounts.push(makeAccount(ctx, rng, people, customers[c]!, assigned, collector.team, rows));
      if (rows.account.length >= CHUNK) await flush();
    }
  }
  await flush();
  return accounts;
}

function makeAccount(
  ctx: SeedContext,
  rng: Prng,
  people: People,
  customer: CustomerInfo,
  collector: Collector | null,
  team: TeamInfo,
  rows: { account: Row[]; write_off: Row[]; payment: Row[] },
): AccountInfo {
  const id = ctx.nextId('account');
  const product = PRODUCT_MIX.pick(rng);
  const spec = PRODUCTS[product];
  const currency = CURRENCY[customer.country];
  const unit = currency === 'MXN' ? 1700 : 100; // minor units per USD-equivalent unit
  const drawBalance = () => Math.round(Math.exp(Math.log(spec.range[0]) + rng.next() * Math.log(spec.range[1] / spec.range[0])) * unit) + rng.int(0, 99);

  let bucket = BUCKET_MIX.pick(rng);
  const paidOff = bucket === 'CURRENT' && rng.chance(0.1);
  const writtenOff = bucket === 'CHARGE_OFF' && rng.chance(0.5);
  // Written-off accounts spent a while in charge-off before a manager approved it.
  const [lo, hi] = writtenOff ? [200, 720] : DPD_RANGE[bucket];
  let dpd = bucket === 'CHARGE_OFF' ? rng.skewedInt(lo, hi) : rng.int(lo, hi);
  const newAccount = bucket === 'CURRENT' && !paidOff && rng.chance(0.1);

  const balance = paidOff ? 0 : drawBalance();
  const monthly = Math.min(balance, spec.monthly(balance, rng, unit));
  let amountDue = 0;
  let oldestDue: LocalDate | null = null;
  if (dpd > 0) {
    oldestDue = addDays(ctx.today, -dpd);
    amountDue = dpd >= 180 ? balance : Math.min(balance, monthly * (Math.floor(dpd / 30) + 1));
  } else if (!paidOff && rng.chance(0.7)) {
    oldestDue = addDays(ctx.today, rng.int(1, 27)); // next instalment, not yet due
    amountDue = monthly;
  }
  ({ dpd, bucket } = delinquency({ oldestUnpaidDueDate: oldestDue, writtenOff }, ctx.today));

  const openedOn = newAccount
    ? addDays(ctx.today, -rng.int(5, 40))
    : randomDate(rng, customer.createdOn, addDays(oldestDue && oldestDue < ctx.today ? oldestDue : ctx.today, -rng.int(30, 120)));
  const propensity = Math.round(Math.min(0.99, Math.max(0.01, PROPENSITY[bucket] + (rng.next() - 0.5) * 0.3)) * 1000) / 1000;
  const canDial = !customer.doNotContact && customer.phones.some((p) => p.valid && !p.doNotCall);

  const account: AccountInfo = {
    id,
    customer,
    collector,
    team,
    product,
    currency,
    balance,
    amountDue,
    oldestDue,
    dpd,
    bucket,
    writtenOffAt: Infinity,
    paidOffAt: Infinity,
    payoffAmount: 0,
    openedOn,
    dialWeight: canDial ? (paidOff ? 1 : writtenOff ? 0.4 : DIAL_WEIGHT[bucket]) * (0.6 + propensity * 0.8) : 0,
    sim: { outboundAt: [], lastConversationAt: -Infinity, disputeUntil: -Infinity, referralUntil: -Infinity, moneyBusyUntil: '', callbackAt: -Infinity, paidSince: [0, 0] },
  };

  if (paidOff) {
    // Paid off during the history: it was being worked until the payment landed.
    account.payoffAmount = drawBalance();
    account.paidOffAt = ctx.clock.at(addDays(ctx.today, -rng.int(1, 55)), rng.int(9 * 60, 20 * 60));
    rows.payment.push(paymentRow(ctx, rng, account, account.payoffAmount, rng.chance(0.6) ? PaymentMethod.BANK_TRANSFER : PaymentMethod.ONLINE, account.paidOffAt, null, null));
  }
  const supervisorId = team.supervisorId;
  if (writtenOff) {
    const decidedOn = addDays(oldestDue!, 180 + rng.int(3, dpd - 183));
    account.writtenOffAt = ctx.clock.at(decidedOn, rng.int(10 * 60, 17 * 60));
    rows.write_off.push(writeOffRow(ctx, rng, account, WriteOffStatus.APPROVED, collector && rng.chance(0.3) ? collector.id : supervisorId, account.writtenOffAt - rng.int(1, 5) * 1440 * MINUTE, people.managerId, account.writtenOffAt));
  } else if (bucket === 'CHARGE_OFF') {
    // A queue for the manager to work, and a few older requests already turned down.
    if (rng.chance(0.12)) {
      rows.write_off.push(writeOffRow(ctx, rng, account, WriteOffStatus.REQUESTED, supervisorId, ctx.nowMs - rng.int(60, 7 * 1440) * MINUTE, null, null));
    } else if (rng.chance(0.05)) {
      const decidedAt = ctx.nowMs - rng.int(20, 90) * 1440 * MINUTE;
      rows.write_off.push(writeOffRow(ctx, rng, account, WriteOffStatus.REJECTED, supervisorId, decidedAt - rng.int(1, 4) * 1440 * MINUTE, people.managerId, decidedAt));
    }
  }

  const status = paidOff ? AccountStatus.PAID_OFF : writtenOff ? AccountStatus.WRITTEN_OFF : AccountStatus.ACTIVE;
  rows.account.push({
    id,
    external_ref: `${spec.prefix}-${String(id).padStart(7, '0')}`,
    customer_id: customer.id,
    product,
    currency,
    portfolio_id: PORTFOLIO_OF_CURRENCY[currency]!,
    balance_minor: balance,
    opening_balance_minor: balance, // raised by the payments posted since, once they are known (seed.ts)
    amount_due_minor: amountDue,
    written_off_minor: writtenOff ? balance : 0,
    oldest_unpaid_due_date: oldestDue,
    dpd,
    bucket,
    status, // DISPUTED, ROUTED and IN_ARRANGEMENT follow from the call history (seed.ts)
    assigned_agent_id: collector?.id ?? null,
    team_id: team.id,
    propensity_score: propensity,
    last_call_id: null,
    opened_on: openedOn,
    created_at: new Date(ctx.clock.at(openedOn, rng.int(8 * 60, 18 * 60))),
    updated_at: ctx.now,
    version: 1,
  });
  return account;
}

function writeOffRow(
  ctx: SeedContext,
  rng: Prng,
  account: AccountInfo,
  status: WriteOffStatus,
  requestedBy: number,
  requestedAt: number,
  decidedBy: number | null,
  decidedAt: number | null,
): Row {
  return {
    id: ctx.nextId('write_off'),
    account_id: account.id,
    amount_minor: account.balance,
    currency: account.currency,
    reason: rng.pick(WRITE_OFF_REASONS),
    status,
    requested_by_id: requestedBy,
    requested_at: new Date(requestedAt),
    decided_by_id: decidedBy,
    decided_at: decidedAt === null ? null : new Date(decidedAt),
  };
}

function randomDate(rng: Prng, from: LocalDate, to: LocalDate): LocalDate {
  const span = daysBetween(from, to);
  return span <= 0 ? from : addDays(from, rng.int(0, span));
}
