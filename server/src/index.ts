import 'reflect-metadata';
export { createApp, type App, type AppOptions } from './app.js';
export { loadConfig, type Config } from './config.js';
export { openOrm, migrate, type Orm } from './db/orm.js';
export { FixedClock, systemClock, type Clock } from './shared/clock.js';
export { createSchema, schemaSdl } from './graphql/schema.js';
export { isDatabaseEmpty, seedDemoFloor, type SeedOptions, type SeedSummary } from './db/seed/seed.js';
export { progressPrinter } from './db/seed/progress.js';
