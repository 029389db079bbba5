import 'reflect-metadata';
import { createApp, FixedClock, loadConfig } from '@openfloor/server';
import { JWT_SECRET } from './process.mjs';

/**
 * The product's server inside the bench process, on the floor DATABASE_URL names, its clock frozen at
 * `now`: for the scripts that time single requests one after the other (reports, floor checks), where a
 * second process would only add noise. Load scenarios use startOpenFloor (process.mjs) instead.
 */
export async function startInProcess({ now, env = {} }) {
  if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL (or --db-url) must point at a built floor');
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SEED_ON_EMPTY: 'false',
    EXPOSE_SQL_COUNT: 'true',
    SIMULATOR: 'off',
    JWT_SECRET,
    ...env,
  });
  const app = await createApp(config, { clock: new FixedClock(new Date(now)) });
  const { url } = await app.listen();
  return { config, app, url, stop: () => app.stop() };
}
