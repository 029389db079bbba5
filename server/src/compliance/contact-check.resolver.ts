import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { AppContext } from '../graphql/context.js';
import type { ContactDecision as Decision, ContactRule as Rule } from './contact-policy.js';

export enum ContactRule {
  TIME_WINDOW = 'TIME_WINDOW',
  FREQUENCY = 'FREQUENCY',
  AFTER_CONVERSATION = 'AFTER_CONVERSATION',
  CEASE = 'CEASE',
  DISPUTE = 'DISPUTE',
  REPRESENTED = 'REPRESENTED',
  BANKRUPTCY = 'BANKRUPTCY',
  DECEASED = 'DECEASED',
  PHONE = 'PHONE',
}
registerEnumType(ContactRule, { name: 'ContactRule', description: 'The rules of DOMAIN.md §6 that can block an outbound call.' });

@ObjectType({ description: 'Whether an outbound call may be placed, what blocks it, and when it becomes allowed.' })
export class ContactDecision {
  @Field()
  allowed!: boolean;

  @Field(() => [ContactRule])
  blockedBy!: Rule[];

  @Field(() => Date, { nullable: true, description: 'The earliest moment the call is allowed; null when a rule blocks for good.' })
  nextAllowedAt!: Date | null;
}

@Resolver()
export class ContactCheckResolver {
  @Query(() => ContactDecision, { description: 'The contact policy for an outbound call to this phone at this moment (default now).' })
  contactCheck(
    @Arg('accountId', () => ID) accountId: string,
    @Arg('phoneId', () => ID) phoneId: string,
    @Arg('at', () => Date, { nullable: true }) at: Date | null,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<Decision> {
    return services.contactCheck.check(em, viewer, accountId, phoneId, at);
  }
}
