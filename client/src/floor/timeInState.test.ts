import { describe, expect, it } from 'vitest';
import { stateColour, type Presence } from './timeInState';

describe("time-in-state colours (VICIdial's real-time report)", () => {
  it.each<[Presence, number, string]>([
    ['AVAILABLE', 0, 'lightblue'],
    ['AVAILABLE', 59, 'lightblue'],
    ['AVAILABLE', 60, 'blue'],
    ['AVAILABLE', 299, 'blue'],
    ['AVAILABLE', 300, 'midnightblue'],
    ['ON_CALL', 5, 'thistle'],
    ['ON_CALL', 60, 'violet'],
    ['ON_CALL', 301, 'purple'],
    ['PAUSED', 10, 'khaki'],
    ['PAUSED', 60, 'yellow'],
    ['PAUSED', 300, 'olive'],
    ['WRAP_UP', 90, 'yellow'],
    ['OFFLINE', 10_000, 'offline'],
  ])('%s for %i s is %s', (presence, seconds, name) => {
    expect(stateColour(presence, seconds).name).toBe(name);
  });

  it('keeps text readable on every background (WCAG AA contrast 4.5:1)', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    for (const presence of ['AVAILABLE', 'ON_CALL', 'WRAP_UP', 'PAUSED', 'OFFLINE'] as Presence[]) {
      for (const seconds of [0, 60, 300]) {
        const { background, text } = stateColour(presence, seconds);
        const [hi, lo] = [luminance(background), luminance(text)].sort((a, b) => b - a);
        expect((hi! + 0.05) / (lo! + 0.05), `${presence} ${seconds}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});
