import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { Agent } from '../agents/agent.entity.js';
import { audit } from '../audit/audit.js';
import { requireRole, requireViewer } from '../auth/access.js';
import { isManagerOrAdmin, requireWriter } from '../auth/permissions.js';
import { Role, seesWholeFloor, type Viewer } from '../auth/viewer.js';
import { ZoneClock } from '../db/seed/floor-time.js';
import { badInput, forbidden, notFound } from '../graphql/errors.js';
import { decodeIdOf, encodeId } from '../graphql/ids.js';
import { marks, sqlRows } from '../db/sql.js';
import type { Clock } from '../shared/clock.js';
import { addDays, isLocalDate, type LocalDate } from '../shared/dates.js';
import { FLOOR_CURRENCY } from '../shared/floor-currency.js';
import { parseMinor } from '../shared/money.js';
import type { MoneyInput } from '../shared/money.input.js';
import { Money } from '../shared/money.type.js';
import { COUNTER_COLUMN, COUNTER_FIELDS, monthOf, presenceDeltas, zeroFigures, type CounterFigures } from './counter-deltas.js';
import { instant } from './kpi-counters.js';
import { recountDays } from './kpi-facts.js';
import { KPI_DEFINITION, KPIS, pacing, SHARE_TARGET, WHOLE_TARGET, type KpiDefinition, type KpiTotals } from './kpi-math.js';
import { elapsedShare, FLOOR_SHIFT, periodDays, periodStart, type FloorShift } from './kpi-period.js';
import { KpiAmount, KpiFigure, type KpiDifference, type Kpis, type KpiTarget, type Leaderboard, type LeaderboardEntry } from './kpi.types.js';
import { Kpi, KpiPeriod, KpiScope, Target } from './target.entity.js';

/** The scope a question is about, once found and allowed: which agents' counters add up to it. */
interface Scope {
  scope: KpiScope;
  /** Agent or team id; 0 for the floor (as Target stores it). */
  id: number;
  globalId: string | null;
  /** A condition on an agent id column, with its parameters. */
  agents(column: string): { sql: string; params: unknown[] };
}

/** The time an agent has spent in a presence interval still open, within the period asked about. */
interface OpenPresence {
  teamId: number | null;
  connectedSeconds: number;
  pausedSeconds: number;
}

const SUMS = COUNTER_FIELDS.map((f) => `coalesce(sum(k.${COUNTER_COLUMN[f]}), 0) as ${COUNTER_COLUMN[f]}`).join(', ');

const COLUMNS = COUNTER_FIELDS.map((f) => `k.${COUNTER_COLUMN[f]}`).join(', ');

const figuresOf = (row: Record<string, unknown> | undefined): CounterFigures => {
  const figures = zeroFigures();
  if (row) for (const f of COUNTER_FIELDS) figures[f] = Number(row[COUNTER_COLUMN[f]] ?? 0);
  return figures;
};

const rowsByAgent = (rows: ReadonlyArray<Record<string, unknown>>): Map<number, CounterFigures> => new Map(rows.map((r) => [Number(r.agent_id), figuresOf(r)]));

/** Every field where a stored counter row and what it should hold disagree, by agent; a missing row holds zeros. */
function compareCounters(
  stored: ReadonlyMap<number, CounterFigures>,
  expected: ReadonlyMap<number, CounterFigures>,
  at: { period: KpiPeriod; day: LocalDate },
): KpiDifference[] {
  const agents = [...new Set([...stored.keys(), ...expected.keys()])].sort((a, b) => a - b);
  const differences: KpiDifference[] = [];
  for (const agentId of agents) {
    const counter = stored.get(agentId) ?? zeroFigures();
    const recount = expected.get(agentId) ?? zeroFigures();
    for (const field of COUNTER_FIELDS) {
      if (counter[field] !== recount[field]) differences.push({ agentId: encodeId('Agent', agentId), ...at, field, counter: counter[field], recount: recount[field] });
    }
  }
  return differences;
}

export interface KpiArgs {
  scope: KpiScope;
  scopeId?: string | null;
  period: KpiPeriod;
  date: LocalDate;
}

