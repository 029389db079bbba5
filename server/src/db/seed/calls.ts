import { CallDirection } from '../../calls/call.entity.js';
import { Disposition, isContact, isRightPartyContact } from '../../calls/dispositions.js';
import { ContactPointChangeKind } from '../../customers/contact-point-change.entity.js';
import { PhoneType } from '../../customers/contact-point.entity.js';
import { addDays, type LocalDate } from '../../shared/dates.js';
import type { AccountInfo } from './accounts.js';
import type { Row } from './bulk.js';
import type { SeedContext } from './context.js';
import type { Phone } from './customers.js';
import { DAY, HOUR, isWorkingDay, MINUTE } from './floor-time.js';
import { CALL_WINDOW } from './geography.js';
import { canArrangePlan, canTakeMoney, recordDispute, recordPaymentTaken, recordPlan, recordPromise, recordReferral, type CallFacts, type OutcomeRows } from './outcomes.js';
import { presenceRows, shiftOf, type Collector, type People, type Shift } from './people.js';
import { Weighted, type Prng } from './prng.js';

/**
 * About 150,000 calls for 24,000 accounts over the 60 days. Planned a little above 6.25 per account:
 * some slots find nobody the contact policy allows, and today is only partly over.
 */
const CALLS_PER_ACCOUNT = 6.45;
const D = Disposition;

const RPC_SPLIT: ReadonlyArray<readonly [Disposition, number]> = [
  [D.PROMISE_TO_PAY, 35],
  [D.PAYMENT_TAKEN, 10],
  [D.REFUSED_TO_PAY, 17],
  [D.CALLBACK_REQUESTED, 14],
  [D.HARDSHIP, 10],
  [D.PAYMENT_PLAN, 5],
  [D.DISPUTE, 3],
  [D.ROUTED, 3],
  [D.ALREADY_PAID, 2],
];
const rpcShare = (share: number) => RPC_SPLIT.map(([d, w]) => [d, (w * share) / 99] as const);
// Outbound right-party share sits below 30% because inbound calls are nearly all right party.
const OUTBOUND = new Weighted<Disposition>([
  [D.NO_ANSWER, 39],
  [D.ANSWERING_MACHINE_MESSAGE, 12],
  [D.ANSWERING_MACHINE_NO_MESSAGE, 8],
  [D.BUSY, 5.5],
  [D.DROPPED, 2],
  [D.DISCONNECTED_NUMBER, 2.2],
  [D.THIRD_PARTY_MESSAGE, 3.5],
  [D.THIRD_PARTY_NO_MESSAGE, 2.5],
  [D.WRONG_NUMBER, 2.2],
  ...rpcShare(23),
]);
const INBOUND = new Weighted<Disposition>([[D.THIRD_PARTY_MESSAGE, 4], [D.THIRD_PARTY_NO_MESSAGE, 2], [D.DROPPED, 4], ...rpcShare(90)]);
const NO_MONEY = new Weighted<Disposition>([[D.REFUSED_TO_PAY, 40], [D.CALLBACK_REQUESTED, 35], [D.HARDSHIP, 25]]);
const MONEY = new Set<Disposition>([D.PROMISE_TO_PAY, D.PAYMENT_TAKEN, D.PAYMENT_PLAN]);

