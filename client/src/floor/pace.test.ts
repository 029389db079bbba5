import { describe, expect, it } from 'vitest';
import { paceStatus, progress } from './pace';

describe('pace status (DOMAIN.md §7)', () => {
  it.each([
    [1.5, 'AHEAD'],
    [1, 'AHEAD'],
    [0.9999, 'ON_TRACK'],
    [0.9, 'ON_TRACK'],
    [0.8999, 'BEHIND'],
    [0, 'BEHIND'],
    [null, null],
    [Number.NaN, null],
  ])('pace %s is %s', (pace, status) => {
    expect(paceStatus(pace)).toBe(status);
  });

  it('fills the bar by attainment and sets the expected-by-now marker, both within the bar', () => {
    expect(progress(50, 200, 100)).toEqual({ fill: 0.25, marker: 0.5 });
    expect(progress(300, 200, 100)).toEqual({ fill: 1, marker: 0.5 });
    expect(progress(null, 200, null)).toEqual({ fill: 0, marker: null });
    expect(progress(10, null, 5)).toEqual({ fill: 0, marker: null });
    expect(progress(10, 0, 5)).toEqual({ fill: 0, marker: null });
  });
});
