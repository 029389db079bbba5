/**
 * One simulated collector working the floor through the API, as a person at the agent desk would:
 * available, next account, read it, check the contact policy, dial, talk, wrap up, record the call
 * with what the customer agreed, now and then a break; inbound calls and patience when nothing can be
 * called.
 */
import type { Prng } from '../db/seed/prng.js';
import { policyCeilings } from '../plans/plan-rules.js';
import { DEFAULT_POLICY } from '../shared/policy.js';
import { localDateIn, type LocalDate } from '../shared/dates.js';
import { parseMinor } from '../shared/money.js';
import { drawDisposition, drawLength, fitWithin, isAnswered, settleDisposition, type AccountState, type Direction } from './call-mix.js';
import { callInput } from './call-input.js';
import { SimulatorRequestError, type GraphQLClient } from './graphql-client.js';
import {
  ACCOUNT,
  CONTACT_CHECK,
  LOGIN,
  MY_DAY,
  NEXT_ACCOUNT,
  PORTFOLIO,
  RECORD_CALL,
  SET_STATUS,
  type AccountView,
  type WorklistItemView,
} from './operations.js';
import type { PlanCeilings } from './outcome-terms.js';
import { idleSeconds, lunch, lunchStartMinute, pauseAfterCall, pauseWhenIdle, READ_ACCOUNT_SECONDS, type Pause } from './pacing.js';
import type { SimTime } from './sim-time.js';
import { TOLERATED_CODES, type SimulatorStats } from './stats.js';
import { callTimes, floorMinuteOf } from './timeline.js';

export interface SimLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/** What every agent of one run shares. */
export interface FloorContext {
  client: GraphQLClient;
  time: SimTime;
  floorTimeZone: string;
  /** Wall-clock milliseconds per floor second (pacing.ts). */
  wallPerFloorSecond: number;
  stats: SimulatorStats;
  log: SimLogger;
  signal: AbortSignal;
  /** Unique per run, so idempotency keys of two runs never meet. */
  runTag: string;
  /** Reserves one call of the run's budget; false once it is spent. */
  startCall(): boolean;
  /** Gives back a reservation whose call was not recorded. */
  cancelCall(): void;
  /** A reserved call was recorded (or given back): the run may be over. */
  callFinished(): void;
  /** Accounts some simulated agent is on a call with right now (a lease can lapse during a long call). */
  onCall: Set<string>;
  /** Plan ceilings per bucket (treatment strategies); the policy defaults for a bucket not listed. */
  ceilings: Map<string, PlanCeilings>;
}

/** What an agent may agree alone where no treatment strategy says otherwise (DOMAIN.md §4). */
const DEFAULT_CEILINGS: PlanCeilings = policyCeilings(DEFAULT_POLICY);
/** Share of idle rounds in which a customer rings in. */
const INBOUND_CHANCE = 0.4;
/** Even at a compressed pace an idle agent waits this long before asking again, so an empty floor is not hammered. */
const MIN_IDLE_WALL_MS = 250;
const ERROR_BACKOFF_WALL_MS = 2_000;
const PORTFOLIO_REUSE = 50;
const OPEN_PLAN = new Set(['ACTIVE', 'PENDING_APPROVAL', 'PROPOSED']);
const CALLABLE_STATUSES = new Set(['ACTIVE', 'IN_ARRANGEMENT']);

interface Call {
  account: AccountView;
  direction: Direction;
  phoneId: string | null;
  /** Server time the nextAccount lease lapses; a team-pool account must be recorded before it. */
  leaseExpiresAt?: Date;
}

/** Recorded this long before the lease lapses, for the requests on the way. */
const LEASE_MARGIN_MS = 20_000;

export class SimulatedAgent {
  private token: string | null = null;
  private agentId: string | null = null;
  private presence: string | null = null;
  private emptyRounds = 0;
  private callSeq = 0;
  private portfolio: { ids: string[]; uses: number } | null = null;
  private readonly lunchAt: number;
  private lunchTakenOn: LocalDate | null = null;

  constructor(
    private readonly floor: FloorContext,
    readonly email: string,
    private readonly password: string,
    private readonly number: number,
    private readonly rng: Prng,
  ) {
    this.lunchAt = lunchStartMinute(rng);
  }

  /** Works until the run is stopped or its call budget is spent; signs off (OFFLINE) on the way out. */
  async run(): Promise<void> {
    const { time, signal } = this.floor;
    time.join();
    try {
      while (!signal.aborted && !this.token) {
        try {
          await this.login();
        } catch (error) {
          this.failed(error);
          if (error instanceof SimulatorRequestError && error.code === 'UNAUTHENTICATED') return;
          await time.sleep(ERROR_BACKOFF_WALL_MS * 5, signal);
        }
      }
      // Signed in at once (so a stop signs everyone off), at their desks over a minute or so.
      await this.sleepFloor(this.rng.int(0, 60));
      while (!signal.aborted) {
        try {
          if (!(await this.step())) break;
        } catch (error) {
          this.failed(error);
          await time.sleep(ERROR_BACKOFF_WALL_MS, signal);
        }
      }
    } finally {
      if (this.token && this.presence !== 'OFFLINE') {
        await this.setStatus('OFFLINE').catch((error: unknown) => this.failed(error));
      }
      time.leave();
    }
  }