/** Seconds of talk for a contact; non-contacts talk 0 (§3). */
const TALK: Partial<Record<Disposition, readonly [number, number]>> = {
  PROMISE_TO_PAY: [180, 600],
  PAYMENT_TAKEN: [240, 900],
  PAYMENT_PLAN: [300, 900],
  REFUSED_TO_PAY: [60, 300],
  HARDSHIP: [180, 600],
  CALLBACK_REQUESTED: [30, 120],
  DISPUTE: [120, 600],
  ROUTED: [60, 300],
  ALREADY_PAID: [90, 400],
  THIRD_PARTY_MESSAGE: [30, 150],
  THIRD_PARTY_NO_MESSAGE: [30, 90],
  WRONG_NUMBER: [30, 60],
};
/** Seconds from dialling to the end of a call nobody answered (a left message counts here). */
const RING: Partial<Record<Disposition, readonly [number, number]>> = {
  NO_ANSWER: [20, 45],
  BUSY: [2, 6],
  ANSWERING_MACHINE_MESSAGE: [35, 70],
  ANSWERING_MACHINE_NO_MESSAGE: [15, 38],
  DROPPED: [3, 20],
  DISCONNECTED_NUMBER: [2, 8],
};
const REASONS: Partial<Record<Disposition, readonly [number, readonly string[]]>> = {
  PROMISE_TO_PAY: [0.6, ['WAITING_FOR_PAYDAY', 'FORGOT', 'OTHER_DEBTS']],
  PAYMENT_TAKEN: [0.3, ['FORGOT', 'WAITING_FOR_PAYDAY']],
  PAYMENT_PLAN: [0.7, ['REDUCED_INCOME', 'UNEMPLOYED', 'OTHER_DEBTS']],
  REFUSED_TO_PAY: [0.85, ['NO_INTENTION', 'DISPUTES_AMOUNT', 'OTHER_DEBTS', 'UNEMPLOYED']],
  HARDSHIP: [1, ['JOB_LOSS', 'MEDICAL', 'REDUCED_INCOME', 'FAMILY_EMERGENCY', 'NATURAL_DISASTER', 'DIVORCE']],
  CALLBACK_REQUESTED: [0.5, ['BUSY_AT_WORK', 'NEEDS_TO_CHECK']],
  DISPUTE: [0.6, ['DISPUTES_AMOUNT']],
};
const NOTES: Partial<Record<Disposition, readonly string[]>> = {
  PROMISE_TO_PAY: ['Will pay on payday', 'Promised after confirming the amount'],
  PAYMENT_TAKEN: ['Card payment taken during the call'],
  PAYMENT_PLAN: ['Agreed to instalments'],
  REFUSED_TO_PAY: ['Refuses to pay until the statement is reviewed'],
  HARDSHIP: ['Asked about hardship options'],
  CALLBACK_REQUESTED: ['Driving; asked to be called later'],
  DISPUTE: ['Disputes the late fees'],
  ROUTED: ['Transferred at the customer’s request'],
  ALREADY_PAID: ['Says paid at a branch; receipt requested'],
  THIRD_PARTY_MESSAGE: ['Left a callback number with a relative'],
  WRONG_NUMBER: ['Number belongs to someone else'],
};

interface Slot {
  collector: Collector;
  direction: CallDirection;
  disposition: Disposition;
  start: number;
  ring: number;
  talk: number;
  wrap: number;
}

interface DayRows extends OutcomeRows {
  agent_status_change: Row[];
  call: Row[];
  contact_point_change: Row[];
}

/** A collector's accounts with cumulative dial weights, for O(log n) weighted picks. */
class Portfolio {
  readonly accounts: AccountInfo[] = [];
  private cumulative: number[] = [];

  add(account: AccountInfo): void {
    this.accounts.push(account);
    this.cumulative.push((this.cumulative.at(-1) ?? 0) + account.dialWeight);
  }

  pickWeighted(rng: Prng): AccountInfo | null {
    const total = this.cumulative.at(-1) ?? 0;
    if (total <= 0) return null;
    const r = rng.next() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return this.accounts[lo]!;
  }
}

export interface CallHistory {
  /** Phones found invalid by a call; the contact_point rows are updated afterwards. */
  invalidPhoneIds: number[];
  /** Working days before today: the denominator of the per-day averages behind targets. */
  finishedWorkingDays: number;
}

/** `calls`, when given, is the size of the history asked for; otherwise it follows the accounts. */
export async function seedCalls(ctx: SeedContext, people: People, accounts: AccountInfo[], calls?: number): Promise<CallHistory> {
  const sim = new CallSimulation(ctx, people, accounts);
  let workingDays = 0;
  for (let d = 0; d < ctx.historyDays; d++) if (isWorkingDay(addDays(ctx.historyStart, d))) workingDays++;
  // About 7% of the slots of a benchmark floor find nobody the contact policy allows (measured at 30k-100k accounts).
  const planned = calls === undefined ? accounts.length * CALLS_PER_ACCOUNT : calls * 1.075;
  const perCollectorDay = planned / Math.max(1, people.collectors.length * workingDays);

  for (let d = 0; d < ctx.historyDays; d++) {
    const date = addDays(ctx.historyStart, d);
    if (isWorkingDay(date)) {
      const rows = sim.day(date, perCollectorDay);
      await ctx.writer.transaction(async (trx) => {
        // Parents before children: calls before their outcomes, plans before instalments.
        for (const table of ['agent_status_change', 'call', 'promise_to_pay', 'payment', 'payment_plan', 'instalment', 'dispute', 'referral', 'contact_point_change'] as const) {
          await ctx.writer.insert(trx, table, rows[table]);
        }
      });
    }
    ctx.progress('calls', d + 1, ctx.historyDays);
  }
  return { invalidPhoneIds: sim.invalidPhoneIds, finishedWorkingDays: workingDays - (isWorkingDay(ctx.today) ? 1 : 0) };
}

