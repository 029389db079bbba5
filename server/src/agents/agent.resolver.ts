import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../graphql/connection.js';
import type { AppContext } from '../graphql/context.js';
import { decodeIdOf } from '../graphql/ids.js';
import { Agent, PauseReason, Presence } from './agent.entity.js';
import { AgentFilter } from './agent.inputs.js';
import { Team } from './team.entity.js';

@ObjectType() export class AgentConnection extends ConnectionType(Agent) {}
@ObjectType() export class TeamConnection extends ConnectionType(Team) {}

@Resolver(() => Agent)
export class AgentResolver {
  @Query(() => AgentConnection)
  agents(
    @Arg('filter', () => AgentFilter, { nullable: true }) filter: AgentFilter | null,
    @Args() page: PageArgs,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<Connection<Agent>> {
    return services.agents.list(em, viewer, filter, page);
  }

  @Query(() => Agent)
  agent(@Arg('id', () => ID) id: string, @Ctx() { em, viewer, services }: AppContext): Promise<Agent> {
    return services.agents.byId(em, viewer, decodeIdOf('Agent', id));
  }

  @Mutation(() => Agent, { description: 'The signed-in agent’s presence; PAUSED needs a pause reason.' })
  setAgentStatus(
    @Arg('status', () => Presence) status: Presence,
    @Arg('pauseReason', () => PauseReason, { nullable: true }) pauseReason: PauseReason | null,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<Agent> {
    return services.presence.set(em, viewer, status, pauseReason);
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'When the present presence began (the latest status change); null for an agent whose presence never changed.',
  })
  presenceSince(@Root() agent: Agent, @Ctx() { loaders }: AppContext): Promise<Date | null> {
    return loaders.presenceSinceOfAgent.load(agent.id);
  }

  @FieldResolver(() => Team, { nullable: true })
  team(@Root() agent: Agent, @Ctx() { loaders }: AppContext): Promise<Team | null> | null {
    return agent.team ? loaders.team.load(agent.team.id) : null;
  }
}

@Resolver(() => Team)
export class TeamResolver {
  @Query(() => TeamConnection)
  teams(@Args() page: PageArgs, @Ctx() { em, viewer, services }: AppContext): Promise<Connection<Team>> {
    return services.agents.teams(em, viewer, page);
  }

  @Query(() => Team)
  team(@Arg('id', () => ID) id: string, @Ctx() { em, viewer, services }: AppContext): Promise<Team> {
    return services.agents.team(em, viewer, decodeIdOf('Team', id));
  }

  @FieldResolver(() => Agent, { nullable: true })
  supervisor(@Root() team: Team, @Ctx() { loaders }: AppContext): Promise<Agent | null> | null {
    return team.supervisor ? loaders.agent.load(team.supervisor.id) : null;
  }

  @FieldResolver(() => AgentConnection, { description: 'The team’s members.' })
  members(@Root() team: Team, @Args() page: PageArgs, @Ctx() { em, viewer, services }: AppContext): Promise<Connection<Agent>> {
    return services.agents.list(em, viewer, { teamId: team.globalId }, page);
  }
}
