/**
 * A simulator run: the demo agents signed in and working the floor through the GraphQL API, a progress
 * line now and then, and a clean stop (every agent OFFLINE) on request, after a duration or after a
 * number of calls.
 */
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { Prng } from '../db/seed/prng.js';
import { SimulatedAgent, type FloorContext, type SimLogger } from './agent.js';
import { httpClient, SimulatorRequestError } from './graphql-client.js';
import { LOGIN, STRATEGIES } from './operations.js';
import type { PlanCeilings } from './outcome-terms.js';
import { wallPerFloorSecond, type Pace } from './pacing.js';
import type { SimTime } from './sim-time.js';
import { progressLine, SimulatorStats } from './stats.js';

export interface SimulatorOptions {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** How many demo agents work: agent1@demo.test .. agentN@demo.test. */
  agents: number;
  pace: Pace;
  /** Seeds every agent's draws: the same seed gives each agent the same sequence of decisions. */
  seed: number;
  floorTimeZone: string;
  time: SimTime;
  /** Stop after this many recorded calls. */
  maxCalls?: number;
  /** Stop after this many wall-clock milliseconds. */
  durationMs?: number;
  log: SimLogger;
  /** Called with the progress line every `progressEveryMs` (none when 0 or absent). */
  onProgress?: (line: string, stats: SimulatorStats) => void;
  progressEveryMs?: number;
  password?: string;
  emailOf?: (n: number) => string;
}

export interface Simulator {
  stats: SimulatorStats;
  /** Settles when every agent has signed off. */
  done: Promise<void>;
  /** Stops the agents (each finishes the request in flight and goes OFFLINE) and waits for them. */
  stop(): Promise<void>;
  /** The progress line now. */
  progress(): string;
}

export const demoAgentEmail = (n: number): string => `agent${n}@demo.test`;

export function startSimulator(options: SimulatorOptions): Simulator {
  if (!Number.isInteger(options.agents) || options.agents < 1) throw new RangeError(`agents must be a whole number >= 1, got ${options.agents}`);
  const stats = new SimulatorStats();
  const controller = new AbortController();
  // Every agent's wait listens to the one stop signal.
  setMaxListeners(options.agents + 10, controller.signal);
  const client = httpClient(options.url, { 'user-agent': 'openfloor-simulator' });
  const emailOf = options.emailOf ?? demoAgentEmail;
  const password = options.password ?? 'demo';
  const startedAt = Date.now();
  let started = 0;

  const floor: FloorContext = {
    client,
    time: options.time,
    floorTimeZone: options.floorTimeZone,
    wallPerFloorSecond: wallPerFloorSecond(options.pace),
    stats,
    log: options.log,
    signal: controller.signal,
    runTag: `${startedAt.toString(36)}${randomBytes(3).toString('hex')}`,
    startCall: () => {
      if (options.maxCalls !== undefined && started >= options.maxCalls) return false;
      started++;
      return true;
    },
    cancelCall: () => {
      started--;
    },
    callFinished: () => {
      if (options.maxCalls !== undefined && stats.calls >= options.maxCalls) controller.abort();
    },
    onCall: new Set(),
    ceilings: new Map(),
  };

  let lastLine = { at: startedAt, calls: 0 };
  const progress = (): string => {
    const now = Date.now();
    const perMinute = now > lastLine.at ? ((stats.calls - lastLine.calls) * 60_000) / (now - lastLine.at) : 0;
    lastLine = { at: now, calls: stats.calls };
    return progressLine(stats, (now - startedAt) / 1000, perMinute);
  };
  const ticker = options.progressEveryMs && options.onProgress ? setInterval(() => options.onProgress!(progress(), stats), options.progressEveryMs) : null;
  ticker?.unref();
  const timer = options.durationMs !== undefined ? setTimeout(() => controller.abort(), options.durationMs) : null;
  timer?.unref();

  const done = (async () => {
    await loadCeilings(floor, emailOf(1), password);
    const agents = Array.from({ length: options.agents }, (_, i) => new SimulatedAgent(floor, emailOf(i + 1), password, i + 1, Prng.stream(options.seed, `agent${i + 1}`)));
    await Promise.all(agents.map((a) => a.run()));
  })().finally(() => {
    if (ticker) clearInterval(ticker);
    if (timer) clearTimeout(timer);
  });

  return {
    stats,
    done,
    progress,
    stop: async () => {
      controller.abort();
      await done;
    },
  };
}

/** What an agent may agree alone per bucket; on failure the policy defaults apply (agent.ts). */
async function loadCeilings(floor: FloorContext, email: string, password: string): Promise<void> {
  try {
    const { login } = await floor.client.request<{ login: { token: string } }>('SimLogin', LOGIN, { email, password });
    const { treatmentStrategies } = await floor.client.request<{ treatmentStrategies: Array<{ bucket: string } & PlanCeilings> }>('SimStrategies', STRATEGIES, {}, login.token);
    for (const s of treatmentStrategies) floor.ceilings.set(s.bucket, { maxDiscount: s.maxDiscount, maxInstalments: s.maxInstalments });
  } catch (error) {
    const code = error instanceof SimulatorRequestError ? error.code : 'SIMULATOR';
    floor.log.warn({ code, message: error instanceof Error ? error.message : String(error) }, 'treatment strategies not read: plans use the policy defaults');
  }
}