export interface SetTargetArgs extends KpiArgs {
  kpi: Kpi;
  value?: number | null;
  amount?: MoneyInput | null;
}

/**
 * KPIs, leaderboards, targets and the recount of DOMAIN.md §7. Figures are read from the per-agent,
 * per-day counters (a scope is a set of agents, a period a range of days) in one statement, plus the
 * presence interval each agent has open right now, which no counter holds yet.
 */
export class KpiService {
  private readonly zone: ZoneClock;

  constructor(
    private readonly clock: Clock,
    floorTimeZone: string,
    private readonly shift: FloorShift = FLOOR_SHIFT,
  ) {
    this.zone = new ZoneClock(floorTimeZone);
  }

  async kpis(em: EntityManager, viewer: Viewer | undefined, args: KpiArgs): Promise<Kpis> {
    const v = requireViewer(viewer);
    checkDate(args.date);
    const scope = await this.readableScope(em, v, args.scope, args.scopeId);
    const now = this.clock.now();
    const { from, to } = periodDays(args.period, args.date);
    const totals = await this.totals(em, scope, args.period, from, to, now);
    const targets = await this.targetsOf(em, scope.scope, [scope.id], args.period, args.date);
    return this.present(scope, args.period, args.date, totals, targets, now);
  }

  /**
   * The day's KPIs of several teams, as kpis gives each (the alert rules look at every team an event
   * touched): three statements whatever the number of teams.
   */
  async teamsOfDay(em: EntityManager, teamIds: readonly number[], date: LocalDate): Promise<Map<number, Kpis>> {
    const out = new Map<number, Kpis>();
    if (teamIds.length === 0) return out;
    const now = this.clock.now();
    const period = KpiPeriod.DAY;
    const { from, to } = periodDays(period, date);
    const counters = countersOf(period, from, to);
    const teams = marks(teamIds.length);
    const sums = await sqlRows<Record<string, unknown>>(
      em,
      `select a.team_id as team_id, ${SUMS} from ${counters.table} k join agent a on a.id = k.agent_id
       where ${counters.where} and a.team_id in (${teams}) group by a.team_id`,
      [...counters.params, ...teamIds],
    );
    const rowOf = new Map(sums.map((r) => [Number(r.team_id), r]));
    const totalsOf = new Map(teamIds.map((id) => [id, figuresOf(rowOf.get(id))]));
    const inTeams: Scope['agents'] = (column) => ({ sql: ` and ${column} in (select t.id from agent t where t.team_id in (${teams}))`, params: [...teamIds] });
    for (const extra of (await this.openPresence(em, inTeams, from, to, now)).values()) {
      const totals = extra.teamId == null ? undefined : totalsOf.get(extra.teamId);
      if (!totals) continue;
      totals.connectedSeconds += extra.connectedSeconds;
      totals.pausedSeconds += extra.pausedSeconds;
    }
    const targets = await this.targetsOf(em, KpiScope.TEAM, teamIds, period, date);
    for (const [id, totals] of totalsOf) {
      const scope = { scope: KpiScope.TEAM, id, globalId: encodeId('Team', id) };
      out.set(id, this.present(scope, period, date, totals, targets.filter((t) => t.scopeId === id), now));
    }
    return out;
  }

  /** The figures of a scope and period against its targets, paced by the share of the period gone. */
  private present(scope: Pick<Scope, 'scope' | 'id' | 'globalId'>, period: KpiPeriod, date: LocalDate, totals: KpiTotals, targets: ReadonlyArray<Pick<Target, 'kpi' | 'value'>>, now: Date): Kpis {
    const { from, to } = periodDays(period, date);
    const targetOf = new Map(targets.map((t) => [t.kpi, t.value]));
    const share = elapsedShare(period, date, now, this.zone, this.shift);
    const result: Record<string, unknown> = {
      scope: scope.scope,
      scopeId: scope.globalId,
      period,
      from,
      to,
      asOf: now,
      elapsedShare: share,
      currencyCode: FLOOR_CURRENCY,
      calls: totals.calls,
      callsWithTalk: totals.callsWithTalk,
      pausedSeconds: totals.pausedSeconds,
      promisesPartiallyKept: totals.promisesPartiallyKept,
      promisesBroken: totals.promisesBroken,
    };
    for (const definition of KPIS) result[definition.field] = figure(definition, definition.value(totals), targetOf.get(definition.kpi), share);
    return result as unknown as Kpis;
  }