class CallSimulation {
  readonly invalidPhoneIds: number[] = [];
  private readonly rng: Prng;
  private readonly portfolios = new Map<number, Portfolio>();
  private readonly unassigned = new Map<number, AccountInfo[]>();
  private readonly callbacks = new Map<number, Array<{ account: AccountInfo; at: number }>>();
  private date: LocalDate = '';

  constructor(private readonly ctx: SeedContext, private readonly people: People, accounts: AccountInfo[]) {
    this.rng = ctx.rng('calls');
    for (const c of people.collectors) {
      this.portfolios.set(c.id, new Portfolio());
      this.callbacks.set(c.id, []);
    }
    for (const t of people.teams) this.unassigned.set(t.id, []);
    for (const a of accounts) {
      if (a.collector) this.portfolios.get(a.collector.id)!.add(a);
      else this.unassigned.get(a.team.id)!.push(a);
    }
  }

  day(date: LocalDate, perCollectorDay: number): DayRows {
    this.date = date;
    const rows: DayRows = { agent_status_change: [], call: [], contact_point_change: [], promise_to_pay: [], payment: [], payment_plan: [], instalment: [], dispute: [], referral: [] };
    const slots: Slot[] = [];
    for (const collector of this.people.collectors) {
      const shift = shiftOf(this.ctx, collector, date);
      rows.agent_status_change.push(...presenceRows(this.ctx, collector, shift));
      const count = Math.round(perCollectorDay * (0.85 + this.rng.next() * 0.3));
      slots.push(...this.planShift(collector, shift, count));
    }
    // Filling slots in time order across the floor keeps every account's history chronological.
    slots.sort((a, b) => a.start - b.start || a.collector.id - b.collector.id);
    for (const slot of slots) this.fill(slot, rows);
    return rows;
  }

  /** Lays `count` calls over the shift with idle gaps between them, skipping lunch and the future. */
  private planShift(collector: Collector, shift: Shift, count: number): Slot[] {
    const drafts: Slot[] = [];
    let busy = 0;
    for (let i = 0; i < count; i++) {
      const direction = this.rng.chance(0.1) ? CallDirection.INBOUND : CallDirection.OUTBOUND;
      const disposition = (direction === CallDirection.INBOUND ? INBOUND : OUTBOUND).pick(this.rng);
      const contact = isContact(disposition);
      const ringRange = contact ? (direction === CallDirection.INBOUND ? [2, 15] : [3, 25]) : RING[disposition] ?? [5, 30];
      const ring = this.rng.int(ringRange[0]!, ringRange[1]!);
      const talkRange = TALK[disposition];
      const talk = contact && talkRange ? this.rng.int(talkRange[0], talkRange[1]) : 0;
      const wrap = contact ? this.rng.int(20, 120) : this.rng.int(5, 30);
      drafts.push({ collector, direction, disposition, start: 0, ring, talk, wrap });
      busy += ring + talk + wrap;
    }
    const beforeLunch = (shift.lunchStart - shift.start) / 1000;
    const working = beforeLunch + (shift.end - shift.lunchEnd) / 1000;
    const gaps = drafts.map(() => 0.2 + this.rng.next());
    const gapScale = Math.max(0, working - busy) / gaps.reduce((s, g) => s + g, 0);
    // A shift booked beyond its length is a predictive dialer's: it dials ahead, so calls overlap.
    const overlap = Math.min(1, working / busy);
    const slots: Slot[] = [];
    let p = 0; // seconds of working time used
    for (let i = 0; i < drafts.length; i++) {
      const slot = drafts[i]!;
      const length = slot.ring + slot.talk + slot.wrap;
      p = Math.ceil(p + gaps[i]! * gapScale); // whole seconds, like a real switch records them
      if (p < beforeLunch && p + length > beforeLunch) p = beforeLunch;
      if (p + length * overlap > working) break;
      slot.start = p < beforeLunch ? shift.start + p * 1000 : shift.lunchEnd + (p - beforeLunch) * 1000;
      p += overlap === 1 ? length : length * overlap;
      if (slot.start + length * 1000 > this.ctx.nowMs) break;
      slots.push(slot);
    }
    return slots;
  }

