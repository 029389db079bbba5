import { describe, expect, it } from 'vitest';
import { StatementNames } from './pg-statements.js';

describe('StatementNames', () => {
  it('names the same text the same way, and different texts differently, within PostgreSQL’s 63 characters', () => {
    const names = new StatementNames();
    const a = names.of('select 1 where ? = ?', 2);
    expect(a).toMatch(/^of_[0-9a-f]{24}$/);
    expect(a!.length).toBeLessThanOrEqual(63);
    expect(names.of('select 1 where ? = ?', 2)).toBe(a);
    expect(new StatementNames().of('select 1 where ? = ?', 2)).toBe(a);
    expect(names.of('select 2 where ? = ?', 2)).not.toBe(a);
  });

  it('leaves a statement of many parameters unnamed: an in-list gives one text per length', () => {
    const names = new StatementNames(1000, 3);
    expect(names.of('select ?, ?, ?', 3)).toBeDefined();
    expect(names.of('select ?, ?, ?, ?', 4)).toBeUndefined();
  });

  it('names no more than its limit of texts, and keeps naming those it has', () => {
    const names = new StatementNames(2);
    const one = names.of('select 1', 0);
    const two = names.of('select 2', 0);
    expect(names.of('select 3', 0)).toBeUndefined();
    expect(names.of('select 1', 0)).toBe(one);
    expect(names.of('select 2', 0)).toBe(two);
  });
});
