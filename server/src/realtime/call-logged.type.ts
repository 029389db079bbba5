import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CallDirection } from '../calls/call.entity.js';
import { Disposition } from '../calls/dispositions.js';
import { Money } from '../shared/money.type.js';

/**
 * One recorded call as it reaches a live view of the floor. Its agent and account are resolved for
 * the subscriber as any query would: the account is null outside the subscriber's reach and its
 * personal data masked for analysts.
 */
@ObjectType({ description: 'A recorded call, as `callLogged` delivers it.' })
export class CallLogged {
  @Field({ description: 'Pass it as `after` to resume right after this call.' })
  cursor!: string;

  @Field(() => ID, { description: 'The call, for `call(id)` and `node(id)`.' })
  callId!: string;

  @Field(() => CallDirection)
  direction!: CallDirection;

  @Field(() => Disposition)
  disposition!: Disposition;

  @Field({ description: 'The disposition is a contact (DOMAIN.md §3).' })
  contact!: boolean;

  @Field({ description: 'The disposition is a right-party contact (DOMAIN.md §3).' })
  rightPartyContact!: boolean;

  @Field()
  startedAt!: Date;

  @Field()
  endedAt!: Date;

  @Field(() => Int)
  talkSeconds!: number;

  @Field(() => Int)
  wrapSeconds!: number;

  @Field(() => Money, { nullable: true, description: 'The promise taken on the call.' })
  promiseAmount!: Money | null;

  @Field(() => Money, { nullable: true, description: 'The payment taken on the call.' })
  paymentAmount!: Money | null;

  @Field(() => Money, { nullable: true, description: 'The total of the payment plan agreed on the call.' })
  planTotal!: Money | null;

  @Field({ description: 'When the call was recorded.' })
  recordedAt!: Date;

  agentId!: number;
  accountId!: number;
}
