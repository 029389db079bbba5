import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReferenceKind, type EntityClass } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account } from '../accounts/account.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { Team } from '../agents/team.entity.js';
import { Call } from '../calls/call.entity.js';
import { Customer } from '../customers/customer.entity.js';
import { PaymentPlan } from '../plans/payment-plan.entity.js';
import { PromiseToPay } from '../promises/promise-to-pay.entity.js';
import { migrate, openOrm, type Orm } from './orm.js';
import { readOnly, readOnlyWhere } from './read-only.js';
import { seedDemoFloor } from './seed/seed.js';

const dir = mkdtempSync(join(tmpdir(), 'openfloor-read-only-'));
let orm: Orm;

beforeAll(async () => {
  const sqlitePath = join(dir, 'floor.sqlite');
  orm = await openOrm({ kind: 'sqlite', url: `sqlite:${sqlitePath}`, sqlitePath }, { migrations: { silent: true } } as never);
  await migrate(orm);
  await seedDemoFloor(orm, { accounts: 120, now: new Date('2026-03-18T16:30:00Z'), floorTimeZone: 'America/Mexico_City' });
}, 60_000);

afterAll(async () => {
  await orm?.close(true);
  rmSync(dir, { recursive: true, force: true });
});

/** What em.find gives, property by property: values, dates, booleans, and each relation's key. */
function shape(entity: object, className: string): Record<string, unknown> {
  const meta = orm.getMetadata().get(className);
  const out: Record<string, unknown> = {};
  for (const prop of meta.props) {
    if (prop.lazy || prop.kind === ReferenceKind.ONE_TO_MANY || (prop.kind === ReferenceKind.ONE_TO_ONE && !prop.owner)) continue;
    const value = (entity as Record<string, unknown>)[prop.name];
    out[prop.name] = prop.kind === ReferenceKind.SCALAR ? value : value == null ? value : (value as { id: number }).id;
  }
  return out;
}

describe('read-only entities', () => {
  const entities = [Account, Customer, Call, PromiseToPay, Agent, Team] as EntityClass<{ id: number }>[];
  it.each(entities.map((e) => [e.name, e] as const))('%s reads as em.find reads, outside the identity map', async (_name, entity) => {
    const em = orm.em.fork();
    const ids = (await em.find(entity, {}, { limit: 40, orderBy: { id: 'desc' } as never })).map((e) => e.id);
    expect(ids.length).toBeGreaterThan(0);
    const found = new Map((await orm.em.fork().find(entity, { id: { $in: ids } } as never)).map((e) => [e.id, e]));

    const reader = orm.em.fork();
    const read = await readOnlyWhere(reader, entity, { sql: `t.id in (${ids.map(() => '?').join(', ')})`, params: ids });
    expect(read.map((e) => e.id).sort()).toEqual([...ids].sort());
    for (const e of read) {
      expect(e).toBeInstanceOf(entity);
      expect(shape(e, entity.name)).toEqual(shape(found.get(e.id)!, entity.name));
      expect(reader.getUnitOfWork().getById(entity.name, e.id)).toBeUndefined();
    }
  });

  it('keeps the getters of the class and reads no lazy column', async () => {
    const [account] = await readOnlyWhere(orm.em.fork(), Account, { sql: 't.id = ?', params: [1] });
    expect(account!.balance).toEqual({ amount: expect.any(String), currencyCode: account!.currency });
    expect(account!.globalId).toBe(Buffer.from('Account:1').toString('base64'));
    const [agent] = await readOnlyWhere(orm.em.fork(), Agent, { sql: 't.id = ?', params: [1] });
    expect(Object.keys(agent!)).not.toContain('passwordHash');
  });

  it('reads two entities of one joined row by their column prefixes, as each reads alone', async () => {
    const em = orm.em.fork();
    const agents = readOnly(em, Agent);
    const accounts = readOnly(em, Account);
    const rows = await em
      .getConnection()
      .execute(`select ${agents.columns('g', 'agent__')}, ${accounts.columns('a', 'account__')} from account a join agent g on g.id = a.assigned_agent_id order by a.id limit 5`);
    expect(rows.length).toBe(5);
    expect(Object.keys(rows[0]!).every((k) => k.startsWith('agent__') || k.startsWith('account__'))).toBe(true);
    const joined = accounts.read(rows, 'account__');
    const their = agents.read(rows, 'agent__');
    const alone = await readOnlyWhere(em, Account, { sql: `t.id in (${joined.map(() => '?').join(', ')})`, params: joined.map((a) => a.id) }, 't.id');
    expect(joined.map((a) => shape(a, 'Account'))).toEqual(alone.map((a) => shape(a, 'Account')));
    expect(their.map((g) => g.id)).toEqual(alone.map((a) => a.assignedAgent!.id));
    const agentAlone = await readOnlyWhere(em, Agent, { sql: 't.id = ?', params: [their[0]!.id] });
    expect(shape(their[0]!, 'Agent')).toEqual(shape(agentAlone[0]!, 'Agent'));
  });

  it('refuses an entity with collections, which only the EntityManager loads', () => {
    expect(() => readOnly(orm.em.fork(), PaymentPlan)).toThrow(/collections/);
  });
});
