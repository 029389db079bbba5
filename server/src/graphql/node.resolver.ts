import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { NodeEntity } from '../db/node.entity.js';
import type { AppContext } from './context.js';

@Resolver()
export class NodeResolver {
  @Query(() => NodeEntity, { description: 'Any object by its global id (Relay).' })
  node(@Arg('id', () => ID) id: string, @Ctx() { em, viewer, services }: AppContext): Promise<object> {
    return services.nodes.find(em, viewer, id);
  }
}
