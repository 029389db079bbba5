import { Field, InputType } from 'type-graphql';
import { LocatableStatus } from './customer.entity.js';

@InputType()
export class CustomerFilter {
  @Field(() => String, { nullable: true, description: 'Part of the customer name.' })
  search?: string | null;

  @Field(() => LocatableStatus, { nullable: true })
  locatable?: LocatableStatus | null;
}
