import { Arg, Ctx, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { Agent } from '../agents/agent.entity.js';
import type { AppContext } from '../graphql/context.js';
import { decodeIdOf } from '../graphql/ids.js';
import type { Team } from '../agents/team.entity.js';
import { AgentStatusChanged } from './agent-status-changed.type.js';
import { Alert } from '../alerts/alert.entity.js';
import { decodeCallLogCursor, openCallLog, type CallLogItem } from './call-log.js';
import { CallLogged } from './call-logged.type.js';
import { enterEventScope, freshEventScope } from './event-scope.js';
import { teamToFollow } from './access.js';
import type { AgentStatusChangedEvent, AlertRaisedEvent, FloorTopic } from './topics.js';

interface TeamArgs {
  teamId: string;
  after?: string | null;
}

/** Opens a plain live topic of a team, once the viewer may follow it and the bus hears it. */
async function followTeam(topic: FloorTopic, args: TeamArgs, context: AppContext) {
  const teamId = await teamToFollow(context.em, context.viewer, args.teamId);
  return context.services.events.listen(topic, teamId);
}

@Resolver()
export class RealtimeResolver {
  @Subscription(() => CallLogged, {
    description:
      'Each call recorded in the team, live. With `after` (a cursor this subscription delivered), first every call recorded since then, then live, with no duplicates and no gap.',
    subscribe: async ({ args, context }) => {
      const ctx = context as AppContext;
      const { teamId, after } = args as TeamArgs;
      const team = await teamToFollow(ctx.em, ctx.viewer, teamId);
      const position = after == null ? null : decodeCallLogCursor(after);
      return openCallLog(ctx.services, ctx.viewer, team, position);
    },
  })
  callLogged(
    @Root() item: CallLogItem,
    @Arg('teamId', () => ID) _teamId: string,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
    @Ctx() context: AppContext,
  ): CallLogged {
    enterEventScope(context, item.scope);
    return item.entry;
  }

  @Subscription(() => AgentStatusChanged, {
    description: 'Each presence change of the team’s agents, live.',
    subscribe: ({ args, context }) => followTeam('agentStatusChanged', args as TeamArgs, context as AppContext),
  })
  agentStatusChanged(@Root() event: AgentStatusChangedEvent, @Arg('teamId', () => ID) _teamId: string, @Ctx() context: AppContext): AgentStatusChanged {
    enterEventScope(context, freshEventScope(context));
    return { agentId: event.agentId, status: event.status, pauseReason: event.pauseReason ?? null, at: new Date(event.at) };
  }

  @Subscription(() => Alert, {
    description: 'Each alert raised for the team, live.',
    subscribe: ({ args, context }) => followTeam('alertRaised', args as TeamArgs, context as AppContext),
  })
  alertRaised(@Root() event: AlertRaisedEvent, @Arg('teamId', () => ID) _teamId: string, @Ctx() context: AppContext): Alert {
    enterEventScope(context, freshEventScope(context));
    return alertOfEvent(event);
  }
}

/**
 * The stored alert as the event carries it: every field is in the payload (an alert is raised
 * unacknowledged), so a push costs no read; the event's id is the stored alert's global id.
 */
function alertOfEvent(event: AlertRaisedEvent): Alert {
  const alert = new Alert();
  alert.id = decodeIdOf('Alert', event.id);
  alert.kind = event.kind;
  alert.message = event.message;
  alert.raisedAt = new Date(event.raisedAt);
  alert.team = { id: event.teamId } as Team;
  alert.agent = event.agentId == null ? null : ({ id: event.agentId } as Agent);
  alert.account = event.accountId == null ? null : ({ id: event.accountId } as Account);
  alert.acknowledgedAt = null;
  alert.acknowledgedBy = null;
  return alert;
}

@Resolver(() => CallLogged)
export class CallLoggedResolver {
  @FieldResolver(() => Agent)
  async agent(@Root() entry: CallLogged, @Ctx() { loaders }: AppContext): Promise<Agent> {
    return (await loaders.agent.load(entry.agentId))!;
  }

  @FieldResolver(() => Account, { nullable: true, description: 'Null when the account is outside the subscriber’s reach.' })
  account(@Root() entry: CallLogged, @Ctx() { loaders }: AppContext): Promise<Account | null> {
    return loaders.account.load(entry.accountId);
  }
}

@Resolver(() => AgentStatusChanged)
export class AgentStatusChangedResolver {
  @FieldResolver(() => Agent)
  async agent(@Root() change: AgentStatusChanged, @Ctx() { loaders }: AppContext): Promise<Agent> {
    return (await loaders.agent.load(change.agentId))!;
  }
}

export const realtimeResolvers = [RealtimeResolver, CallLoggedResolver, AgentStatusChangedResolver] as const;
