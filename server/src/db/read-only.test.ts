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

  it('refuses an entity with collections, which only the EntityManager loads', () => {
    expect(() => readOnly(orm.em.fork(), PaymentPlan)).toThrow(/collections/);
  });
});
