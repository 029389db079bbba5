/** What a simulator run has done so far: the figures of its progress line and of its final summary. */
import type { Disposition } from '../calls/dispositions.js';
import { dispositionClass, type DispositionClass } from './call-mix.js';

/** Answers the floor expects now and then: the account moved on, or the policy says not now. */
export const TOLERATED_CODES: ReadonlySet<string> = new Set(['CONTACT_NOT_ALLOWED', 'CONFLICT']);

export class SimulatorStats {
  calls = 0;
  outbound = 0;
  inbound = 0;
  readonly byClass: Record<DispositionClass, number> = { noContact: 0, thirdParty: 0, promise: 0, payment: 0, plan: 0, otherRpc: 0 };
  readonly byDisposition = new Map<Disposition, number>();
  /** Accounts passed over because contactCheck said no before dialling. */
  blockedBeforeDial = 0;
  /** Tolerated refusals (CONTACT_NOT_ALLOWED, CONFLICT) by code. */
  readonly refused = new Map<string, number>();
  /** Anything else: by code, with the last message of each. */
  readonly errors = new Map<string, { count: number; lastMessage: string; operation: string }>();

  callRecorded(disposition: Disposition, direction: 'OUTBOUND' | 'INBOUND'): void {
    this.calls++;
    if (direction === 'OUTBOUND') this.outbound++;
    else this.inbound++;
    this.byClass[dispositionClass(disposition)]++;
    this.byDisposition.set(disposition, (this.byDisposition.get(disposition) ?? 0) + 1);
  }

  refusal(code: string): void {
    this.refused.set(code, (this.refused.get(code) ?? 0) + 1);
  }

  error(code: string, message: string, operation: string): void {
    const e = this.errors.get(code) ?? { count: 0, lastMessage: '', operation };
    e.count++;
    e.lastMessage = message;
    e.operation = operation;
    this.errors.set(code, e);
  }

  get errorCount(): number {
    return [...this.errors.values()].reduce((n, e) => n + e.count, 0);
  }

  get contacts(): number {
    return this.calls - this.byClass.noContact;
  }

  get rightPartyContacts(): number {
    return this.byClass.promise + this.byClass.payment + this.byClass.plan + this.byClass.otherRpc;
  }
}

const count = (map: ReadonlyMap<string, number | { count: number }>): string =>
  [...map.entries()].map(([k, v]) => `${k} ${typeof v === 'number' ? v : v.count}`).join(', ');

/** One line: totals, the rate since the last line, the mix by class, refusals and errors. */
export function progressLine(stats: SimulatorStats, elapsedSeconds: number, callsPerMinute: number): string {
  const c = stats.byClass;
  const minutes = Math.floor(elapsedSeconds / 60);
  const seconds = Math.floor(elapsedSeconds % 60);
  const refused = stats.refused.size > 0 ? ` (${count(stats.refused)})` : '';
  const errors = stats.errors.size > 0 ? ` (${count(stats.errors)})` : '';
  return (
    `${minutes}m${String(seconds).padStart(2, '0')}s ${stats.calls} calls (${callsPerMinute.toFixed(1)}/min, ${stats.inbound} inbound): ` +
    `no contact ${c.noContact}, third party ${c.thirdParty}, right party ${stats.rightPartyContacts} ` +
    `[promise ${c.promise}, payment ${c.payment}, plan ${c.plan}, other ${c.otherRpc}]; ` +
    `passed over ${stats.blockedBeforeDial}, refused ${[...stats.refused.values()].reduce((a, b) => a + b, 0)}${refused}, errors ${stats.errorCount}${errors}`
  );
}
