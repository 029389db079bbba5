import bcrypt from 'bcryptjs';
import { Faker, base, en, es_MX } from '@faker-js/faker';
import { PauseReason, Presence } from '../../agents/agent.entity.js';
import { Role } from '../../auth/viewer.js';
import { addDays, type LocalDate } from '../../shared/dates.js';
import type { Row } from './bulk.js';
import type { SeedContext } from './context.js';
import { isWorkingDay, MINUTE } from './floor-time.js';
import { Prng } from './prng.js';

export const AGENTS_PER_TEAM = 10;
/** Enough collectors to keep portfolios near the demo's 600 accounts each; never fewer than the 4 demo teams. */
const ACCOUNTS_PER_AGENT = 600;
const DEMO_TEAMS = 4;

export interface Collector {
  id: number;
  /** 0-based over all collectors; agentN@demo.test has index N-1 and id N. */
  index: number;
  /** Seat in the team, 0-9: the first six work the early shift, the last four the late one. */
  seat: number;
  team: TeamInfo;
}

export interface TeamInfo {
  id: number;
  index: number;
  supervisorId: number;
  collectors: Collector[];
}

export interface People {
  teams: TeamInfo[];
  collectors: Collector[];
  managerId: number;
  agentRows: number;
}

/** Floor-local times (ms instants) of one collector's working day. */
export interface Shift {
  start: number;
  lunchStart: number;
  lunchEnd: number;
  end: number;
  /** When they actually sign off; calls stop at `end`. */
  offline: number;
}

/** `agents`, when given, is the number of collectors, in teams of ten (the last one may be smaller). */
export async function seedPeople(ctx: SeedContext, accounts: number, agents?: number): Promise<People> {
  const rng = ctx.rng('people');
  const faker = new Faker({ locale: [es_MX, en, base] });
  faker.seed(ctx.seed);
  const teamCount = agents === undefined ? Math.max(DEMO_TEAMS, Math.ceil(accounts / (ACCOUNTS_PER_AGENT * AGENTS_PER_TEAM))) : Math.ceil(agents / AGENTS_PER_TEAM);
  const collectorCount = agents ?? teamCount * AGENTS_PER_TEAM;
  // Every demo login shares the password "demo". bcrypt at cost 10 takes ~70 ms, so it is hashed once
  // and the hash reused; the salt comes from the seed so that two runs give byte-identical databases.
  const passwordHash = bcrypt.hashSync('demo', `$2b$10$${bcryptSalt(rng)}`);
  const createdAt = new Date(ctx.clock.at(addDays(ctx.today, -400), 9 * 60));

  const teams: TeamInfo[] = [];
  for (let t = 0; t < teamCount; t++) {
    teams.push({ id: t + 1, index: t, supervisorId: collectorCount + t + 1, collectors: [] });
  }
  const collectors: Collector[] = [];
  for (let i = 0; i < collectorCount; i++) {
    const team = teams[Math.floor(i / AGENTS_PER_TEAM)]!;
    const collector: Collector = { id: i + 1, index: i, seat: i % AGENTS_PER_TEAM, team };
    team.collectors.push(collector);
    collectors.push(collector);
  }
  const managerId = collectorCount + teamCount + 1;

  const agent = (id: number, email: string, role: Role, teamId: number | null, presence = Presence.OFFLINE, pauseReason: PauseReason | null = null): Row => ({
    id,
    email,
    name: `${faker.person.firstName()} ${faker.person.lastName()}`,
    role,
    team_id: teamId,
    password_hash: passwordHash,
    active: true,
    presence,
    pause_reason: pauseReason,
    created_at: createdAt,
  });
  const agentRows: Row[] = [];
  for (const c of collectors) {
    const [presence, pauseReason] = presenceNow(ctx, c);
    agentRows.push(agent(c.id, `agent${c.id}@demo.test`, Role.AGENT, c.team.id, presence, pauseReason));
  }
  for (const t of teams) agentRows.push(agent(t.supervisorId, `supervisor${t.index + 1}@demo.test`, Role.SUPERVISOR, t.id));
  agentRows.push(agent(managerId, 'manager@demo.test', Role.MANAGER, null));
  agentRows.push(agent(managerId + 1, 'analyst@demo.test', Role.ANALYST, null));
  agentRows.push(agent(managerId + 2, 'admin@demo.test', Role.ADMIN, null));

  await ctx.writer.transaction(async (trx) => {
    // team.supervisor and agent.team point at each other: teams first, supervisors filled in after.
    await ctx.writer.insert(trx, 'team', teams.map((t) => ({ id: t.id, name: `Team ${t.index + 1}`, supervisor_id: null, created_at: createdAt })));
    await ctx.writer.insert(trx, 'agent', agentRows);
    for (const t of teams) await trx.raw('update "team" set "supervisor_id" = ? where "id" = ?', [t.supervisorId, t.id]);
  });
  ctx.progress('people', agentRows.length, agentRows.length);
  return { teams, collectors, managerId, agentRows: agentRows.length };
}

export function shiftOf(ctx: SeedContext, collector: Collector, date: LocalDate): Shift {
  // Keyed by agent and date rather than drawn in sequence, so the call phase and the presence of
  // "now" agree without sharing state.
  const jitter = Prng.stream(ctx.seed, `shift:${collector.id}:${date}`);
  const startMinutes = collector.seat < 6 ? 8 * 60 : 11 * 60;
  const lunchMinutes = startMinutes + 4 * 60 + (collector.seat % 3) * 30;
  const at = (minutes: number) => ctx.clock.at(date, minutes);
  return {
    start: at(startMinutes) + jitter.int(0, 6) * MINUTE,
    lunchStart: at(lunchMinutes),
    lunchEnd: at(lunchMinutes + 60) + jitter.int(0, 4) * MINUTE,
    end: at(startMinutes + 9 * 60),
    offline: at(startMinutes + 9 * 60) + jitter.int(1, 8) * MINUTE,
  };
}

/** AVAILABLE at shift start, a lunch pause, back, OFFLINE at the end: only what had happened by `now`. */
export function presenceRows(ctx: SeedContext, collector: Collector, shift: Shift): Row[] {
  const changes: Array<[Presence, PauseReason | null, number]> = [
    [Presence.AVAILABLE, null, shift.start],
    [Presence.PAUSED, PauseReason.LUNCH, shift.lunchStart],
    [Presence.AVAILABLE, null, shift.lunchEnd],
    [Presence.OFFLINE, null, shift.offline],
  ];
  return changes
    .filter(([, , at]) => at <= ctx.nowMs)
    .map(([status, pauseReason, at]) => ({ id: ctx.nextId('agent_status_change'), agent_id: collector.id, status, pause_reason: pauseReason, at: new Date(at) }));
}

function presenceNow(ctx: SeedContext, collector: Collector): [Presence, PauseReason | null] {
  if (!isWorkingDay(ctx.today)) return [Presence.OFFLINE, null];
  const s = shiftOf(ctx, collector, ctx.today);
  const t = ctx.nowMs;
  if (t < s.start || t >= s.offline) return [Presence.OFFLINE, null];
  if (t >= s.lunchStart && t < s.lunchEnd) return [Presence.PAUSED, PauseReason.LUNCH];
  return [Presence.AVAILABLE, null];
}

function bcryptSalt(rng: Prng): string {
  const alphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let salt = '';
  for (let i = 0; i < 22; i++) salt += alphabet[rng.int(0, 63)];
  return salt;
}
