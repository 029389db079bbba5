import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { Team } from '../agents/team.entity.js';
import { ConnectionType, type Connection } from '../graphql/connection.js';
import type { AppContext } from '../graphql/context.js';
import { FLOOR_CURRENCY } from '../shared/floor-currency.js';
import { Money } from '../shared/money.type.js';
import { AlertRule } from './alert-rule.entity.js';
import { Alert } from './alert.entity.js';
import { AlertRuleInput, AlertsArgs } from './alert.inputs.js';

@ObjectType() export class AlertConnection extends ConnectionType(Alert) {}

@Resolver(() => Alert)
export class AlertResolver {
  @Query(() => AlertConnection, { description: 'Stored alerts, newest first. Agents and supervisors: their team’s; managers, admins and analysts: any team, or all.' })
  alerts(@Args() args: AlertsArgs, @Ctx() { em, viewer, services }: AppContext): Promise<Connection<Alert>> {
    return services.alerts.list(em, viewer, args);
  }

  @Mutation(() => Alert, { description: 'The team’s supervisor (or a manager or admin) has seen the alert. Acknowledging it again is CONFLICT.' })
  acknowledgeAlert(@Arg('id', () => ID) id: string, @Ctx() { em, viewer, services }: AppContext): Promise<Alert> {
    return services.alerts.acknowledge(em, viewer, id);
  }

  @Mutation(() => [Alert], { description: 'Managers and admins: evaluate every alert rule now (it also runs on its own as events arrive and on a timer); returns the alerts it raised.' })
  evaluateAlerts(@Ctx() { em, viewer, services }: AppContext): Promise<Alert[]> {
    return services.alerts.evaluateNow(em, viewer);
  }

  @FieldResolver(() => Team)
  async team(@Root() alert: Alert, @Ctx() { loaders }: AppContext): Promise<Team> {
    return (await loaders.team.load(alert.team.id))!;
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'The agent the alert is about, if any.' })
  agent(@Root() alert: Alert, @Ctx() { loaders }: AppContext): Promise<Agent | null> | null {
    return alert.agent ? loaders.agent.load(alert.agent.id) : null;
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The account the alert is about; null also when it is outside the viewer’s reach.' })
  account(@Root() alert: Alert, @Ctx() { loaders }: AppContext): Promise<Account | null> | null {
    return alert.account ? loaders.account.load(alert.account.id) : null;
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'Who acknowledged it.' })
  acknowledgedBy(@Root() alert: Alert, @Ctx() { loaders }: AppContext): Promise<Agent | null> | null {
    return alert.acknowledgedBy ? loaders.agent.load(alert.acknowledgedBy.id) : null;
  }
}

@Resolver(() => AlertRule)
export class AlertRuleResolver {
  @Query(() => [AlertRule], { description: 'The alert rules and their thresholds, one per kind.' })
  alertRules(@Ctx() { em, viewer, services }: AppContext): Promise<AlertRule[]> {
    return services.alerts.listRules(em, viewer);
  }

  @Mutation(() => AlertRule, {
    description:
      'Managers and admins: change one alert rule. Only the thresholds of its kind may be given (shiftShare in (0, 1], limits and counts positive, amount in the floor currency); with expectedVersion, a rule changed since is CONFLICT.',
  })
  updateAlertRule(@Arg('input', () => AlertRuleInput) input: AlertRuleInput, @Ctx() { em, viewer, services }: AppContext): Promise<AlertRule> {
    return services.alerts.updateRule(em, viewer, input);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'BROKEN_PROMISE: the smallest broken promise that alerts, in the floor currency.' })
  amount(@Root() rule: AlertRule): Money | null {
    return rule.amountMinor == null ? null : Money.of(rule.amountMinor, FLOOR_CURRENCY);
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'Who last changed it; null for the rule the floor started with.' })
  updatedBy(@Root() rule: AlertRule, @Ctx() { loaders }: AppContext): Promise<Agent | null> | null {
    return rule.updatedBy ? loaders.agent.load(rule.updatedBy.id) : null;
  }
}

export const alertResolvers = [AlertResolver, AlertRuleResolver] as const;
