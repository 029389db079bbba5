import { beforeEach, describe, expect, it } from 'vitest';
import type { Orm } from '../db/orm.js';
import type { FloorEvents } from '../realtime/events.js';
import { LiveSubscription } from '../realtime/live-subscription.js';
import { createInProcessBus, type EventBus } from '../realtime/pubsub.js';
import type { LocalDate } from '../shared/dates.js';
import { KPI_TOPIC_KEY, KpiUpdates, type KpiChangedEvent } from './kpi-updates.js';
import type { KpiService } from './kpi.service.js';
import type { Kpis } from './kpi.types.js';
import { KpiPeriod, KpiScope } from './target.entity.js';

/**
 * Which changes a kpiUpdated hears (README, Live subscriptions): a counter of one of the scope's agents
 * on a day of the period that holds today. Every subscription of the instance is handed the same event
 * object, and what the event moves is worked out once per event: these hold that to each period and
 * to the business date of each event.
 */
describe('KpiUpdates: the changes a subscription hears', () => {
  let bus: EventBus;
  let today: LocalDate;
  let reads: number;

  beforeEach(() => {
    bus = createInProcessBus();
    today = '2026-11-18';
    reads = 0;
  });

  const eventName = `kpiUpdated:${KPI_TOPIC_KEY}`;
  const events = { listen: async () => new LiveSubscription<KpiChangedEvent>(bus.target, eventName, bus.ready) } as unknown as FloorEvents;
  const kpis = {
    followable: async (_em: unknown, _viewer: unknown, scope: KpiScope) => ({ scope, id: scope === KpiScope.AGENT ? 7 : 0 }),
    kpis: async () => ({ read: ++reads }) as unknown as Kpis,
  } as unknown as KpiService;
  const orm = { em: { fork: () => ({}) } } as unknown as Orm;
  const updates = () => new KpiUpdates(events, kpis, orm, () => today, 0);
  const manager = { role: 'MANAGER', agentId: 1 } as never;
  const publish = (event: KpiChangedEvent) => bus.target.dispatchEvent(new CustomEvent(eventName, { detail: event }));

  /** A subscription read as a client reads it: `sends()` tells whether an update came soon; one not yet come is waited for next time. */
  function reader(subscription: AsyncIterator<Kpis>) {
    let pending: Promise<unknown> | undefined;
    return {
      async sends(): Promise<boolean> {
        pending ??= subscription.next();
        const came = await Promise.race([pending.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 100))]);
        if (came) pending = undefined;
        return came;
      },
    };
  }

  it.each([
    ['the month subscribes first', [KpiPeriod.MONTH, KpiPeriod.DAY]],
    ['the day subscribes first', [KpiPeriod.DAY, KpiPeriod.MONTH]],
  ] as const)('tells a change earlier this month to the month and not to the day (%s)', async (_order, periods) => {
    const kpiUpdates = updates();
    const subscriptions = new Map<KpiPeriod, ReturnType<typeof reader>>();
    for (const period of periods) subscriptions.set(period, reader(await kpiUpdates.follow({} as never, manager, { scope: KpiScope.FLOOR, period })));
    publish({ agentIds: [7], days: ['2026-11-03'] });
    expect(await subscriptions.get(KpiPeriod.MONTH)!.sends()).toBe(true);
    expect(await subscriptions.get(KpiPeriod.DAY)!.sends()).toBe(false);
    // Today moves both.
    publish({ agentIds: [7], days: ['2026-11-18'] });
    expect(await subscriptions.get(KpiPeriod.MONTH)!.sends()).toBe(true);
    expect(await subscriptions.get(KpiPeriod.DAY)!.sends()).toBe(true);
  });

  it('judges each event on the business date when it arrives', async () => {
    const day = reader(await updates().follow({} as never, manager, { scope: KpiScope.AGENT, scopeId: 'a', period: KpiPeriod.DAY }));
    publish({ agentIds: [7], days: ['2026-11-19'] });
    expect(await day.sends()).toBe(false);
    today = '2026-11-19';
    publish({ agentIds: [7], days: ['2026-11-19'] });
    expect(await day.sends()).toBe(true);
    // Another agent's change, on today's date: not this scope.
    publish({ agentIds: [8], days: ['2026-11-19'] });
    expect(await day.sends()).toBe(false);
  });
});
