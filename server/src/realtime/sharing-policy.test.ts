import { describe, expect, it } from 'vitest';
import { Role, type Viewer } from '../auth/viewer.js';
import { audienceOf, EVERY_ALLOWED_VIEWER, isShareable, reachKey } from './sharing-policy.js';

const supervisor = (agentId: number, teamId?: number): Viewer => ({ role: Role.SUPERVISOR, agentId, teamId });
const agent = (agentId: number, teamId: number): Viewer => ({ role: Role.AGENT, agentId, teamId });

describe('reachKey: viewers share only when every resolver would read the same from them', () => {
  it.each<[string, Viewer, Viewer]>([
    ['two supervisors of one team', supervisor(41, 1), supervisor(42, 1)],
    ['two managers', { role: Role.MANAGER, agentId: 50 }, { role: Role.MANAGER, agentId: 51 }],
    ['two signed-in analysts', { role: Role.ANALYST, agentId: 52 }, { role: Role.ANALYST, agentId: 53 }],
    ['two analyst API keys', { role: Role.ANALYST, apiKeyId: 1 }, { role: Role.ANALYST, apiKeyId: 2 }],
    ['two admins', { role: Role.ADMIN, agentId: 54 }, { role: Role.ADMIN, agentId: 55 }],
    ['one agent twice', agent(7, 1), agent(7, 1)],
  ])('%s share', (_what, a, b) => {
    expect(reachKey(a)).not.toBeNull();
    expect(reachKey(a)).toBe(reachKey(b));
  });

  it.each<[string, Viewer, Viewer]>([
    ['supervisors of two teams', supervisor(41, 1), supervisor(42, 2)],
    ['a manager and a supervisor', { role: Role.MANAGER, agentId: 50 }, supervisor(41, 1)],
    ['a manager and an analyst (masked)', { role: Role.MANAGER, agentId: 50 }, { role: Role.ANALYST, agentId: 52 }],
    ['a manager and an admin', { role: Role.MANAGER, agentId: 50 }, { role: Role.ADMIN, agentId: 54 }],
    ['a signed-in analyst and an API key', { role: Role.ANALYST, agentId: 52 }, { role: Role.ANALYST, apiKeyId: 1 }],
    ['two agents of one team (each sees their own accounts)', agent(7, 1), agent(8, 1)],
    ['an agent and their supervisor', agent(7, 1), supervisor(41, 1)],
    ['two supervisors without a team (each reads their own agent)', supervisor(41), supervisor(42)],
    ['a supervisor with a team and one without', supervisor(41, 1), supervisor(42)],
  ])('%s do not share', (_what, a, b) => {
    expect(reachKey(a)).not.toBe(reachKey(b));
  });

  it('never shares for an anonymous viewer, an unknown role, or an agent without an agent id', () => {
    expect(reachKey(undefined)).toBeNull();
    expect(reachKey({ role: 'AUDITOR' as Role, agentId: 1 })).toBeNull();
    expect(reachKey({ role: Role.AGENT, teamId: 1 })).toBeNull();
  });

  it('keeps masking in the key', () => {
    expect(reachKey({ role: Role.ANALYST, agentId: 52 })).toContain('masked=true');
    expect(reachKey({ role: Role.MANAGER, agentId: 50 })).toContain('masked=false');
  });
});

describe('isShareable: only the listed live fields, and never a replay', () => {
  it.each([
    ['callLogged', { teamId: 'VGVhbTox' }, true],
    ['callLogged', { teamId: 'VGVhbTox', after: null }, true],
    ['callLogged', { teamId: 'VGVhbTox', after: 'Q2FsbExvZzox' }, false],
    ['kpiUpdated', { scope: 'TEAM', scopeId: 'VGVhbTox', period: 'DAY' }, true],
    ['agentStatusChanged', { teamId: 'VGVhbTox' }, true],
    ['alertRaised', { teamId: 'VGVhbTox' }, true],
    ['bucketMetricsUpdated', {}, true],
    ['somethingNew', {}, false],
    ['toString', {}, false],
  ] as const)('%s %j -> %s', (field, args, shareable) => {
    expect(isShareable(field, args)).toBe(shareable);
  });

  it('gives no audience to what may not be shared', () => {
    expect(audienceOf('callLogged', { teamId: 'x', after: 'y' }, supervisor(41, 1))).toBeNull();
    expect(audienceOf('callLogged', { teamId: 'x' }, undefined)).toBeNull();
    expect(audienceOf('callLogged', { teamId: 'x' }, supervisor(41, 1))).toBe(reachKey(supervisor(42, 1)));
  });
});

describe('audienceOf kpiUpdated: a team or the floor is the same figures for every allowed viewer', () => {
  const manager: Viewer = { role: Role.MANAGER, agentId: 50 };
  const analyst: Viewer = { role: Role.ANALYST, apiKeyId: 1 };

  it.each(['TEAM', 'FLOOR'])('%s: a supervisor, an agent, a manager and an analyst API key share', (scope) => {
    const args = { scope, scopeId: scope === 'TEAM' ? 'VGVhbTox' : null, period: 'DAY' };
    const audiences = [supervisor(41, 1), agent(7, 1), manager, analyst].map((v) => audienceOf('kpiUpdated', args, v));
    expect(new Set(audiences)).toEqual(new Set([EVERY_ALLOWED_VIEWER]));
  });

  it('AGENT: each reach apart, as an agent may move to a team the supervisor no longer reads', () => {
    const args = { scope: 'AGENT', scopeId: 'QWdlbnQ6Nw==', period: 'DAY' };
    expect(audienceOf('kpiUpdated', args, supervisor(41, 1))).toBe(reachKey(supervisor(41, 1)));
    expect(audienceOf('kpiUpdated', args, manager)).toBe(reachKey(manager));
    expect(audienceOf('kpiUpdated', args, supervisor(41, 1))).not.toBe(audienceOf('kpiUpdated', args, manager));
  });

  it('never for a viewer that could not share at all, nor for another field', () => {
    expect(audienceOf('kpiUpdated', { scope: 'TEAM', scopeId: 'VGVhbTox', period: 'DAY' }, undefined)).toBeNull();
    expect(audienceOf('callLogged', { teamId: 'VGVhbTox' }, manager)).toBe(reachKey(manager));
    expect(audienceOf('callLogged', { teamId: 'VGVhbTox' }, manager)).not.toBe(audienceOf('callLogged', { teamId: 'VGVhbTox' }, supervisor(41, 1)));
  });
});
