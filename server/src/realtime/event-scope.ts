import type { EntityManager } from '@mikro-orm/core';
import type { AppContext } from '../graphql/context.js';
import { createLoaders, type Loaders } from '../graphql/loaders.js';

/** The EntityManager and DataLoaders one subscription event is resolved with. */
export interface EventScope {
  em: EntityManager;
  loaders: Loaders;
}

export function freshEventScope(context: AppContext): EventScope {
  const em = context.services.orm.em.fork();
  return { em, loaders: createLoaders(em, context.viewer) };
}

/**
 * A subscription's context lives as long as the subscription, but an event must be resolved like a
 * new query: with today's data, not rows cached by the DataLoaders hours ago, and without an identity
 * map that grows with every event. The root field of each event swaps in a fresh scope before its
 * fields resolve; events of one subscription are resolved one after the other (graphql-ws awaits each
 * before reading the next), so nothing else is using the context meanwhile.
 */
export function enterEventScope(context: AppContext, scope: EventScope): void {
  context.em = scope.em;
  context.loaders = scope.loaders;
}