  async leaderboard(em: EntityManager, viewer: Viewer | undefined, teamGlobalId: string, kpi: Kpi, period: KpiPeriod, date: LocalDate): Promise<Leaderboard> {
    const v = requireViewer(viewer);
    checkDate(date);
    const scope = await this.readableScope(em, v, KpiScope.TEAM, teamGlobalId, { leaderboard: true });
    const now = this.clock.now();
    const { from, to } = periodDays(period, date);
    const counters = countersOf(period, from, to);
    const rows = await sqlRows<Record<string, unknown>>(
      em,
      `select a.id as agent_id, a.name as name, ${SUMS} from agent a
       left join ${counters.table} k on k.agent_id = a.id and ${counters.where}
       where a.team_id = ? and a.role = 'AGENT' group by a.id, a.name order by a.id`,
      [...counters.params, scope.id],
    );
    const open = await this.openPresence(em, scope.agents, from, to, now);
    const definition = KPI_DEFINITION[kpi];
    const ranked = rows
      .map((r) => {
        const totals = figuresOf(r);
        const extra = open.get(Number(r.agent_id));
        if (extra) {
          totals.connectedSeconds += extra.connectedSeconds;
          totals.pausedSeconds += extra.pausedSeconds;
        }
        return { agentId: Number(r.agent_id), name: String(r.name), value: definition.value(totals) };
      })
      // Highest first; agents with no figure (a rate over nothing) last; then by name for a stable order.
      .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.name.localeCompare(b.name) || a.agentId - b.agentId);
    const entries: LeaderboardEntry[] = [];
    ranked.forEach((r, i) => {
      const previous = entries[i - 1];
      const tied = previous !== undefined && ranked[i - 1]!.value === r.value;
      entries.push({
        rank: tied ? previous.rank : i + 1,
        agentId: encodeId('Agent', r.agentId),
        name: r.name,
        value: definition.unit === 'MONEY' ? null : r.value,
        amount: definition.unit === 'MONEY' && r.value !== null ? Money.of(r.value, FLOOR_CURRENCY) : null,
      });
    });
    return { teamId: scope.globalId!, kpi, period, from, to, asOf: now, entries };
  }

  /**
   * DOMAIN.md §1 and §7: a supervisor sets the day's targets of their team and its agents; a manager (or
   * an admin) any target, months and the floor included. Anyone else is FORBIDDEN before anything is read.
   */
  async setTarget(em: EntityManager, viewer: Viewer | undefined, args: SetTargetArgs): Promise<KpiTarget> {
    const v = requireWriter(viewer);
    if (!isManagerOrAdmin(v) && v.role !== Role.SUPERVISOR) throw forbidden('Targets are set by supervisors (their team, for the day) and managers.');
    if (v.role === Role.SUPERVISOR && (args.period !== KpiPeriod.DAY || args.scope === KpiScope.FLOOR)) {
      throw forbidden('A supervisor sets daily targets of their team and its agents; monthly and floor targets are the manager’s.');
    }
    checkDate(args.date);
    const scope = await this.findScope(em, args.scope, args.scopeId);
    if (v.role === Role.SUPERVISOR && scope.teamId !== v.teamId) throw forbidden('A supervisor sets targets of their own team and its agents only.');
    const value = targetValue(args);
    const key = { scope: args.scope, scopeId: scope.id, kpi: args.kpi, period: args.period, periodStart: periodStart(args.period, args.date) };
    const write = () =>
      em.transactional(async (tx) => {
        const now = this.clock.now();
        const existing = await tx.findOne(Target, key);
        const before = existing ? { value: existing.value, setBy: existing.setBy?.id ?? null } : null;
        const target = existing ?? tx.create(Target, { ...key, value, setBy: tx.getReference(Agent, v.agentId!), updatedAt: now });
        target.value = value;
        target.setBy = tx.getReference(Agent, v.agentId!);
        target.updatedAt = now;
        await tx.flush();
        audit(tx, v, now, { action: 'setTarget', entityType: 'Target', entityId: target.id, before, after: { ...key, value, setBy: v.agentId } });
        return target;
      });
    let target: Target;
    try {
      target = await write();
    } catch (error) {
      // Two first settings of one target raced: the unique key let one in; this one now updates it.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      target = await write();
    }
    return toKpiTarget(target, scope.globalId);
  }

  /**
   * ADMIN: the counters of a floor day computed again from the raw records (calls, promises, payments,
   * presence changes), and every field where they disagree with the stored counters; then the month
   * rows of the day's month against the sum of that month's day rows. Empty when all agree.
   */
  async recount(em: EntityManager, viewer: Viewer | undefined, date: LocalDate): Promise<KpiDifference[]> {
    requireRole(viewer, Role.ADMIN);
    checkDate(date);
    const recounted = await recountDays(em, [date], this.zone);
    const stored = await sqlRows<Record<string, unknown>>(em, `select k.agent_id as agent_id, ${COLUMNS} from agent_day_counter k where k."day" = ?`, [date]);
    const dayRows = new Map([...recounted.values()].map((r) => [r.agentId, r.figures]));
    const differences = compareCounters(rowsByAgent(stored), dayRows, { period: KpiPeriod.DAY, day: date });
    const { from, to } = periodDays(KpiPeriod.MONTH, date);
    const months = await sqlRows<Record<string, unknown>>(em, `select k.agent_id as agent_id, ${COLUMNS} from agent_month_counter k where k."month" = ?`, [monthOf(date)]);
    const days = await sqlRows<Record<string, unknown>>(em, `select k.agent_id as agent_id, ${SUMS} from agent_day_counter k where k."day" >= ? and k."day" <= ? group by k.agent_id`, [from, to]);
    return differences.concat(compareCounters(rowsByAgent(months), rowsByAgent(days), { period: KpiPeriod.MONTH, day: from }));
  }

  /** A scope the viewer may follow live (kpiUpdated), refused as kpis would refuse reading it: the agent's or team's id (0 for the floor). */
  async followable(em: EntityManager, viewer: Viewer | undefined, scope: KpiScope, scopeId: string | null | undefined): Promise<{ scope: KpiScope; id: number }> {
    const found = await this.readableScope(em, requireViewer(viewer), scope, scopeId);
    return { scope, id: found.id };
  }

  /** Summed counters of the scope over [from, to], with the presence intervals still open added up to now. */
  private async totals(em: EntityManager, scope: Scope, period: KpiPeriod, from: LocalDate, to: LocalDate, now: Date): Promise<KpiTotals> {
    const filter = scope.agents('k.agent_id');
    const counters = countersOf(period, from, to);
    const [row] = await sqlRows<Record<string, unknown>>(em, `select ${SUMS} from ${counters.table} k where ${counters.where}${filter.sql}`, [...counters.params, ...filter.params]);
    const totals = figuresOf(row);
    for (const extra of (await this.openPresence(em, scope.agents, from, to, now)).values()) {
      totals.connectedSeconds += extra.connectedSeconds;
      totals.pausedSeconds += extra.pausedSeconds;
    }
    return totals;
  }

  /**
   * The part of [from, to] each agent of the scope has spent since their latest presence change, when
   * that is not OFFLINE: time no counter holds until the next change closes the interval.
   */
  private async openPresence(em: EntityManager, agents: Scope['agents'], from: LocalDate, to: LocalDate, now: Date): Promise<Map<number, OpenPresence>> {
    const out = new Map<number, OpenPresence>();
    const start = this.zone.midnight(from);
    const end = Math.min(now.getTime(), this.zone.midnight(addDays(to, 1)));
    if (end <= start) return out;
    const filter = agents('a.id');
    const rows = await sqlRows<{ agent_id: unknown; team_id: unknown; status: string; at: unknown }>(
      em,
      `select a.id as agent_id, a.team_id as team_id, c.status as status, c.at as at from agent a join agent_status_change c on c.id = a.presence_change_id
       where c.status <> 'OFFLINE'${filter.sql}`,
      filter.params,
    );
    for (const r of rows) {
      const since = Math.max(instant(r.at).getTime(), start);
      const extra = { teamId: r.team_id == null ? null : Number(r.team_id), connectedSeconds: 0, pausedSeconds: 0 };
      for (const d of presenceDeltas(Number(r.agent_id), r.status, new Date(since), new Date(end), this.zone)) {
        extra.connectedSeconds += d.add.connectedSeconds ?? 0;
        extra.pausedSeconds += d.add.pausedSeconds ?? 0;
      }
      out.set(Number(r.agent_id), extra);
    }
    return out;
  }

  /**
   * DOMAIN.md §1: an agent reads their own KPIs and their team's (a teammate's figures only on the
   * leaderboard); a supervisor their team and its agents; managers, admins and analysts everything.
   * What lies outside the viewer's reach is NOT_FOUND, as for any record; what is in reach but not
   * theirs to read (a teammate, the floor) is FORBIDDEN.
   */
  private async readableScope(em: EntityManager, v: Viewer, scope: KpiScope, scopeId: string | null | undefined, options: { leaderboard?: boolean } = {}): Promise<Scope> {
    const found = await this.findScope(em, scope, scopeId, options.leaderboard ? 'teamId' : 'scopeId');
    if (seesWholeFloor(v)) return found;
    if (scope === KpiScope.FLOOR) throw forbidden('Floor KPIs are for managers, admins and analysts.');
    if (scope === KpiScope.AGENT && found.id === v.agentId) return found;
    if (found.teamId == null || found.teamId !== v.teamId) throw notFound(scope === KpiScope.AGENT ? 'Agent' : 'Team');
    if (v.role === Role.AGENT && scope === KpiScope.AGENT && found.id !== v.agentId) {
      throw forbidden('An agent reads their own KPIs and their team’s; a teammate’s figures are on the leaderboard.');
    }
    if (v.role !== Role.AGENT && v.role !== Role.SUPERVISOR) throw forbidden();
    return found;
  }

  /** The targets of these scopes (one kind) for the period, as plain rows: kpiUpdated reads them again for every update it sends. */
  private async targetsOf(em: EntityManager, scope: KpiScope, ids: readonly number[], period: KpiPeriod, date: LocalDate): Promise<Array<Pick<Target, 'scopeId' | 'kpi' | 'value'>>> {
    const rows = await sqlRows<{ scope_id: unknown; kpi: Kpi; value: unknown }>(
      em,
      `select t.scope_id, t.kpi, t.value from target t where t.scope = ? and t.scope_id in (${marks(ids.length)}) and t.period = ? and t.period_start = ?`,
      [scope, ...ids, period, periodStart(period, date)],
    );
    return rows.map((r) => ({ scopeId: Number(r.scope_id), kpi: r.kpi, value: Number(r.value) }));
  }

  private async findScope(em: EntityManager, scope: KpiScope, scopeId: string | null | undefined, argument = 'scopeId'): Promise<Scope & { teamId: number | null }> {
    if (scope === KpiScope.FLOOR) {
      if (scopeId != null) throw badInput('The floor has no scopeId; leave it out.', { argument });
      return { scope, id: 0, globalId: null, teamId: null, agents: () => ({ sql: '', params: [] }) };
    }
    if (scopeId == null) throw badInput(`A ${scope} scope needs its scopeId.`, { argument });
    // Plain rows: kpiUpdated reads a scope again for every update it sends.
    if (scope === KpiScope.AGENT) {
      const id = decodeIdOf('Agent', scopeId, argument);
      const [agent] = await sqlRows<{ team_id: unknown }>(em, 'select a.team_id from agent a where a.id = ?', [id]);
      if (!agent) throw notFound('Agent');
      return { scope, id, globalId: encodeId('Agent', id), teamId: agent.team_id == null ? null : Number(agent.team_id), agents: (column) => ({ sql: ` and ${column} = ?`, params: [id] }) };
    }
    const id = decodeIdOf('Team', scopeId, argument);
    const [team] = await sqlRows(em, 'select t.id from team t where t.id = ?', [id]);
    if (!team) throw notFound('Team');
    return { scope, id, globalId: encodeId('Team', id), teamId: id, agents: (column) => ({ sql: ` and ${column} in (select t.id from agent t where t.team_id = ?)`, params: [id] }) };
  }
}

