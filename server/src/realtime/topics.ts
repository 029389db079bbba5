import type { PauseReason, Presence } from '../agents/agent.entity.js';
import type { CallDirection } from '../calls/call.entity.js';
import type { Disposition } from '../calls/dispositions.js';

/**
 * What may travel between server instances: plain JSON. Redis hands payloads over as JSON, so a Date
 * would arrive as a string on another instance; payloads carry ISO strings from the start, and the
 * in-process bus round-trips them through JSON too, so one instance behaves exactly like many.
 */
export type JsonSafe<T> = T extends string | number | boolean | null | undefined
  ? T
  : T extends Date | bigint | symbol | ((...args: never[]) => unknown)
    ? never
    : T extends ReadonlyArray<infer U>
      ? ReadonlyArray<JsonSafe<U>>
      : { [K in keyof T]: JsonSafe<T[K]> };

/** An ISO-8601 instant, e.g. "2026-11-18T16:00:00.000Z". */
export type IsoInstant = string;

/**
 * Every topic of the floor's event bus and its payload. Events are published per key (a team id for
 * the team topics), so a subscriber only hears its own team's. Payloads carry ids and facts, never
 * personal data: each subscriber reads the records through its own context, masked for its role.
 *
 * Other modules add their topics by augmenting this interface where they define the payload:
 *
 *   declare module '../realtime/topics.js' {
 *     interface FloorTopics { kpiUpdated: KpiUpdatedEvent }
 *   }
 */
export interface FloorTopics {
  callLogged: CallLoggedEvent;
  agentStatusChanged: AgentStatusChangedEvent;
  alertRaised: AlertRaisedEvent;
  contactRefused: ContactRefusedEvent;
}

export type FloorTopic = Extract<keyof FloorTopics, string>;

/** A call was recorded (published by recordCall, keyed by the call's team). */
export interface CallLoggedEvent {
  callId: number;
  teamId: number;
  agentId: number;
  accountId: number;
  direction: CallDirection;
  disposition: Disposition;
  startedAt: IsoInstant;
  recordedAt: IsoInstant;
}

/** An agent's presence changed (published by setAgentStatus, keyed by the agent's team). */
export interface AgentStatusChangedEvent {
  agentId: number;
  teamId: number;
  status: Presence;
  pauseReason: PauseReason | null;
  at: IsoInstant;
}

/**
 * recordCall refused an outbound call the contact policy blocks (published on one floor-wide key at
 * once: a refused call writes nothing, so there is no transaction to wait for). Alert rules count them.
 */
export interface ContactRefusedEvent {
  agentId: number;
  teamId: number | null;
  accountId: number;
  blockedBy: string[];
  at: IsoInstant;
}

/** Something on the floor needs a supervisor's attention (keyed by team). */
export interface AlertRaisedEvent {
  /** The stored alert's global id. */
  id: string;
  kind: AlertKind;
  teamId: number;
  agentId?: number | null;
  accountId?: number | null;
  /** Plain words for the supervisor; never personal data (it crosses Redis and may reach logs). */
  message: string;
  raisedAt: IsoInstant;
}

/** The floor's alert rules (alerts/alert-rules.ts). */
export enum AlertKind {
  TEAM_BEHIND_PACE = 'TEAM_BEHIND_PACE',
  AGENT_PAUSED_TOO_LONG = 'AGENT_PAUSED_TOO_LONG',
  AGENT_IN_WRAP_UP_TOO_LONG = 'AGENT_IN_WRAP_UP_TOO_LONG',
  BROKEN_PROMISE = 'BROKEN_PROMISE',
  CONTACT_REFUSALS_BURST = 'CONTACT_REFUSALS_BURST',
}
