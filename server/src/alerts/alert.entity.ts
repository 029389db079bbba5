import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { Team } from '../agents/team.entity.js';
import { InstantType } from '../db/instant.type.js';
import { NodeEntity } from '../db/node.entity.js';
import { AlertKind } from '../realtime/topics.js';

registerEnumType(AlertKind, { name: 'AlertKind', description: 'The floor’s alert rules, each set by a manager (alertRules).' });

/**
 * Something on the floor that needs a supervisor, as stored when a rule fired. `episodeKey` names the
 * episode the alert is about (one pause, one team's day on one KPI, one broken promise, one burst) and
 * is unique: when two instances evaluate the same episode, one insert wins and only it is published.
 */
@ObjectType({ implements: NodeEntity, description: 'Something on the floor that needs a supervisor; `alertRaised` pushes each one as it is stored.' })
@Entity()
@Index({ properties: ['team', 'raisedAt'] })
export class Alert extends NodeEntity {
  @Field(() => AlertKind)
  @Enum({ items: () => AlertKind })
  kind!: AlertKind;

  @ManyToOne(() => Team)
  team!: Team;

  @ManyToOne(() => Agent, { nullable: true })
  agent?: Agent | null;

  @ManyToOne(() => Account, { nullable: true })
  account?: Account | null;

  @Field({ description: 'What happened, in plain words and without personal data.' })
  @Property({ type: 'string', length: 500 })
  message!: string;

  @Field()
  @Property({ type: InstantType })
  raisedAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: InstantType, nullable: true })
  acknowledgedAt?: Date | null;

  @ManyToOne(() => Agent, { nullable: true })
  acknowledgedBy?: Agent | null;

  @Property({ type: 'string', length: 200, unique: true })
  episodeKey!: string;
}
