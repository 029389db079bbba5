import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { decisionScope } from './access.js';
import { Role, type Viewer } from './viewer.js';

const codeOf = (run: () => unknown): string | null => {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof GraphQLError ? String(error.extensions['code']) : 'not a GraphQL error';
  }
};

describe('decisionScope: whose requests await the viewer’s decision', () => {
  it.each<[string, Viewer, unknown]>([
    ['a supervisor: their team’s accounts', { role: Role.SUPERVISOR, agentId: 2, teamId: 7 }, { team: 7 }],
    ['a supervisor without a team: nothing', { role: Role.SUPERVISOR, agentId: 2 }, { team: -1 }],
    ['a manager: the floor', { role: Role.MANAGER, agentId: 3 }, {}],
    ['an admin: the floor', { role: Role.ADMIN, agentId: 4 }, {}],
  ])('%s', (_case, viewer, scope) => {
    expect(decisionScope(viewer)).toEqual(scope);
  });

  it.each<[string, Viewer | undefined, string]>([
    ['an agent decides nothing', { role: Role.AGENT, agentId: 1, teamId: 7 }, 'FORBIDDEN'],
    ['an analyst decides nothing', { role: Role.ANALYST, agentId: 5 }, 'FORBIDDEN'],
    ['nobody signed in', undefined, 'UNAUTHENTICATED'],
  ])('%s', (_case, viewer, code) => {
    expect(codeOf(() => decisionScope(viewer))).toBe(code);
  });
});
