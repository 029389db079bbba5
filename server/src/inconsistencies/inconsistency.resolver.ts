import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import type { Connection } from '../graphql/connection.js';
import type { AppContext } from '../graphql/context.js';
import { Inconsistency, InconsistencyArgs, InconsistencyConnection } from './inconsistency.types.js';

@Resolver(() => Inconsistency)
export class InconsistencyResolver {
  @Query(() => InconsistencyConnection, {
    description:
      'MANAGER, ADMIN, ANALYST (whole floor), SUPERVISOR (their team): data that cannot be right (DOMAIN.md §5), kind by kind, then by account. Checked live at the business date; a healthy floor has none.',
  })
  inconsistencies(@Args() args: InconsistencyArgs, @Ctx() { em, viewer, services }: AppContext): Promise<Connection<Inconsistency>> {
    return services.inconsistencies.list(em, viewer, args);
  }

  @FieldResolver(() => Account)
  async account(@Root() finding: Inconsistency, @Ctx() { loaders }: AppContext): Promise<Account> {
    return (await loaders.account.load(finding.accountId))!;
  }
}