  private fill(slot: Slot, rows: DayRows): void {
    const t = slot.start;
    const target = slot.direction === CallDirection.OUTBOUND ? this.chooseOutbound(slot.collector, t) : this.chooseInbound(slot.collector);
    if (!target) return; // nobody could lawfully be called: the collector stayed idle
    const { account, phone } = target;
    const disposition = this.settle(slot.disposition, account, t);
    const ctx = this.ctx;
    const id = ctx.nextId('call');
    const answeredAt = isContact(disposition) ? t + slot.ring * 1000 : null;
    const endedAt = t + (slot.ring + slot.talk) * 1000;
    const createdAt = endedAt + slot.wrap * 1000;
    const [reasonChance, reasons] = REASONS[disposition] ?? [0, []];
    const notes = NOTES[disposition];
    const callbackAt = disposition === D.CALLBACK_REQUESTED ? this.callbackTime(createdAt) : null;
    rows.call.push({
      id,
      account_id: account.id,
      agent_id: slot.collector.id,
      team_id: slot.collector.team.id,
      direction: slot.direction,
      phone_id: phone.id,
      phone_number: phone.number,
      started_at: new Date(t),
      answered_at: answeredAt === null ? null : new Date(answeredAt),
      ended_at: new Date(endedAt),
      talk_seconds: slot.talk,
      wrap_seconds: slot.wrap,
      disposition,
      reason_code: this.rng.chance(reasonChance) ? this.rng.pick(reasons) : null,
      notes: notes && this.rng.chance(0.2) ? this.rng.pick(notes) : null,
      script_version: this.date < addDays(ctx.today, -25) ? 'v2' : 'v3', // v3 of the call model went live 25 days ago
      callback_at: callbackAt === null ? null : new Date(callbackAt),
      created_at: new Date(createdAt),
    });

    const s = account.sim;
    if (slot.direction === CallDirection.OUTBOUND) {
      s.outboundAt.push(t);
      if (s.outboundAt.length > 7) s.outboundAt.shift();
    }
    if (isRightPartyContact(disposition)) s.lastConversationAt = t;
    if (t < ctx.todayStartMs) {
      if (slot.direction === CallDirection.OUTBOUND) ctx.tally.add(slot.collector.id, 'ATTEMPTS', 1);
      if (isRightPartyContact(disposition)) ctx.tally.add(slot.collector.id, 'RIGHT_PARTY_CONTACTS', 1);
    }

    const call: CallFacts = { id, collector: slot.collector, account, date: this.date, startedAt: t, createdAt };
    switch (disposition) {
      case D.PROMISE_TO_PAY: return recordPromise(ctx, this.rng, call, rows);
      case D.PAYMENT_TAKEN: return recordPaymentTaken(ctx, this.rng, call, rows);
      case D.PAYMENT_PLAN: return recordPlan(ctx, this.rng, call, rows);
      case D.DISPUTE:
      case D.ALREADY_PAID: return recordDispute(ctx, this.rng, call, disposition, rows);
      case D.ROUTED: return recordReferral(ctx, this.rng, call, rows);
      case D.CALLBACK_REQUESTED:
        s.callbackAt = callbackAt!;
        this.callbacks.get(slot.collector.id)!.push({ account, at: callbackAt! });
        return;
      case D.WRONG_NUMBER:
      case D.DISCONNECTED_NUMBER:
        phone.valid = false;
        this.invalidPhoneIds.push(phone.id);
        rows.contact_point_change.push({
          id: ctx.nextId('contact_point_change'),
          customer_id: account.customer.id,
          contact_point_id: phone.id,
          change: ContactPointChangeKind.INVALIDATED,
          old_value: phone.number,
          new_value: null,
          changed_by_id: slot.collector.id,
          source: 'CALL',
          reason: disposition,
          at: new Date(createdAt),
        });
        return;
      default:
        return;
    }
  }

