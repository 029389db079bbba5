import { InstantType } from '../db/instant.type.js';
import { Entity, Enum, Index, ManyToOne, Property, type Opt } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { NodeEntity } from '../db/node.entity.js';
import { Role } from '../auth/viewer.js';
import { Team } from './team.entity.js';
import type { AgentStatusChange } from './agent-status-change.entity.js';

export enum Presence {
  OFFLINE = 'OFFLINE',
  AVAILABLE = 'AVAILABLE',
  ON_CALL = 'ON_CALL',
  WRAP_UP = 'WRAP_UP',
  PAUSED = 'PAUSED',
}

export enum PauseReason {
  BREAK = 'BREAK',
  LUNCH = 'LUNCH',
  COACHING = 'COACHING',
  MEETING = 'MEETING',
  TRAINING = 'TRAINING',
}

registerEnumType(Role, { name: 'Role', description: 'DOMAIN.md §1' });
registerEnumType(Presence, { name: 'Presence' });
registerEnumType(PauseReason, { name: 'PauseReason' });

/** A person who signs in: collectors, supervisors, managers, analysts and admins (DOMAIN.md §1). */
@ObjectType({ implements: NodeEntity })
@Entity()
@Index({ properties: ['team', 'role'] })
export class Agent extends NodeEntity {
  @Field()
  @Property({ type: 'string', unique: true })
  email!: string;

  @Field()
  @Property({ type: 'string' })
  name!: string;

  @Field(() => Role)
  @Enum({ items: () => Role })
  role!: Role;

  @ManyToOne(() => Team, { nullable: true })
  team?: Team | null;

  @Property({ type: 'string', hidden: true, lazy: true })
  passwordHash!: string;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  active: boolean & Opt = true;

  @Field(() => Presence)
  @Enum({ items: () => Presence })
  presence: Presence & Opt = Presence.OFFLINE;

  @Field(() => PauseReason, { nullable: true })
  @Enum({ items: () => PauseReason, nullable: true })
  pauseReason?: PauseReason | null;

  /**
   * The change that began the present presence (null before the first). Open intervals, presence
   * alerts and presenceSince read it by key instead of searching each agent's history for its latest.
   */
  @ManyToOne('AgentStatusChange', { nullable: true, hidden: true })
  presenceChange?: AgentStatusChange | null;

  @Field(() => Date)
  @Property({ type: InstantType })
  createdAt: Date & Opt = new Date();
}
