import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import seedTemplate from '../../utils/global-setup.js';
import { CHROMIUM } from './browser.js';
import { CLIENT_DIST } from './server.js';

/** The seeded template of the API suite, once the built client and the browser are known to be there. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(`${CLIENT_DIST}/index.html`)) throw new Error(`no built client at ${CLIENT_DIST}: run pnpm --filter @openfloor/client build first`);
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  return seedTemplate(project);
}
