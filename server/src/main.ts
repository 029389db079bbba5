import 'reflect-metadata';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openOrm, migrate } from './db/orm.js';
import { isDatabaseEmpty, seedDemoFloor } from './db/seed/seed.js';
import { createLogger } from './logger.js';
import { localDateIn } from './shared/dates.js';
import { scheduleRollover } from './rollover/scheduler.js';
import { startFloorSimulator } from './simulator/floor-simulator.js';
import 'dotenv/config';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const orm = await openOrm(config.database);
  await migrate(orm, { floorTimeZone: config.floorTimeZone });
  if (config.seedOnEmpty && (await isDatabaseEmpty(orm))) {
    const now = config.clockNow ?? new Date();
    logger.info({ accounts: config.seedAccounts, businessDate: localDateIn(now, config.floorTimeZone) }, 'empty database: seeding the demo floor');
    const summary = await seedDemoFloor(orm, {
      accounts: config.seedAccounts,
      now,
      floorTimeZone: config.floorTimeZone,
      onProgress: ({ phase, done, total }) => logger.info({ phase, done, total }, 'seeding'),
    });
    logger.info(summary, 'demo floor seeded');
  }
  const app = await createApp(config, { logger, orm });
  const { port } = await app.listen();
  const rollover = scheduleRollover(app.services, logger);
  logger.info({ port, database: config.database.kind }, `OpenFloor on http://localhost:${port}/ (GraphQL at /graphql)`);
  const simulator = await startFloorSimulator({ config, orm, clock: app.services.clock, logger, port });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining');
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    rollover.stop();
    // Its agents sign off through the API, so they go before the server stops taking requests.
    if (simulator) {
      await simulator.stop();
      logger.info({ component: 'simulator' }, `floor simulator stopped, agents OFFLINE: ${simulator.progress()}`);
    }
    await app.stop();
    await orm.close(true);
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
