import { describe, expect, it } from 'vitest';
import type { AlertKind } from '../gql/graphql';
import { ruleUpdate, type RuleDraft } from './alertRules';

const DRAFT: RuleDraft = { enabled: true, shiftShare: '0.25', kpis: ['ATTEMPTS'], limitSeconds: '1200', amount: '5000.00', refusalCount: '5', windowSeconds: '600' };

describe('ruleUpdate', () => {
  it.each<[string, AlertKind, Partial<RuleDraft>, unknown]>([
    ['pace: share and KPIs only', 'TEAM_BEHIND_PACE', {}, { input: { kind: 'TEAM_BEHIND_PACE', enabled: true, expectedVersion: 4, shiftShare: 0.25, kpis: ['ATTEMPTS'] } }],
    ['pause: the limit only', 'AGENT_PAUSED_TOO_LONG', { limitSeconds: ' 900 ' }, { input: { kind: 'AGENT_PAUSED_TOO_LONG', enabled: true, expectedVersion: 4, limitSeconds: 900 } }],
    ['a disabled rule keeps its thresholds', 'AGENT_IN_WRAP_UP_TOO_LONG', { enabled: false }, { input: { kind: 'AGENT_IN_WRAP_UP_TOO_LONG', enabled: false, expectedVersion: 4, limitSeconds: 1200 } }],
    ['broken promise: an amount in the floor currency, grouping dropped', 'BROKEN_PROMISE', { amount: '7,500.50' }, { input: { kind: 'BROKEN_PROMISE', enabled: true, expectedVersion: 4, amount: { amount: '7500.50', currencyCode: 'MXN' } } }],
    ['refusals: count and window', 'CONTACT_REFUSALS_BURST', {}, { input: { kind: 'CONTACT_REFUSALS_BURST', enabled: true, expectedVersion: 4, refusalCount: 5, windowSeconds: 600 } }],
    ['a decimal comma in the share', 'TEAM_BEHIND_PACE', { shiftShare: '0,5' }, { input: { kind: 'TEAM_BEHIND_PACE', enabled: true, expectedVersion: 4, shiftShare: 0.5, kpis: ['ATTEMPTS'] } }],
    ['a share that is no number', 'TEAM_BEHIND_PACE', { shiftShare: 'a quarter' }, { problems: { shiftShare: 'number' } }],
    ['no KPI watched', 'TEAM_BEHIND_PACE', { kpis: [] }, { problems: { kpis: 'kpis' } }],
    ['a limit with decimals', 'AGENT_PAUSED_TOO_LONG', { limitSeconds: '90.5' }, { problems: { limitSeconds: 'wholeNumber' } }],
    ['an empty limit', 'AGENT_PAUSED_TOO_LONG', { limitSeconds: '' }, { problems: { limitSeconds: 'wholeNumber' } }],
    ['an amount that is no decimal', 'BROKEN_PROMISE', { amount: 'lots' }, { problems: { amount: 'amount' } }],
    ['both burst fields wrong', 'CONTACT_REFUSALS_BURST', { refusalCount: '-1', windowSeconds: 'x' }, { problems: { refusalCount: 'wholeNumber', windowSeconds: 'wholeNumber' } }],
    // The range (0 < share <= 1, limits >= 1) is the server's rule, answered as BAD_USER_INPUT by field.
    ['a limit of 0 goes to the server', 'AGENT_PAUSED_TOO_LONG', { limitSeconds: '0' }, { input: { kind: 'AGENT_PAUSED_TOO_LONG', enabled: true, expectedVersion: 4, limitSeconds: 0 } }],
  ])('%s', (_case, kind, change, expected) => {
    expect(ruleUpdate(kind, { ...DRAFT, ...change }, 4, 'MXN')).toEqual(expected);
  });
});
