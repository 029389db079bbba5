import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Orm } from '../db/orm.js';
import type { FloorEvents } from '../realtime/events.js';
import type { AlertService } from './alert.service.js';
import { AlertWatch } from './alert-watch.js';

/** An AlertWatch whose KPI-driven evaluations are recorded (the moved agents each one took, and when). */
async function watch(gapMs: number) {
  const evaluations: Array<{ at: number; agents: number[] }> = [];
  const alerts = {
    onKpisChanged: async (_em: unknown, agentIds: number[]) => {
      evaluations.push({ at: performance.now(), agents: [...agentIds].sort() });
      return [];
    },
  } as unknown as AlertService;
  const orm = { em: { fork: () => ({}) } } as unknown as Orm;
  const w = new AlertWatch(alerts, {} as FloorEvents, orm, { error: () => undefined });
  await w.start({ live: false, sweepSeconds: 0, gapMs });
  const kpisChanged = (agentIds: number[]) => (w as unknown as { kpisChanged(ids: number[]): void }).kpisChanged(agentIds);
  return { w, evaluations, kpisChanged };
}

describe('alert evaluations set off by KPI changes', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('the first runs at once; changes within the gap gather into one evaluation when the gap has passed', async () => {
    const { w, evaluations, kpisChanged } = await watch(1000);
    const start = performance.now();
    kpisChanged([1]);
    await vi.advanceTimersByTimeAsync(0);
    expect(evaluations).toEqual([{ at: start, agents: [1] }]);
    await vi.advanceTimersByTimeAsync(100);
    kpisChanged([2]);
    await vi.advanceTimersByTimeAsync(300);
    kpisChanged([3, 2]);
    await vi.advanceTimersByTimeAsync(500);
    expect(evaluations).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(evaluations).toEqual([
      { at: start, agents: [1] },
      { at: start + 1000, agents: [2, 3] },
    ]);
    // Quiet for longer than the gap: the next change is evaluated at once again.
    await vi.advanceTimersByTimeAsync(5000);
    kpisChanged([4]);
    await vi.advanceTimersByTimeAsync(0);
    expect(evaluations.at(-1)).toEqual({ at: start + 6000, agents: [4] });
    await w.idle();
  });

  it('idle waits for an evaluation still in its gap', async () => {
    const { w, evaluations, kpisChanged } = await watch(1000);
    kpisChanged([1]);
    await vi.advanceTimersByTimeAsync(0);
    kpisChanged([2]);
    let settled = false;
    void w.idle().then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(true);
    expect(evaluations.map((e) => e.agents)).toEqual([[1], [2]]);
  });

  it('with no gap, each change after an evaluation started gets the next one at once', async () => {
    const { evaluations, kpisChanged } = await watch(0);
    kpisChanged([1]);
    await vi.advanceTimersByTimeAsync(0);
    kpisChanged([2]);
    await vi.advanceTimersByTimeAsync(0);
    expect(evaluations.map((e) => e.agents)).toEqual([[1], [2]]);
  });
});
