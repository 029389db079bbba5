import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../graphql/context.js';
import { ContactPoint } from './contact-point.entity.js';
import { AddContactPointInput } from './contact-point.inputs.js';
import { Customer } from './customer.entity.js';

@Resolver(() => ContactPoint)
export class ContactPointResolver {
  @Mutation(() => ContactPoint, {
    description: 'Skip tracing (DOMAIN.md §5): adds a phone, email or address with its source; the customer is LOCATABLE again once a phone or address is valid.',
  })
  addContactPoint(
    @Arg('customerId', () => ID) customerId: string,
    @Arg('input', () => AddContactPointInput) input: AddContactPointInput,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<ContactPoint> {
    return services.contactPoints.add(em, viewer, customerId, input);
  }

  @Mutation(() => ContactPoint, { description: 'Confirms a contact point (an INVALID one is reinstated), with the source of the confirmation.' })
  verifyContactPoint(
    @Arg('id', () => ID) id: string,
    @Arg('source') source: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<ContactPoint> {
    return services.contactPoints.verify(em, viewer, id, source, reason);
  }

  @Mutation(() => ContactPoint, { description: 'Marks a contact point INVALID; with no valid phone and no valid address left, the customer becomes UNLOCATABLE.' })
  invalidateContactPoint(
    @Arg('id', () => ID) id: string,
    @Arg('source') source: string,
    @Arg('reason') reason: string,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<ContactPoint> {
    return services.contactPoints.invalidate(em, viewer, id, source, reason);
  }

  @FieldResolver(() => Customer)
  async customer(@Root() point: ContactPoint, @Ctx() { loaders }: AppContext): Promise<Customer> {
    return (await loaders.customer.load(point.customer.id))!;
  }
}
