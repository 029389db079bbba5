import { describe, expect, it } from 'vitest';
import { teamAt } from './rotation';

describe('wallboard rotation', () => {
  const teams = ['Team 1', 'Team 2', 'Team 3'];
  it.each([
    [0, 'Team 1', 30],
    [29_999, 'Team 1', 1],
    [30_000, 'Team 2', 30],
    [61_000, 'Team 3', 29],
    [90_000, 'Team 1', 30],
  ])('at +%i ms shows %s with %i s left', (elapsed, team, left) => {
    expect(teamAt(teams, 1_000, 1_000 + elapsed, 30)).toMatchObject({ team, secondsLeft: left });
  });
  it('shows nothing without teams', () => {
    expect(teamAt([], 0, 10, 30).team).toBeNull();
  });
});
