import { Field, ID, InputType } from 'type-graphql';
import { Role } from '../auth/viewer.js';

@InputType()
export class AgentFilter {
  @Field(() => ID, { nullable: true })
  teamId?: string | null;

  @Field(() => [Role], { nullable: true })
  roles?: Role[] | null;
}
