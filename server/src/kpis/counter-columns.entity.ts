import { Entity, Property, type Opt } from '@mikro-orm/core';
import { moneyColumn, NodeEntity } from '../db/node.entity.js';

/**
 * The figures of DOMAIN.md §7 one agent's facts add up to over a period (a floor day, a calendar month):
 * the columns both counter tables share, moved by the same additive upserts (kpi-counters.ts).
 * Money is minor units of the floor currency (shared/floor-currency.ts).
 */
@Entity({ abstract: true })
export abstract class CounterColumns extends NodeEntity {
  /** Outbound calls started in the period. */
  @Property({ type: 'integer' })
  attempts: number & Opt = 0;

  /** Calls (either direction) whose disposition is a contact (§3). */
  @Property({ type: 'integer' })
  contacts: number & Opt = 0;

  @Property({ type: 'integer' })
  rightPartyContacts: number & Opt = 0;

  /** Every call started in the period, either direction. */
  @Property({ type: 'integer' })
  calls: number & Opt = 0;

  /** Calls with talk seconds > 0: the denominator of the average handle time. */
  @Property({ type: 'integer' })
  callsWithTalk: number & Opt = 0;

  @Property({ type: 'integer' })
  talkSeconds: number & Opt = 0;

  @Property({ type: 'integer' })
  wrapSeconds: number & Opt = 0;

  /** Promises taken in the period (creation), whatever became of them. */
  @Property({ type: 'integer' })
  promises: number & Opt = 0;

  @Property({ type: moneyColumn() })
  promisedAmountMinor: number & Opt = 0;

  /** Promises whose grace ends in the period, by their settled status. */
  @Property({ type: 'integer' })
  promisesKept: number & Opt = 0;

  @Property({ type: 'integer' })
  promisesPartiallyKept: number & Opt = 0;

  @Property({ type: 'integer' })
  promisesBroken: number & Opt = 0;

  /** Posted, unreversed payments received in the period on the accounts this agent held when they posted. */
  @Property({ type: moneyColumn() })
  collectedAmountMinor: number & Opt = 0;

  /** Closed presence intervals not OFFLINE, the part of them that lies in the period. */
  @Property({ type: 'integer' })
  connectedSeconds: number & Opt = 0;

  @Property({ type: 'integer' })
  pausedSeconds: number & Opt = 0;

  /** Moves with every update: lets a reader tell that figures changed. */
  @Property({ type: 'integer' })
  version: number & Opt = 1;
}
