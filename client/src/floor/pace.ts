/** How a KPI card reads its figure against a target (DOMAIN.md §7). Pure, for the cards and tests. */

export type PaceStatus = 'AHEAD' | 'ON_TRACK' | 'BEHIND';

/** The server's thresholds: AHEAD pace >= 1, ON_TRACK 0.9-1, BEHIND < 0.9. */
export function paceStatus(pace: number | null | undefined): PaceStatus | null {
  if (pace === null || pace === undefined || !Number.isFinite(pace)) return null;
  if (pace >= 1) return 'AHEAD';
  if (pace >= 0.9) return 'ON_TRACK';
  return 'BEHIND';
}

export interface Progress {
  /** Share of the bar filled by the actual, 0-1 (capped: the bar never overflows). */
  fill: number;
  /** Where the expected-by-now marker stands, 0-1; null without a target. */
  marker: number | null;
}

/** Bar geometry from plain numbers (amounts parsed only for drawing, never for arithmetic shown). */
export function progress(actual: number | null, target: number | null, expectedByNow: number | null): Progress {
  if (!target || target <= 0) return { fill: 0, marker: null };
  const clamp = (x: number) => Math.max(0, Math.min(1, x));
  return {
    fill: clamp((actual ?? 0) / target),
    marker: expectedByNow === null ? null : clamp(expectedByNow / target),
  };
}
