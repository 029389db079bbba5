import type { SeedProgress } from './context.js';

/**
 * A progress line per phase start, per 10% step of the longer phases, and at most one every few
 * seconds in between: phase, done/total, rows written per second, and the phase's time to go.
 */
export function progressPrinter(write: (line: string) => void, options: { prefix?: string; everyMs?: number } = {}): (p: SeedProgress) => void {
  const prefix = options.prefix ?? '[seed]';
  const everyMs = options.everyMs ?? 5000;
  const started = Date.now();
  let phase = '';
  let phaseStarted = started;
  let lastStep = -1;
  let lastAt = 0;
  let lastRows = 0;
  return ({ phase: name, done, total, rows }) => {
    const now = Date.now();
    if (name !== phase) {
      phase = name;
      phaseStarted = now;
      lastStep = -1;
    }
    const step = Math.floor((done / total) * 10);
    if ((step === lastStep && now - lastAt < everyMs) || (total < 10 && done < total)) return;
    const rate = now > lastAt && lastAt > 0 ? ((rows - lastRows) * 1000) / (now - lastAt) : 0;
    lastStep = step;
    lastAt = now;
    lastRows = rows;
    const elapsed = (now - phaseStarted) / 1000;
    const eta = done > 0 && done < total ? (elapsed * (total - done)) / done : 0;
    write(
      `${prefix} ${name.padEnd(10)} ${String(Math.floor((done / total) * 100)).padStart(3)}%  ${done}/${total}` +
        `  ${Math.round(rate).toLocaleString('en-US')} rows/s  ${rows.toLocaleString('en-US')} rows` +
        `  ${((now - started) / 1000).toFixed(1)} s${eta > 0 ? `  eta ${eta.toFixed(0)} s` : ''}  rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`,
    );
  };
}
