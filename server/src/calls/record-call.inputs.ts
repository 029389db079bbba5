import { Field, ID, InputType, Int } from 'type-graphql';
import { DisputeChannel } from '../disputes/dispute.entity.js';
import { PaymentInput } from '../payments/payment.inputs.js';
import { PlanInput } from '../plans/plan.inputs.js';
import { PromiseInput } from '../promises/promise.inputs.js';
import { ReferralQueue } from '../referrals/referral.entity.js';
import { CallDirection } from './call.entity.js';
import { Disposition } from './dispositions.js';

@InputType()
export class CallReferralInput {
  @Field(() => ReferralQueue)
  to!: ReferralQueue;

  @Field()
  reason!: string;
}

@InputType({ description: 'A dispute (DISPUTE) or a payment investigation (ALREADY_PAID) opened on the call.' })
export class CallDisputeInput {
  @Field()
  reason!: string;

  @Field(() => DisputeChannel, { defaultValue: DisputeChannel.PHONE })
  channel!: DisputeChannel;
}

@InputType({ description: 'One call and whatever its disposition implies (DOMAIN.md §3), recorded in one transaction.' })
export class RecordCallInput {
  @Field(() => ID)
  accountId!: string;

  @Field(() => CallDirection)
  direction!: CallDirection;

  @Field(() => ID, { nullable: true, description: 'The customer’s phone (a ContactPoint); required for OUTBOUND.' })
  phoneId?: string | null;

  @Field(() => String, { nullable: true, description: 'Caller id of an INBOUND call from an unknown number.' })
  phoneNumber?: string | null;

  @Field()
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When someone (or a machine) answered.' })
  answeredAt?: Date | null;

  @Field()
  endedAt!: Date;

  @Field(() => Int, { description: 'Whole seconds from answeredAt to endedAt; 0 when unanswered.' })
  talkSeconds!: number;

  @Field(() => Int)
  wrapSeconds!: number;

  @Field(() => Disposition)
  disposition!: Disposition;

  @Field(() => String, { nullable: true, description: 'The excuse given, when the right party was reached; required for HARDSHIP.' })
  reasonCode?: string | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;

  @Field(() => String, { nullable: true, description: 'Call model (script) version used.' })
  scriptVersion?: string | null;

  @Field(() => Date, { nullable: true, description: 'CALLBACK_REQUESTED: the time the customer chose.' })
  callbackAt?: Date | null;

  @Field(() => PromiseInput, { nullable: true, description: 'PROMISE_TO_PAY' })
  promise?: PromiseInput | null;

  @Field(() => PaymentInput, { nullable: true, description: 'PAYMENT_TAKEN' })
  payment?: PaymentInput | null;

  @Field(() => PlanInput, { nullable: true, description: 'PAYMENT_PLAN' })
  plan?: PlanInput | null;

  @Field(() => CallReferralInput, { nullable: true, description: 'ROUTED' })
  referral?: CallReferralInput | null;

  @Field(() => CallDisputeInput, { nullable: true, description: 'DISPUTE or ALREADY_PAID' })
  dispute?: CallDisputeInput | null;

  @Field(() => Int, { nullable: true, description: 'The account version you saw; a newer one makes this CONFLICT.' })
  expectedVersion?: number | null;
}
