/**
 * The simulator inside `pnpm start`: on the demo floor (its agentN@demo.test logins exist), the agents
 * work the server through its own HTTP port, on the server's own clock, so the demo is alive.
 */
import type { Logger } from 'pino';
import { Agent } from '../agents/agent.entity.js';
import { Role } from '../auth/viewer.js';
import type { Config } from '../config.js';
import type { Orm } from '../db/orm.js';
import type { Clock } from '../shared/clock.js';
import { realTime } from './sim-time.js';
import { demoAgentEmail, startSimulator, type Simulator } from './simulator.js';

const PROGRESS_EVERY_MS = 60_000;

/** How many of agent1..agentN@demo.test exist, counting from 1 without a gap: 0 when this is not the demo floor. */
export async function demoAgents(orm: Orm, wanted: number): Promise<number> {
  const emails = Array.from({ length: wanted }, (_, i) => demoAgentEmail(i + 1));
  const found = new Set((await orm.em.fork().find(Agent, { email: { $in: emails }, role: Role.AGENT, active: true }, { fields: ['email'] })).map((a) => a.email));
  let n = 0;
  while (n < wanted && found.has(emails[n]!)) n++;
  return n;
}

/** Starts the simulator when the configuration and the database allow; null otherwise (logged either way). */
export async function startFloorSimulator(deps: { config: Config; orm: Orm; clock: Clock; logger: Logger; port: number }): Promise<Simulator | null> {
  const { config, logger } = deps;
  if (!config.simulator.enabled) {
    logger.info('floor simulator off (SIMULATOR=off)');
    return null;
  }
  const agents = await demoAgents(deps.orm, config.simulator.agents);
  if (agents === 0) {
    logger.info('floor simulator not started: this database is not the demo floor (no agent1@demo.test)');
    return null;
  }
  // The server listens on HOST; a wildcard address is reached through loopback.
  const host = ['0.0.0.0', '::', ''].includes(config.host) ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
  const log = logger.child({ component: 'simulator' });
  const simulator = startSimulator({
    url: `http://${host}:${deps.port}/graphql`,
    agents,
    pace: config.simulator.pace,
    seed: config.simulator.seed,
    floorTimeZone: config.floorTimeZone,
    time: realTime(deps.clock),
    log,
    progressEveryMs: PROGRESS_EVERY_MS,
    onProgress: (line) => log.info(line),
  });
  log.info({ agents, pace: config.simulator.pace }, 'floor simulator started (SIMULATOR=off turns it off)');
  return simulator;
}