  /** One round of work; false when the run's call budget is spent. */
  private async step(): Promise<boolean> {
    if (await this.lunchIfDue()) return true;
    await this.setStatus('AVAILABLE');
    const item = await this.request<{ nextAccount: WorklistItemView | null }>('SimNextAccount', NEXT_ACCOUNT);
    const next = item.nextAccount;
    if (!next || this.floor.onCall.has(next.account.id)) return this.idle();
    this.emptyRounds = 0;
    await this.sleepFloor(this.rng.int(READ_ACCOUNT_SECONDS[0], READ_ACCOUNT_SECONDS[1]));
    const check = await this.request<{ contactCheck: { allowed: boolean; blockedBy: string[] } }>('SimContactCheck', CONTACT_CHECK, {
      accountId: next.account.id,
      phoneId: next.phone.id,
    });
    if (!check.contactCheck.allowed) {
      // The worklist said yes a moment ago; the policy has the last word (§6): not this one, next.
      this.floor.stats.blockedBeforeDial++;
      this.floor.log.debug({ agent: this.number, blockedBy: check.contactCheck.blockedBy }, 'contact not allowed: next account');
      await this.sleepFloor(this.rng.int(5, 15), MIN_IDLE_WALL_MS);
      return true;
    }
    if (!this.floor.startCall()) return false;
    const poolAccount = next.account.assignedAgent?.id !== this.agentId;
    const leaseExpiresAt = poolAccount && next.leaseExpiresAt ? new Date(next.leaseExpiresAt) : undefined;
    await this.work({ account: next.account, direction: 'OUTBOUND', phoneId: next.phone.id, leaseExpiresAt });
    await this.pauseAfterCall();
    return true;
  }

  /** Nothing to call: a customer may ring in; otherwise wait at the desk (or go to training) a while. */
  private async idle(): Promise<boolean> {
    this.emptyRounds++;
    if (this.rng.chance(INBOUND_CHANCE)) {
      const call = await this.inboundCall();
      if (call) {
        if (!this.floor.startCall()) return false;
        await this.work(call);
        return true;
      }
    }
    const pause = pauseWhenIdle(this.emptyRounds, this.rng);
    if (pause) await this.pause(pause);
    else await this.sleepFloor(idleSeconds(this.emptyRounds, this.rng), MIN_IDLE_WALL_MS);
    return true;
  }

  /** A customer of this agent's portfolio rings in: inbound calls are always allowed (§6). */
  private async inboundCall(): Promise<Call | null> {
    if (!this.portfolio || this.portfolio.uses >= PORTFOLIO_REUSE) {
      const page = await this.request<{ accounts: { nodes: Array<{ id: string }> } }>('SimPortfolio', PORTFOLIO);
      this.portfolio = { ids: page.accounts.nodes.map((n) => n.id), uses: 0 };
    }
    if (this.portfolio.ids.length === 0) return null;
    this.portfolio.uses++;
    const id = this.rng.pick(this.portfolio.ids);
    if (this.floor.onCall.has(id)) return null;
    const { account } = await this.request<{ account: AccountView }>('SimAccount', ACCOUNT, { id });
    if (!CALLABLE_STATUSES.has(account.status)) return null;
    const phone = account.customer?.contactPoints.find((p) => p.kind === 'PHONE' && p.status !== 'INVALID');
    return { account, direction: 'INBOUND', phoneId: phone?.id ?? null };
  }

