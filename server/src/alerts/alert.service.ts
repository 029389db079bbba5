import { OptimisticLockError, UniqueConstraintViolationException, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { Account } from '../accounts/account.entity.js';
import { Agent, Presence } from '../agents/agent.entity.js';
import { Team } from '../agents/team.entity.js';
import { teamsOfAgents } from '../agents/agent-teams.js';
import { audit, auditFields } from '../audit/audit.js';
import { requireViewer } from '../auth/access.js';
import { expectVersion, isManagerOrAdmin, isSupervisorOf, requireWriter } from '../auth/permissions.js';
import { seesWholeFloor, type Viewer } from '../auth/viewer.js';
import { marks, sqlRows } from '../db/sql.js';
import { paginate, type Connection, type PageArgs } from '../graphql/connection.js';
import { badInput, conflict, forbidden, notFound } from '../graphql/errors.js';
import { decodeIdOf } from '../graphql/ids.js';
import { instant } from '../kpis/kpi-counters.js';
import { KPIS, type KpiStatus } from '../kpis/kpi-math.js';
import type { KpiService } from '../kpis/kpi.service.js';
import { PromiseStatus } from '../promises/promise-to-pay.entity.js';
import type { FloorEvents } from '../realtime/events.js';
import { AlertKind, type ContactRefusedEvent } from '../realtime/topics.js';
import type { Clock } from '../shared/clock.js';
import { addDays, type LocalDate } from '../shared/dates.js';
import { FLOOR_CURRENCY, floorCurrencySql, toFloorCurrency } from '../shared/floor-currency.js';
import { formatMinor, parseMinor } from '../shared/money.js';
import type { MoneyInput } from '../shared/money.input.js';
import { brokenPromiseAlerts, DEFAULT_RULES, kpisBehindPace, overstayed, refusalBurst, ruleProblems, WATCHED_PRESENCE, type RuleThresholds } from './alert-rules.js';
import { AlertRule } from './alert-rule.entity.js';
import { Alert } from './alert.entity.js';

export interface AlertRuleInput {
  kind: AlertKind;
  enabled?: boolean | null;
  shiftShare?: number | null;
  kpis?: AlertRule['kpis'];
  limitSeconds?: number | null;
  amount?: MoneyInput | null;
  refusalCount?: number | null;
  windowSeconds?: number | null;
  expectedVersion?: number | null;
}

export interface AlertsArgs extends PageArgs {
  teamId?: string | null;
  acknowledged?: boolean | null;
}

/** What a rule found: the alert to store unless its episode already has one. */
interface Candidate {
  kind: AlertKind;
  episodeKey: string;
  teamId: number;
  agentId?: number | null;
  accountId?: number | null;
  message: string;
}

const KINDS = Object.values(AlertKind);
const RULE_AUDIT_FIELDS = ['kind', 'enabled', 'shiftShare', 'kpis', 'limitSeconds', 'amountMinor', 'refusalCount', 'windowSeconds', 'version'] as const;
const minutes = (seconds: number): string => (seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`);
const floorMoney = (minor: number): string => `${formatMinor(minor, FLOOR_CURRENCY)} ${FLOOR_CURRENCY}`;

/**
 * The floor's alerts: rules a manager sets, evaluated as events arrive and on a sweep (time passing
 * makes a pause too long with no event at all), each firing stored once per episode and pushed on
 * `alertRaised` after it commits; supervisors acknowledge them.
 *
 * Several instances may evaluate the same episode at once (they all hear the same events through
 * Redis): the alert's unique episode key lets one insert in, and only that instance publishes.
 */
export class AlertService {
  /** Refusal instants per agent not yet part of an alerted burst, oldest first. */
  private readonly refusals = new Map<number, Date[]>();

  constructor(
    private readonly clock: Clock,
    private readonly events: FloorEvents,
    private readonly kpis: KpiService,
    private readonly businessDate: () => LocalDate,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  // ---- rules ----

  /** Every rule, in the order of AlertKind; a rule missing from the database is created with its defaults. */
  async rules(em: EntityManager): Promise<AlertRule[]> {
    let rules = await em.find(AlertRule, {});
    const missing = KINDS.filter((kind) => !rules.some((r) => r.kind === kind));
    if (missing.length) {
      for (const kind of missing) {
        try {
          await em.fork().transactional(async (tx) => {
            tx.create(AlertRule, { kind, ...DEFAULT_RULES[kind], kpis: DEFAULT_RULES[kind].kpis ? [...DEFAULT_RULES[kind].kpis!] : null, updatedAt: this.clock.now() });
          });
        } catch (error) {
          // Another request or instance created it first: theirs is as good.
          if (!(error instanceof UniqueConstraintViolationException)) throw error;
        }
      }
      rules = await em.find(AlertRule, {}, { refresh: true });
    }
    return rules.sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
  }

  /** Every signed-in viewer reads the rules: they carry no personal data and explain the alerts. */
  async listRules(em: EntityManager, viewer: Viewer | undefined): Promise<AlertRule[]> {
    requireViewer(viewer);
    return this.rules(em);
  }

  async updateRule(em: EntityManager, viewer: Viewer | undefined, input: AlertRuleInput): Promise<AlertRule> {
    const v = requireWriter(viewer);
    if (!isManagerOrAdmin(v)) throw forbidden('Alert rules are set by a manager.');
    if (!KINDS.includes(input.kind)) throw badInput(`kind must be one of ${KINDS.join(', ')}.`, { argument: 'kind' });
    const amountMinor = input.amount ? floorAmount(input.amount) : null;
    const change: Partial<RuleThresholds> = {
      shiftShare: input.shiftShare,
      kpis: input.kpis,
      limitSeconds: input.limitSeconds,
      amountMinor,
      refusalCount: input.refusalCount,
      windowSeconds: input.windowSeconds,
    };
    const wrong = ruleProblems(input.kind, change);
    if (wrong) throw badInput(wrong.message, { argument: wrong.argument });
    await this.rules(em);
    try {
      return await this.writeRule(em, v, input, amountMinor);
    } catch (error) {
      // Two managers saved the same version at once: the version column let one through.
      if (error instanceof OptimisticLockError) throw conflict('The alert rule was changed by someone else meanwhile; reload it and try again.');
      throw error;
    }
  }

  private writeRule(em: EntityManager, v: Viewer, input: AlertRuleInput, amountMinor: number | null): Promise<AlertRule> {
    return em.transactional(async (tx) => {
      const rule = await tx.findOneOrFail(AlertRule, { kind: input.kind });
      expectVersion(rule, input.expectedVersion, 'The alert rule');
      const before = auditFields(rule, RULE_AUDIT_FIELDS);
      const now = this.clock.now();
      if (input.enabled != null) rule.enabled = input.enabled;
      if (input.shiftShare != null) rule.shiftShare = input.shiftShare;
      if (input.kpis != null) rule.kpis = [...input.kpis];
      if (input.limitSeconds != null) rule.limitSeconds = input.limitSeconds;
      if (amountMinor != null) rule.amountMinor = amountMinor;
      if (input.refusalCount != null) rule.refusalCount = input.refusalCount;
      if (input.windowSeconds != null) rule.windowSeconds = input.windowSeconds;
      rule.updatedBy = tx.getReference(Agent, v.agentId!);
      rule.updatedAt = now;
      await tx.flush();
      audit(tx, v, now, { action: 'updateAlertRule', entityType: 'AlertRule', entityId: rule.id, before, after: auditFields(rule, RULE_AUDIT_FIELDS) });
      return rule;
    });
  }

  // ---- alerts ----

  /**
   * Alerts, newest first. Agents and supervisors read their own team's (DOMAIN.md §1; naming another
   * team is FORBIDDEN, as for following it live); managers, admins and analysts any team, or all.
   */
  async list(em: EntityManager, viewer: Viewer | undefined, args: AlertsArgs): Promise<Connection<Alert>> {
    const v = requireViewer(viewer);
    const teamId = args.teamId != null ? decodeIdOf('Team', args.teamId, 'teamId') : null;
    const where: FilterQuery<Alert>[] = [];
    if (seesWholeFloor(v)) {
      if (teamId != null) where.push({ team: teamId });
    } else {
      if (v.teamId == null) throw forbidden('You are in no team, so no team’s alerts are yours.');
      if (teamId != null && teamId !== v.teamId) throw forbidden('You may read your own team’s alerts only.');
      where.push({ team: v.teamId });
    }
    if (args.acknowledged != null) where.push({ acknowledgedAt: args.acknowledged ? { $ne: null } : null });
    return paginate(em, Alert, { $and: where }, { field: 'raisedAt', direction: 'DESC' }, args, { dateField: true });
  }

  /**
   * A supervisor acknowledges their team's alert (managers and admins any). An alert outside the
   * viewer's reach is NOT_FOUND, as every record is; an agent may read but not acknowledge: FORBIDDEN.
   * The update is conditional, so of two acknowledgements racing exactly one wins; the other is CONFLICT.
   */
  async acknowledge(em: EntityManager, viewer: Viewer | undefined, alertGlobalId: string): Promise<Alert> {
    const v = requireWriter(viewer);
    const id = decodeIdOf('Alert', alertGlobalId);
    return em.transactional(async (tx) => {
      const alert = await tx.findOne(Alert, { id });
      const inReach = alert && (isManagerOrAdmin(v) || v.teamId === alert.team.id);
      if (!alert || !inReach) throw notFound('Alert', alertGlobalId);
      if (!isManagerOrAdmin(v) && !isSupervisorOf(v, alert.team.id)) throw forbidden('Alerts are acknowledged by the team’s supervisor or a manager.');
      if (alert.acknowledgedAt) {
        throw conflict(`This alert was already acknowledged at ${alert.acknowledgedAt.toISOString()}.`, { acknowledgedAt: alert.acknowledgedAt.toISOString() });
      }
      const now = this.clock.now();
      const updated = await tx.nativeUpdate(Alert, { id, acknowledgedAt: null }, { acknowledgedAt: now, acknowledgedBy: v.agentId! });
      if (updated === 0) throw conflict('This alert was acknowledged by someone else a moment ago.');
      alert.acknowledgedAt = now;
      alert.acknowledgedBy = tx.getReference(Agent, v.agentId!);
      audit(tx, v, now, { action: 'acknowledgeAlert', entityType: 'Alert', entityId: id, before: { acknowledgedAt: null, acknowledgedBy: null }, after: { acknowledgedAt: now.toISOString(), acknowledgedBy: v.agentId } });
      return alert;
    });
  }

  // ---- evaluation ----

  /** MANAGER and ADMIN: every rule evaluated now (the sweep), returning the alerts it stored. */
  async evaluateNow(em: EntityManager, viewer: Viewer | undefined): Promise<Alert[]> {
    const v = requireWriter(viewer);
    if (!isManagerOrAdmin(v)) throw forbidden('The alert sweep is run by a manager or an admin.');
    return this.sweep(em);
  }

  /** Every rule over the whole floor; what time alone can make true is only found here. */
  async sweep(em: EntityManager): Promise<Alert[]> {
    const rules = await this.ruleMap(em);
    const candidates = [
      ...(await this.paceCandidates(em, rules, null)),
      ...(await this.presenceCandidates(em, rules, null)),
      ...(await this.brokenPromiseCandidates(em, rules, null)),
    ];
    return this.raiseAll(em, candidates);
  }

  /** Counters of these agents moved (a call, a presence change, a promise settled): their teams and them. */
  async onKpisChanged(em: EntityManager, agentIds: readonly number[]): Promise<Alert[]> {
    if (agentIds.length === 0) return [];
    const rules = await this.ruleMap(em);
    const teamIds = [...(await teamsOfAgents(em, agentIds))];
    const candidates = [
      ...(await this.paceCandidates(em, rules, teamIds)),
      // Any event of a team is a moment to look at all its members: time makes a pause too long, not events.
      ...(await this.presenceCandidates(em, rules, teamIds)),
      ...(await this.brokenPromiseCandidates(em, rules, [...agentIds])),
    ];
    return this.raiseAll(em, candidates);
  }

  /**
   * A refusal joins its agent's recent refusals; a burst is raised once and its refusals are used up,
   * so the next alert needs a new burst. The episode is named by the burst's first refusal: instances
   * hearing the same refusals name it alike.
   */
  async onContactRefused(em: EntityManager, event: ContactRefusedEvent): Promise<Alert[]> {
    if (event.teamId == null) return [];
    const rule = (await this.ruleMap(em)).get(AlertKind.CONTACT_REFUSALS_BURST)!;
    const at = new Date(event.at);
    const windowMs = (rule.windowSeconds ?? 0) * 1000;
    // Refusals older than the window can no longer be part of a burst ending now or later.
    const recent = [...(this.refusals.get(event.agentId) ?? []), at].filter((t) => at.getTime() - t.getTime() <= windowMs).sort((a, b) => a.getTime() - b.getTime());
    this.refusals.set(event.agentId, recent);
    const burst = refusalBurst(rule, recent);
    if (!burst) return [];
    this.refusals.set(event.agentId, recent.filter((t) => t > burst.last));
    return this.raiseAll(em, [
      {
        kind: AlertKind.CONTACT_REFUSALS_BURST,
        episodeKey: `CONTACT_REFUSALS_BURST:agent:${event.agentId}:${burst.first.toISOString()}`,
        teamId: event.teamId,
        agentId: event.agentId,
        message: `${rule.refusalCount} outbound calls of one agent were refused by the contact policy within ${minutes(Math.round((burst.last.getTime() - burst.first.getTime()) / 1000))} (the rule: ${rule.refusalCount} within ${minutes(rule.windowSeconds!)}).`,
      },
    ]);
  }

  private async ruleMap(em: EntityManager): Promise<Map<AlertKind, AlertRule>> {
    return new Map((await this.rules(em)).map((r) => [r.kind, r]));
  }

  /** TEAM_BEHIND_PACE: one alert per team, per floor day, per KPI. */
  private async paceCandidates(em: EntityManager, rules: Map<AlertKind, AlertRule>, teamIds: number[] | null): Promise<Candidate[]> {
    const rule = rules.get(AlertKind.TEAM_BEHIND_PACE)!;
    if (!rule.enabled) return [];
    const teams = await em.find(Team, teamIds ? { id: { $in: teamIds } } : {}, { orderBy: { id: 'asc' } });
    const date = this.businessDate();
    const kpisOf = await this.kpis.teamsOfDay(em, teams.map((t) => t.id), date);
    const out: Candidate[] = [];
    for (const team of teams) {
      const kpis = kpisOf.get(team.id)!;
      // Each KPI's figure sits under its field name (attempts, collectedAmount, ...), as in the API.
      const figures = kpis as unknown as Record<string, { pace: number | null; status: KpiStatus | null } | undefined>;
      const paces = KPIS.map((d) => ({ kpi: d.kpi, status: figures[d.field]?.status ?? null, pace: figures[d.field]?.pace ?? null }));
      for (const kpi of kpisBehindPace(rule, kpis.elapsedShare, paces)) {
        const pace = paces.find((p) => p.kpi === kpi)!.pace ?? 0;
        out.push({
          kind: AlertKind.TEAM_BEHIND_PACE,
          episodeKey: `TEAM_BEHIND_PACE:team:${team.id}:${date}:${kpi}`,
          teamId: team.id,
          message: `${team.name} is BEHIND pace on ${kpi} (pace ${pace.toFixed(2)}) with ${Math.round(kpis.elapsedShare * 100)}% of the shift gone.`,
        });
      }
    }
    return out;
  }

  /** AGENT_PAUSED_TOO_LONG, AGENT_IN_WRAP_UP_TOO_LONG: one alert per status change that lasted too long, of these teams' agents (null: all). */
  private async presenceCandidates(em: EntityManager, rules: Map<AlertKind, AlertRule>, teamIds: number[] | null): Promise<Candidate[]> {
    if (teamIds?.length === 0) return [];
    const kinds = [AlertKind.AGENT_PAUSED_TOO_LONG, AlertKind.AGENT_IN_WRAP_UP_TOO_LONG].filter((k) => rules.get(k)!.enabled);
    if (kinds.length === 0) return [];
    const only = teamIds ? ` and a.team_id in (${teamIds.map(() => '?').join(', ')})` : '';
    const rows = await sqlRows<{ agent_id: unknown; team_id: unknown; change_id: unknown; status: string; pause_reason: string | null; at: unknown }>(
      em,
      `select a.id as agent_id, a.team_id as team_id, c.id as change_id, c.status as status, c.pause_reason as pause_reason, c.at as at
       from agent a join agent_status_change c on c.id = a.presence_change_id
       where a.team_id is not null and c.status in ('PAUSED', 'WRAP_UP')${only}`,
      teamIds ?? [],
    );
    const now = this.clock.now();
    const out: Candidate[] = [];
    for (const row of rows) {
      const current = { status: row.status as Presence, since: instant(row.at) };
      for (const kind of kinds) {
        const rule = rules.get(kind)!;
        if (!overstayed(kind, rule, current, now)) continue;
        const status = WATCHED_PRESENCE[kind] === Presence.PAUSED && row.pause_reason ? `PAUSED (${row.pause_reason})` : row.status;
        out.push({
          kind,
          episodeKey: `${kind}:change:${Number(row.change_id)}`,
          teamId: Number(row.team_id),
          agentId: Number(row.agent_id),
          message: `An agent has been ${status} for ${minutes(Math.floor((now.getTime() - current.since.getTime()) / 60_000) * 60)}; the limit is ${minutes(rule.limitSeconds!)}.`,
        });
      }
    }
    return out;
  }

  /**
   * BROKEN_PROMISE: one alert per promise, for promises whose grace ended yesterday or today, i.e. found
   * broken by the latest rollover or payment settlement; older breaks are history, not news.
   */
  private async brokenPromiseCandidates(em: EntityManager, rules: Map<AlertKind, AlertRule>, agentIds: number[] | null): Promise<Candidate[]> {
    const rule = rules.get(AlertKind.BROKEN_PROMISE)!;
    if (!rule.enabled || rule.amountMinor == null || agentIds?.length === 0) return [];
    const only = agentIds ? ` and p.agent_id in (${marks(agentIds.length)})` : '';
    // Promises already alerted on are left in the database: after the first evaluation of a day that is nearly all of them.
    // So are those under the rule's amount (two thirds of a day's breaks on the benchmark floor), which could never alert;
    // brokenPromiseAlerts still decides on each row read.
    const rows = await sqlRows<{ id: unknown; agent_id: unknown; account_id: unknown; team_id: unknown; amount_minor: unknown; currency: string; due_date: string }>(
      em,
      `select p.id, p.agent_id, p.account_id, coalesce(a.team_id, g.team_id) as team_id, p.amount_minor, p.currency, p.due_date
       from promise_to_pay p join account a on a.id = p.account_id join agent g on g.id = p.agent_id
       where p.status = ? and p.grace_ends_on >= ? and ${floorCurrencySql('p.amount_minor', 'p.currency')} >= ?${only}
         and not exists (select 1 from alert x where x.episode_key = 'BROKEN_PROMISE:promise:' || p.id)
       order by p.id`,
      [PromiseStatus.BROKEN, addDays(this.businessDate(), -1), rule.amountMinor, ...(agentIds ?? [])],
    );
    const out: Candidate[] = [];
    for (const row of rows) {
      const amountMinor = Number(row.amount_minor);
      if (!brokenPromiseAlerts(rule, { status: PromiseStatus.BROKEN, amountFloorMinor: toFloorCurrency(amountMinor, row.currency) })) continue;
      if (row.team_id == null) continue;
      out.push({
        kind: AlertKind.BROKEN_PROMISE,
        episodeKey: `BROKEN_PROMISE:promise:${Number(row.id)}`,
        teamId: Number(row.team_id),
        agentId: Number(row.agent_id),
        accountId: Number(row.account_id),
        message: `A promise of ${formatMinor(amountMinor, row.currency)} ${row.currency} due ${row.due_date} was broken (the rule: from ${floorMoney(rule.amountMinor!)}).`,
      });
    }
    return out;
  }

  private async raiseAll(em: EntityManager, candidates: Candidate[]): Promise<Alert[]> {
    if (candidates.length === 0) return [];
    // Episodes already stored are the common case on every event: skip them with one read.
    const known = new Set((await em.find(Alert, { episodeKey: { $in: candidates.map((c) => c.episodeKey) } }, { fields: ['episodeKey'] })).map((a) => a.episodeKey));
    const raised: Alert[] = [];
    for (const candidate of candidates) {
      if (known.has(candidate.episodeKey)) continue;
      const alert = await this.raise(em, candidate);
      if (alert) raised.push(alert);
    }
    return raised;
  }

  /** Stores one alert and publishes it after commit; null when another evaluation stored the episode first. */
  private async raise(em: EntityManager, candidate: Candidate): Promise<Alert | null> {
    try {
      return await em.fork().transactional(async (tx) => {
        const alert = tx.create(Alert, {
          kind: candidate.kind,
          team: tx.getReference(Team, candidate.teamId),
          agent: candidate.agentId != null ? tx.getReference(Agent, candidate.agentId) : null,
          account: candidate.accountId != null ? tx.getReference(Account, candidate.accountId) : null,
          message: candidate.message,
          raisedAt: this.clock.now(),
          episodeKey: candidate.episodeKey,
        });
        await tx.flush();
        this.events.alertRaised(tx, {
          id: alert.globalId,
          kind: alert.kind,
          teamId: candidate.teamId,
          agentId: candidate.agentId ?? null,
          accountId: candidate.accountId ?? null,
          message: alert.message,
          raisedAt: alert.raisedAt.toISOString(),
        });
        return alert;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return null;
      this.logger.warn({ kind: candidate.kind, error: (error as Error).message }, 'an alert could not be stored');
      return null;
    }
  }
}

/** A BROKEN_PROMISE amount: in the floor currency, as every floor-wide figure (DOMAIN.md §7). */
function floorAmount(amount: MoneyInput): number {
  if (amount.currencyCode !== FLOOR_CURRENCY) throw badInput(`amount is compared in the floor currency: give it in ${FLOOR_CURRENCY}.`, { argument: 'amount' });
  try {
    return parseMinor(amount.amount, FLOOR_CURRENCY);
  } catch (error) {
    throw badInput(`amount: ${(error as Error).message}.`, { argument: 'amount' });
  }
}
