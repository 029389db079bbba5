import { InstantType } from '../db/instant.type.js';
import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { NodeEntity } from '../db/node.entity.js';
import { Agent, PauseReason, Presence } from './agent.entity.js';

/** Every presence change with its time, so connected and paused time can be computed for any interval (§3). */
@Entity()
@Index({ properties: ['agent', 'at'] })
export class AgentStatusChange extends NodeEntity {
  @ManyToOne(() => Agent)
  agent!: Agent;

  @Enum({ items: () => Presence })
  status!: Presence;

  @Enum({ items: () => PauseReason, nullable: true })
  pauseReason?: PauseReason | null;

  @Property({ type: InstantType })
  at!: Date;
}
