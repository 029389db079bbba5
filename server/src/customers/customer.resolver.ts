import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Agent } from '../agents/agent.entity.js';
import { ConnectionType, PageArgs, type Connection } from '../graphql/connection.js';
import type { AppContext } from '../graphql/context.js';
import { decodeIdOf } from '../graphql/ids.js';
import { ContactPoint } from './contact-point.entity.js';
import { ContactPointChange } from './contact-point-change.entity.js';
import { Customer } from './customer.entity.js';
import { CustomerFilter } from './customer.inputs.js';

@ObjectType() export class CustomerConnection extends ConnectionType(Customer) {}
@ObjectType() export class ContactPointChangeConnection extends ConnectionType(ContactPointChange) {}

@Resolver(() => Customer)
export class CustomerResolver {
  @Query(() => CustomerConnection)
  customers(
    @Arg('filter', () => CustomerFilter, { nullable: true }) filter: CustomerFilter | null,
    @Args() page: PageArgs,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<Connection<Customer>> {
    return services.customers.list(em, viewer, filter, page);
  }

  @Query(() => Customer)
  customer(@Arg('id', () => ID) id: string, @Ctx() { em, viewer, services }: AppContext): Promise<Customer> {
    return services.customers.byId(em, viewer, decodeIdOf('Customer', id));
  }

  @Query(() => ContactPointChangeConnection, { description: 'Every change of a customer’s contact data: who, when, source, why.' })
  contactHistory(
    @Arg('customerId', () => ID) customerId: string,
    @Args() page: PageArgs,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<Connection<ContactPointChange>> {
    return services.customers.contactHistory(em, viewer, decodeIdOf('Customer', customerId, 'customerId'), page);
  }

  @FieldResolver(() => [ContactPoint])
  contactPoints(@Root() customer: Customer, @Ctx() { loaders }: AppContext): Promise<ContactPoint[]> {
    return loaders.contactPointsOfCustomer.load(customer.id);
  }
}

@Resolver(() => ContactPointChange)
export class ContactPointChangeResolver {
  @FieldResolver(() => Agent, { nullable: true })
  changedBy(@Root() change: ContactPointChange, @Ctx() { loaders }: AppContext): Promise<Agent | null> | null {
    return change.changedBy ? loaders.agent.load(change.changedBy.id) : null;
  }
}
