import { Field, ID, InputType } from 'type-graphql';
import { TimeRange } from '../graphql/common.inputs.js';
import { CallDirection } from './call.entity.js';
import { Disposition } from './dispositions.js';

@InputType()
export class CallFilter {
  @Field(() => ID, { nullable: true })
  agentId?: string | null;

  @Field(() => ID, { nullable: true })
  teamId?: string | null;

  @Field(() => ID, { nullable: true })
  accountId?: string | null;

  @Field(() => [Disposition], { nullable: true })
  dispositions?: Disposition[] | null;

  @Field(() => CallDirection, { nullable: true })
  direction?: CallDirection | null;

  @Field(() => TimeRange, { nullable: true, description: 'Calls started in [from, to).' })
  startedAt?: TimeRange | null;
}
