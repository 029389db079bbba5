import { describe, expect, it } from 'vitest';
import { bucketMetricsChange, concernsReader, type WrittenRow } from './bucket-metric-changes.js';

const account = (fields: string[], teamId: number | null = 3): WrittenRow => ({ entity: 'Account', type: 'update', fields, teamId });

describe('bucketMetricsChange', () => {
  it.each<[string, WrittenRow[], ReturnType<typeof bucketMetricsChange>]>([
    ['nothing written', [], null],
    ['a call only', [{ entity: 'Call', type: 'create', fields: ['disposition'] }], null],
    ['an account touched without moving', [account(['lastCall', 'updatedAt', 'version'])], null],
    ['an account created (not in any opening snapshot)', [{ entity: 'Account', type: 'create', fields: ['bucket'], teamId: 3 }], null],
    ['a payment moves the balance', [account(['balanceMinor', 'amountDueMinor'])], { teamIds: [3], wholeFloor: false }],
    ['a cure moves the bucket', [account(['dpd', 'bucket'])], { teamIds: [3], wholeFloor: false }],
    ['a write-off moves the status', [account(['status'])], { teamIds: [3], wholeFloor: false }],
    ['two teams at once', [account(['bucket'], 4), account(['bucket'], 2), account(['bucket'], 4)], { teamIds: [2, 4], wholeFloor: false }],
    ['an unassigned account', [account(['balanceMinor'], null)], { teamIds: [], wholeFloor: true }],
    ['an account moved to another team', [account(['team'], 2)], { teamIds: [], wholeFloor: true }],
    ['a bucket goal', [{ entity: 'BucketGoal', type: 'update', fields: ['value'] }], { teamIds: [], wholeFloor: true }],
    ['a snapshot row', [{ entity: 'BucketSnapshot', type: 'create', fields: ['bucket'] }], { teamIds: [], wholeFloor: true }],
  ])('%s', (_name, rows, expected) => {
    expect(bucketMetricsChange(rows)).toEqual(expected);
  });
});

describe('concernsReader', () => {
  it.each<[string, Parameters<typeof concernsReader>[0], number | undefined, boolean]>([
    ['the floor hears every team', { teamIds: [2], wholeFloor: false }, undefined, true],
    ['a supervisor hears their team', { teamIds: [2, 3], wholeFloor: false }, 3, true],
    ['a supervisor does not hear another team', { teamIds: [2], wholeFloor: false }, 3, false],
    ['a supervisor hears floor-wide changes', { teamIds: [], wholeFloor: true }, 3, true],
  ])('%s', (_name, event, teamId, expected) => {
    expect(concernsReader(event, teamId)).toBe(expected);
  });
});