/**
 * The counter rows of a period: a month's are its agents' month rows (one each, however long the
 * month's history), a day's its day rows.
 */
function countersOf(period: KpiPeriod, from: LocalDate, to: LocalDate): { table: string; where: string; params: unknown[] } {
  if (period === KpiPeriod.MONTH) return { table: 'agent_month_counter', where: 'k."month" = ?', params: [monthOf(from)] };
  return { table: 'agent_day_counter', where: 'k."day" >= ? and k."day" <= ?', params: [from, to] };
}

function checkDate(date: LocalDate): void {
  if (!isLocalDate(date)) throw badInput('date must be a calendar date (YYYY-MM-DD).', { argument: 'date' });
}

function figure(definition: KpiDefinition, value: number | null, target: number | undefined, share: number): KpiFigure | KpiAmount {
  const p = pacing(value, target, share, definition);
  if (definition.unit !== 'MONEY') return Object.assign(new KpiFigure(), { kpi: definition.kpi, value, ...p });
  const money = (minor: number | null) => (minor === null ? null : Money.of(Math.round(minor), FLOOR_CURRENCY));
  return Object.assign(new KpiAmount(), {
    kpi: definition.kpi,
    value: money(value),
    target: money(p.target),
    expectedByNow: money(p.expectedByNow),
    attainment: p.attainment,
    pace: p.pace,
    status: p.status,
  });
}

