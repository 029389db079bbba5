import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheStatements } from './sqlite-statements.js';

describe('cacheStatements', () => {
  it('compiles a statement once and reuses it for the same SQL', () => {
    const db = cacheStatements(new Database(':memory:'));
    db.prepare('create table t (v integer)').run();
    const insert = db.prepare('insert into t (v) values (?)');
    expect(db.prepare('insert into t (v) values (?)')).toBe(insert);
    insert.run(1);
    db.prepare('insert into t (v) values (?)').run(2);
    expect(db.prepare('select sum(v) as s from t').get()).toEqual({ s: 3 });
  });

  it('keeps only the most recently used statements', () => {
    const db = cacheStatements(new Database(':memory:'), 2);
    const one = db.prepare('select 1');
    const two = db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(one); // now most recent
    db.prepare('select 3'); // evicts "select 2", the least recently used
    expect(db.prepare('select 1')).toBe(one);
    expect(db.prepare('select 2')).not.toBe(two);
  });

  it('still sees a schema changed after the statement was compiled', () => {
    const db = cacheStatements(new Database(':memory:'));
    db.prepare('create table t (v integer)').run();
    db.prepare('insert into t (v) values (1)').run();
    const read = () => db.prepare('select * from t').all();
    expect(read()).toEqual([{ v: 1 }]);
    db.prepare('alter table t add column w integer default 7').run();
    expect(read()).toEqual([{ v: 1, w: 7 }]);
  });
});
