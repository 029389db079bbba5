import type { EntityManager } from '@mikro-orm/core';
import { requireViewer } from '../auth/access.js';
import { Role, seesWholeFloor, type Viewer } from '../auth/viewer.js';
import { ZoneClock } from '../db/seed/floor-time.js';
import { decodeCursor, encodeCursor, pageRequest, type Connection } from '../graphql/connection.js';
import { badInput, forbidden } from '../graphql/errors.js';
import { encodeId } from '../graphql/ids.js';
import { addDays, isLocalDate, type LocalDate } from '../shared/dates.js';
import { CHECKS, expectedDelinquencies, KIND_ORDER, type Check, type CheckInput, type Dialect, type FindingQuery, type FindingRow } from './findings.js';
import type { Inconsistency, InconsistencyArgs } from './inconsistency.types.js';

/** A supervisor without a team sees no team's accounts. */
const NO_TEAM = -1;

/**
 * The portfolio check of DOMAIN.md §5. A page runs the kinds' checks in order, each one SQL statement
 * resuming after the cursor and stopping at the page size, so a page costs at most one statement per
 * kind (plus the distinct dates two kinds join on), however many findings there are.
 */
export class InconsistencyService {
  private readonly zone: ZoneClock;

  constructor(
    private readonly dialect: Dialect,
    floorTimeZone: string,
    private readonly businessDate: () => LocalDate,
  ) {
    this.zone = new ZoneClock(floorTimeZone);
  }

  /** MANAGER, ADMIN and ANALYST check the whole floor, a SUPERVISOR their team's accounts; agents may not. */
  async list(em: EntityManager, viewer: Viewer | undefined, args: InconsistencyArgs): Promise<Connection<Inconsistency>> {
    const v = requireViewer(viewer);
    let teamId: number | undefined;
    if (v.role === Role.SUPERVISOR) teamId = v.teamId ?? NO_TEAM;
    else if (!seesWholeFloor(v)) throw forbidden('Inconsistencies are for supervisors, managers, admins and analysts.');

    const page = pageRequest({ first: args.first, after: args.after });
    const wanted = args.kinds?.length ? new Set(args.kinds) : new Set(KIND_ORDER);
    const checks = CHECKS.filter((c) => wanted.has(c.kind));
    const after = page.cursor ? this.cursor(page.cursor) : undefined;
    const today = this.businessDate();
    const inputs = new CheckInputs(em, this.dialect, teamId, today, this.zone);

    const found: Inconsistency[] = [];
    const cursors: string[] = [];
    for (const check of checks) {
      const rank = KIND_ORDER.indexOf(check.kind);
      if (after && rank < after.rank) continue;
      const room = page.size + 1 - found.length;
      if (room <= 0) break;
      const query = check.query(await inputs.for(check));
      if (!query) continue;
      const resume = after && rank === after.rank ? after : undefined;
      const rows = await this.page(em, query, resume, room);
      for (const row of rows) {
        found.push(toInconsistency(check, row, today));
        cursors.push(encodeCursor([rank, Number(row.account_id), Number(row.subject_id)]));
      }
    }

    const hasNextPage = found.length > page.size;
    const nodes = found.slice(0, page.size);
    const edges = nodes.map((node, i) => ({ cursor: cursors[i]!, node }));
    return {
      edges,
      nodes,
      pageInfo: {
        hasNextPage,
        hasPreviousPage: after !== undefined,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      get totalCount() {
        return (async () => {
          let total = 0;
          for (const check of checks) {
            const query = check.query(await inputs.for(check));
            if (!query) continue;
            const [row] = await execute(em, query, 'select count(*) as n from (%s) f', []);
            total += Number(row!.n);
          }
          return total;
        })();
      },
    };
  }

  private cursor(text: string): { rank: number; accountId: number; subjectId: number } {
    const [rank, accountId, subjectId] = decodeCursor(text, 'after', 3);
    if (typeof rank !== 'number' || typeof accountId !== 'number' || typeof subjectId !== 'number' || !KIND_ORDER[rank]) {
      throw badInput('after is not a cursor of this connection.', { argument: 'after' });
    }
    return { rank, accountId, subjectId };
  }

  private page(em: EntityManager, query: FindingQuery, after: { accountId: number; subjectId: number } | undefined, limit: number): Promise<FindingRow[]> {
    const keyset = after ? ' where f.account_id > ? or (f.account_id = ? and f.subject_id > ?)' : '';
    const params = after ? [after.accountId, after.accountId, after.subjectId] : [];
    // Findings are rare, so PostgreSQL's bet on walking the account key until the page fills loses: it
    // nests a loop over the whole floor. OFFSET 0 keeps the check planned on its own (hash joins).
    const fenced = this.dialect === 'postgresql' ? { ...query, sql: `${query.sql} offset 0` } : query;
    return execute(em, fenced, `select * from (%s) f${keyset} order by f.account_id, f.subject_id limit ?`, [...params, limit]);
  }
}

/** Wraps a kind's query (`%s`) in an outer statement, its CTEs first. */
function execute(em: EntityManager, query: FindingQuery, outer: string, outerParams: unknown[]): Promise<FindingRow[]> {
  const withClause = query.ctes.length ? `with ${query.ctes.join(', ')} ` : '';
  return em.getConnection().execute(`${withClause}${outer.replace('%s', query.sql)}`, [...query.params, ...outerParams]);
}

function toInconsistency(check: Check, row: FindingRow, today: LocalDate): Inconsistency {
  const facts = check.describe(row, today);
  return {
    kind: check.kind,
    detail: facts.detail,
    expected: facts.expected,
    actual: facts.actual,
    subjectId: facts.subject ? encodeId(facts.subject.type, facts.subject.id) : null,
    accountId: Number(row.account_id),
  };
}

/** The dates two kinds join on, looked up once per request and only when those kinds run. */
class CheckInputs {
  private delinquencies?: Promise<CheckInput['delinquencies']>;
  private dayEnds?: Promise<CheckInput['dayEnds']>;

  constructor(
    private readonly em: EntityManager,
    private readonly dialect: Dialect,
    private readonly teamId: number | undefined,
    private readonly today: LocalDate,
    private readonly zone: ZoneClock,
  ) {}

  async for(check: Check): Promise<CheckInput> {
    const input: CheckInput = { dialect: this.dialect, teamId: this.teamId };
    if (check.needs === 'oldestDueDates') input.delinquencies = await (this.delinquencies ??= this.oldestDueDates());
    if (check.needs === 'keptGraceDays') input.dayEnds = await (this.dayEnds ??= this.keptGraceDays());
    return input;
  }

  private async oldestDueDates(): Promise<CheckInput['delinquencies']> {
    const scoped = this.teamId === undefined ? '' : ' where team_id = ?';
    const rows: FindingRow[] = await this.em
      .getConnection()
      .execute(`select distinct oldest_unpaid_due_date as day from account${scoped}`, this.teamId === undefined ? [] : [this.teamId]);
    const days = rows.map((r) => (r.day == null ? null : String(r.day))).filter((d) => d === null || isLocalDate(d));
    return expectedDelinquencies(days, this.today);
  }

  private async keptGraceDays(): Promise<CheckInput['dayEnds']> {
    const rows: FindingRow[] = await this.em.getConnection().execute("select distinct grace_ends_on as day from promise_to_pay where status = 'KEPT'");
    return rows
      .map((r) => String(r.day))
      .filter(isLocalDate)
      .map((day) => ({ day, endsAt: new Date(this.zone.midnight(addDays(day, 1))) }));
  }
}
