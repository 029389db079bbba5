import { GraphQLLocalDate } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import type { Connection } from '../graphql/connection.js';
import type { AppContext } from '../graphql/context.js';
import type { LocalDate } from '../shared/dates.js';
import { MAX_LEDGER_ROWS, MAX_REFERENCE_LENGTH } from './ledger-csv.js';
import { MAX_PERIOD_DAYS, MAX_PROBLEMS_REPORTED } from './reconciliation.service.js';
import {
  LedgerImportPayload,
  Reconciliation,
  ReconciliationItem,
  ReconciliationItemConnection,
  ReconciliationPageArgs,
  ReconciliationTotal,
} from './reconciliation.types.js';

const IMPORT_DESCRIPTION = `MANAGER, ADMIN: imports an accounting export for reconciliation (DOMAIN.md §4).

\`csv\` is the file's text (UTF-8; a byte-order mark, CRLF or LF line ends and "quoted" fields are accepted). Its first line is the header \`reference,amount,currency,posted_on\` (any order, any case); then one ledger line per row, at most ${MAX_LEDGER_ROWS.toLocaleString('en-US')}:
- reference: non-empty, at most ${MAX_REFERENCE_LENGTH} characters, and once per file (payments are matched by reference, so a repeated reference, whatever its amount, is refused);
- amount: a decimal > 0 with at most the currency's decimals, e.g. 1234.56 (no sign, no thousands separators);
- currency: an ISO 4217 code such as MXN;
- posted_on: the accounting date, YYYY-MM-DD.

All or nothing: a file with any bad row is refused with BAD_USER_INPUT and \`extensions.problems: [{ line, column, message }]\` naming each problem (line as in the file, the header being line 1; column the header name at fault, or null for the whole line; the first ${MAX_PROBLEMS_REPORTED.toLocaleString('en-US')} problems, \`extensions.problemCount\` counting all). An empty file, a missing or misnamed header, a header with no rows and a file over the row limit are refused the same way.

Every import is a new batch. When a later import carries a reference again, its line supersedes the earlier one in reconciliations.`;

@Resolver(() => Reconciliation)
export class ReconciliationResolver {
  @Mutation(() => LedgerImportPayload, { description: IMPORT_DESCRIPTION })
  importLedger(@Arg('csv') csv: string, @Ctx() { em, viewer, services }: AppContext): Promise<LedgerImportPayload> {
    return services.reconciliation.importLedger(em, viewer, csv);
  }

  @Query(() => Reconciliation, {
    description: `MANAGER, ADMIN, ANALYST: posted payments received from \`from\` to \`to\` (floor calendar days, both included; at most ${MAX_PERIOD_DAYS}) matched by reference with the imported ledger, and the ledger lines posted in those days that no posted payment carries. Reversed payments take no part.`,
  })
  reconciliation(
    @Arg('from', () => GraphQLLocalDate) from: LocalDate,
    @Arg('to', () => GraphQLLocalDate) to: LocalDate,
    @Ctx() { viewer, services }: AppContext,
  ): Reconciliation {
    return services.reconciliation.period(viewer, from, to, services.config.floorTimeZone);
  }

  @FieldResolver(() => [ReconciliationTotal], { description: 'One total per status, zero counts included.' })
  totals(@Root() period: Reconciliation, @Ctx() { em, services }: AppContext): Promise<ReconciliationTotal[]> {
    return services.reconciliation.totals(em, period);
  }

  @FieldResolver(() => ReconciliationItemConnection, { description: 'Payments in the order they were recorded, then LEDGER_ONLY lines in import order.' })
  items(@Root() period: Reconciliation, @Args() args: ReconciliationPageArgs, @Ctx() { em, services }: AppContext): Promise<Connection<ReconciliationItem>> {
    return services.reconciliation.items(em, period, args);
  }
}

@Resolver(() => ReconciliationItem)
export class ReconciliationItemResolver {
  @FieldResolver(() => Account, { nullable: true, description: "The payment's account; null for LEDGER_ONLY." })
  account(@Root() item: ReconciliationItem, @Ctx() { loaders }: AppContext): Promise<Account | null> | null {
    return item.accountId == null ? null : loaders.account.load(item.accountId);
  }
}
