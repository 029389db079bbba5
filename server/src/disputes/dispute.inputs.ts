import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { DisputeKind, DisputeStatus } from './dispute.entity.js';

/** How a dispute ends (DOMAIN.md §5); OPEN is not an outcome. */
export enum DisputeOutcome {
  /** The customer is right: the debt is adjusted, or closed. */
  VALID = 'VALID',
  /** The debt stands: collection resumes. */
  NOT_VALID = 'NOT_VALID',
}
registerEnumType(DisputeOutcome, { name: 'DisputeOutcome' });

@InputType({ description: 'All given conditions must hold.' })
export class DisputeFilter {
  @Field(() => DisputeStatus, { nullable: true })
  status?: DisputeStatus | null;

  @Field(() => DisputeKind, { nullable: true })
  kind?: DisputeKind | null;

  @Field(() => ID, { nullable: true })
  accountId?: string | null;
}
