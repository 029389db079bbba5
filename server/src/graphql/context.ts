import type { EntityManager } from '@mikro-orm/core';
import type { Viewer } from '../auth/viewer.js';
import type { Loaders } from './loaders.js';
import type { Services } from '../services.js';

/** What every resolver receives: the request's own EntityManager, who is asking, and the services. */
export interface AppContext {
  em: EntityManager;
  viewer?: Viewer;
  requestId: string;
  loaders: Loaders;
  services: Services;
}