/** A target's value as stored: minor units of the floor currency for amounts, the number itself otherwise. */
function targetValue(args: SetTargetArgs): number {
  const definition = KPI_DEFINITION[args.kpi];
  if (definition.unit === 'MONEY') {
    if (args.value != null) throw badInput(`${args.kpi} is an amount: give amount (in ${FLOOR_CURRENCY}), not value.`, { argument: 'value' });
    if (!args.amount) throw badInput(`${args.kpi} needs its amount (in ${FLOOR_CURRENCY}).`, { argument: 'amount' });
    if (args.amount.currencyCode !== FLOOR_CURRENCY) throw badInput(`Targets are in the floor currency, ${FLOOR_CURRENCY}.`, { argument: 'amount' });
    let minor: number;
    try {
      minor = parseMinor(args.amount.amount, FLOOR_CURRENCY);
    } catch (error) {
      throw badInput(`amount: ${(error as Error).message}.`, { argument: 'amount' });
    }
    if (minor < 0) throw badInput('A target is not negative.', { argument: 'amount' });
    return minor;
  }
  if (args.amount) throw badInput(`${args.kpi} is not an amount: give value, not amount.`, { argument: 'amount' });
  const value = args.value;
  if (value == null) throw badInput(`${args.kpi} needs its value.`, { argument: 'value' });
  if (!Number.isFinite(value) || value < 0) throw badInput('A target is a number, not negative.', { argument: 'value' });
  if (WHOLE_TARGET.has(args.kpi) && !Number.isInteger(value)) throw badInput(`A ${args.kpi} target is a whole number.`, { argument: 'value' });
  if (SHARE_TARGET.has(args.kpi) && value > 1) throw badInput(`A ${args.kpi} target is a fraction between 0 and 1.`, { argument: 'value' });
  return value;
}

function toKpiTarget(target: Target, scopeGlobalId: string | null): KpiTarget {
  const money = KPI_DEFINITION[target.kpi].unit === 'MONEY';
  return {
    id: encodeId('Target', target.id),
    scope: target.scope,
    scopeId: scopeGlobalId,
    kpi: target.kpi,
    period: target.period,
    periodStart: target.periodStart,
    value: money ? null : target.value,
    amount: money ? Money.of(Math.round(target.value), FLOOR_CURRENCY) : null,
    setById: target.setBy ? encodeId('Agent', target.setBy.id) : null,
    updatedAt: target.updatedAt,
  };
}