  /** The call itself: on the phone, wrap-up, then the call recorded with everything it implies. */
  private async work(call: Call): Promise<void> {
    const { floor, rng } = this;
    const accountId = call.account.id;
    floor.onCall.add(accountId);
    let recorded = false;
    try {
      const state = accountState(call.account);
      const disposition = settleDisposition(drawDisposition(rng, call.direction), state, rng);
      const dialledAt = floor.time.now();
      let length = drawLength(rng, disposition, call.direction);
      if (call.leaseExpiresAt && floor.wallPerFloorSecond > 0) {
        // The server's clock runs with the wall clock (or stands still): a floor second costs wallPerFloorSecond of it.
        const leftMs = call.leaseExpiresAt.getTime() - dialledAt.getTime() - LEASE_MARGIN_MS;
        length = fitWithin(length, leftMs / 1000 / floor.wallPerFloorSecond);
      }
      await this.setStatus('ON_CALL');
      const answered = isAnswered(disposition);
      await this.sleepFloor(length.ringSeconds + (answered ? length.talkSeconds : 0));
      // Stopped mid-call: the agent hangs up; a call that did not happen in full is not recorded.
      if (floor.signal.aborted) return;
      await this.setStatus('WRAP_UP');
      await this.sleepFloor(length.wrapSeconds);
      if (floor.signal.aborted) return;
      const times = callTimes(dialledAt, length, answered, floor.time.now());
      const input = callInput({
        account: call.account,
        direction: call.direction,
        phoneId: call.phoneId,
        disposition,
        state,
        times,
        length,
        today: localDateIn(floor.time.now(), floor.floorTimeZone),
        floorTimeZone: floor.floorTimeZone,
        ceilings: floor.ceilings.get(call.account.bucket) ?? DEFAULT_CEILINGS,
        paymentKey: `sim-${floor.runTag}-${this.number}-${++this.callSeq}`,
        rng,
      });
      try {
        const result = await this.request<{ recordCall: { id: string; createdAt: string } }>('SimRecordCall', RECORD_CALL, { input });
        floor.time.observe?.(new Date(result.recordCall.createdAt));
        recorded = true;
        floor.stats.callRecorded(disposition, call.direction);
      } catch (error) {
        if (error instanceof SimulatorRequestError && TOLERATED_CODES.has(error.code)) {
          floor.stats.refusal(error.code);
          floor.log.debug({ agent: this.number, code: error.code, disposition }, 'call refused: next account');
          return;
        }
        throw error;
      }
    } finally {
      floor.onCall.delete(accountId);
      if (!recorded) floor.cancelCall();
      floor.callFinished();
    }
  }

  private async pauseAfterCall(): Promise<void> {
    const pause = pauseAfterCall(this.rng);
    if (pause) await this.pause(pause);
  }

  /** Lunch once a floor day, from the agent's own start time. */
  private async lunchIfDue(): Promise<boolean> {
    const now = this.floor.time.now();
    const today = localDateIn(now, this.floor.floorTimeZone);
    const minute = floorMinuteOf(now, this.floor.floorTimeZone);
    if (this.lunchTakenOn === today || minute < this.lunchAt || minute > this.lunchAt + 120) return false;
    this.lunchTakenOn = today;
    await this.pause(lunch(this.rng));
    return true;
  }

  private async pause(pause: Pause): Promise<void> {
    await this.setStatus('PAUSED', pause.reason);
    await this.sleepFloor(pause.seconds);
  }

  private async login(): Promise<void> {
    const { login } = await this.floor.client.request<{ login: { token: string; agent: { id: string } } }>('SimLogin', LOGIN, {
      email: this.email,
      password: this.password,
    });
    this.token = login.token;
    this.agentId = login.agent.id;
    // The desk opens on the agent's figures for the day; their asOf is the server's clock.
    const date = localDateIn(new Date(), this.floor.floorTimeZone);
    const day = await this.request<{ kpis: { asOf: string } }>('SimMyDay', MY_DAY, { agentId: this.agentId, date });
    this.floor.time.observe?.(new Date(day.kpis.asOf));
  }

  private async setStatus(status: string, pauseReason: string | null = null): Promise<void> {
    await this.request('SimSetStatus', SET_STATUS, { status, pauseReason });
    this.presence = status;
  }

  /** One operation with this agent's token; a session that expired (a long demo) signs in again once. */
  private async request<T>(operation: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    try {
      return await this.floor.client.request<T>(operation, query, variables, this.token ?? undefined);
    } catch (error) {
      if (error instanceof SimulatorRequestError && error.code === 'UNAUTHENTICATED' && this.token) {
        this.token = null;
        await this.login();
        return this.floor.client.request<T>(operation, query, variables, this.token ?? undefined);
      }
      throw error;
    }
  }

  private sleepFloor(floorSeconds: number, minWallMs = 0): Promise<void> {
    return this.floor.time.sleep(Math.max(minWallMs, floorSeconds * 1000 * this.floor.wallPerFloorSecond), this.floor.signal);
  }

  private failed(error: unknown): void {
    const { stats, log } = this.floor;
    if (error instanceof SimulatorRequestError) {
      if (TOLERATED_CODES.has(error.code)) {
        stats.refusal(error.code);
        log.debug({ agent: this.number, code: error.code, operation: error.operation }, 'refused: carrying on');
        return;
      }
      stats.error(error.code, error.message, error.operation);
      log.warn({ agent: this.number, code: error.code, operation: error.operation, message: error.message }, 'simulated agent: request failed');
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    stats.error('SIMULATOR', message, 'simulator');
    log.warn({ agent: this.number, message }, 'simulated agent: step failed');
  }
}

/** The account as the outcome draws need it, in minor units. */
export function accountState(account: AccountView): AccountState {
  return {
    status: account.status,
    product: account.product,
    balanceMinor: parseMinor(account.balance.amount, account.currency),
    amountDueMinor: parseMinor(account.amountDue.amount, account.currency),
    hasPendingPromise: account.openPromise != null,
    hasOpenPlan: account.plans.nodes.some((p) => OPEN_PLAN.has(p.status)),
  };
}
