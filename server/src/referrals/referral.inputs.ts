import { Field, ID, InputType } from 'type-graphql';
import { ReferralQueue, ReferralStatus } from './referral.entity.js';

@InputType({ description: 'All given conditions must hold.' })
export class ReferralFilter {
  @Field(() => ReferralQueue, { nullable: true, description: 'The owner queue.' })
  queue?: ReferralQueue | null;

  @Field(() => ReferralStatus, { nullable: true })
  status?: ReferralStatus | null;

  @Field(() => ID, { nullable: true })
  accountId?: string | null;
}