  /** The drafted outcome, unless the account cannot have it right now. */
  private settle(drafted: Disposition, account: AccountInfo, t: number): Disposition {
    let d = drafted;
    if (MONEY.has(d)) {
      if (!canTakeMoney(account, this.date)) d = NO_MONEY.pick(this.rng);
      else if (d === D.PAYMENT_PLAN && !canArrangePlan(account)) d = D.PROMISE_TO_PAY;
    }
    if ((d === D.DISPUTE || d === D.ALREADY_PAID) && t < account.sim.disputeUntil) d = D.CALLBACK_REQUESTED;
    if (d === D.ROUTED && t < account.sim.referralUntil) d = D.CALLBACK_REQUESTED;
    return d;
  }

  private chooseOutbound(collector: Collector, t: number): { account: AccountInfo; phone: Phone } | null {
    // A callback the customer asked for comes first, and is exempt from the after-conversation rule.
    const queue = this.callbacks.get(collector.id)!;
    for (let i = 0; i < queue.length; i++) {
      const cb = queue[i]!;
      if (cb.account.sim.callbackAt !== cb.at || cb.at < t - 2 * HOUR) {
        queue.splice(i--, 1);
        continue;
      }
      if (cb.at <= t + 10 * MINUTE) {
        const phone = this.dialablePhone(cb.account, t, true);
        if (phone) {
          queue.splice(i, 1);
          return { account: cb.account, phone };
        }
      }
    }
    const portfolio = this.portfolios.get(collector.id)!;
    for (let tries = 0; tries < 12; tries++) {
      const account = portfolio.pickWeighted(this.rng);
      if (!account) return null;
      const phone = this.dialablePhone(account, t, false);
      if (phone) return { account, phone };
    }
    return null;
  }

  /** Inbound calls are always allowed (§6): the customer rings their collector, or the team for unassigned accounts. */
  private chooseInbound(collector: Collector): { account: AccountInfo; phone: Phone } | null {
    const own = this.portfolios.get(collector.id)!.accounts;
    const pool = this.unassigned.get(collector.team.id)!;
    const source = pool.length > 0 && (own.length === 0 || this.rng.chance(0.15)) ? pool : own;
    if (source.length === 0) return null;
    const account = this.rng.pick(source);
    const phones = account.customer.phones;
    const valid = phones.filter((p) => p.valid);
    return { account, phone: valid.length > 0 ? this.rng.pick(valid) : phones[0]! };
  }

  /** A phone the contact policy (§6) lets us dial now, or null. */
  private dialablePhone(account: AccountInfo, t: number, callback: boolean): Phone | null {
    const s = account.sim;
    const customer = account.customer;
    if (customer.doNotContact || t >= account.paidOffAt || t < s.disputeUntil || t < s.referralUntil) return null;
    if (s.outboundAt.length >= 7 && s.outboundAt[s.outboundAt.length - 7]! > t - 7 * DAY) return null;
    if (!callback && s.lastConversationAt > t - 7 * DAY) return null;
    const [from, to] = CALL_WINDOW[customer.country];
    const inWindow = (zone: string) => {
      const m = this.ctx.clock.minutesInto(this.date, t, zone);
      return m >= from && m < to;
    };
    if (!inWindow(customer.timeZone)) return null;
    const phones = customer.phones.filter((p) => p.valid && !p.doNotCall && (p.type !== PhoneType.MOBILE || p.dialerConsent) && inWindow(p.timeZone));
    return phones.length > 0 ? this.rng.pick(phones) : null;
  }

  /** A floor-time slot the customer picked on a working day, at least an hour after the call. */
  private callbackTime(after: number): number {
    for (let k = this.rng.int(0, 3); ; k++) {
      const date = addDays(this.date, k);
      const at = this.ctx.clock.at(date, this.rng.int(10 * 60, 18 * 60));
      if (isWorkingDay(date) && at >= after + HOUR) return at;
    }
  }
}
