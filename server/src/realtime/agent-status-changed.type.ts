import { Field, ObjectType } from 'type-graphql';
import { PauseReason, Presence } from '../agents/agent.entity.js';

@ObjectType({ description: 'An agent’s presence changed (DOMAIN.md §3), as `agentStatusChanged` delivers it.' })
export class AgentStatusChanged {
  @Field(() => Presence)
  status!: Presence;

  @Field(() => PauseReason, { nullable: true })
  pauseReason!: PauseReason | null;

  @Field({ description: 'When the change happened.' })
  at!: Date;

  agentId!: number;
}
