import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { CallConnection } from '../accounts/account.resolver.js';
import { Agent } from '../agents/agent.entity.js';
import { PageArgs, type Connection } from '../graphql/connection.js';
import type { AppContext } from '../graphql/context.js';
import { decodeIdOf } from '../graphql/ids.js';
import { Call } from './call.entity.js';
import { CallFilter } from './call.inputs.js';
import { RecordCallInput } from './record-call.inputs.js';

@Resolver(() => Call)
export class CallResolver {
  @Query(() => CallConnection, { description: 'Calls the viewer may see, newest first.' })
  calls(
    @Arg('filter', () => CallFilter, { nullable: true }) filter: CallFilter | null,
    @Args() page: PageArgs,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<Connection<Call>> {
    return services.calls.list(em, viewer, filter, page);
  }

  @Query(() => Call)
  call(@Arg('id', () => ID) id: string, @Ctx() { em, viewer, services }: AppContext): Promise<Call> {
    return services.calls.byId(em, viewer, decodeIdOf('Call', id));
  }

  @Mutation(() => Call, { description: 'Records one call and everything its disposition implies, in one transaction (DOMAIN.md §3).' })
  recordCall(@Arg('input', () => RecordCallInput) input: RecordCallInput, @Ctx() { em, viewer, services }: AppContext): Promise<Call> {
    return services.callRecording.record(em, viewer, input);
  }

  @FieldResolver(() => Account, { nullable: true, description: 'Null when the account is no longer within the viewer’s reach.' })
  account(@Root() call: Call, @Ctx() { loaders }: AppContext): Promise<Account | null> {
    return loaders.account.load(call.account.id);
  }

  @FieldResolver(() => Agent)
  async agent(@Root() call: Call, @Ctx() { loaders }: AppContext): Promise<Agent> {
    return (await loaders.agent.load(call.agent.id))!;
  }
}
