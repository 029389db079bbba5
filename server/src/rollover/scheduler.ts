import type { Logger } from 'pino';
import type { Services } from '../services.js';
import { addDays, localDateIn } from '../shared/dates.js';
import { SYSTEM } from './rollover.service.js';

const HOUR = 3_600_000;

/** Milliseconds from `now` until the next midnight in the floor's time zone (daylight saving included). */
export function msUntilNextMidnight(now: Date, timeZone: string): number {
  const tomorrow = addDays(localDateIn(now, timeZone), 1);
  // The first instant whose local date is tomorrow lies within the next 26 hours: bisect for it.
  let before = now.getTime();
  let after = before + 26 * HOUR;
  while (after - before > 1) {
    const mid = Math.floor((before + after) / 2);
    if (localDateIn(new Date(mid), timeZone) >= tomorrow) after = mid;
    else before = mid;
  }
  return after - now.getTime();
}

/** Runs the rollover for today at start, then at every midnight on the floor; stop() cancels it. */
export function scheduleRollover(
  services: Pick<Services, 'rollover' | 'orm' | 'clock' | 'config'>,
  logger: Pick<Logger, 'info' | 'error'>,
): { stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async () => {
    try {
      const summary = await services.rollover.run(services.orm.em.fork(), SYSTEM);
      logger.info(summary, summary.ran ? 'business day rolled over' : 'business day already rolled over');
    } catch (error) {
      logger.error({ err: error }, 'day rollover failed; it runs again at the next midnight or by runDayRollover');
    }
    // Stopped while this run was under way (shutdown): no next midnight.
    if (stopped) return;
    timer = setTimeout(() => void tick(), msUntilNextMidnight(services.clock.now(), services.config.floorTimeZone));
    timer.unref();
  };
  void tick();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
