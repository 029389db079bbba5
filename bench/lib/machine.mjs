import { cpus, totalmem } from 'node:os';

/** The machine a figure came from, printed with every result line. */
export const machine = `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${cpus()[0]?.model?.trim() ?? 'cpu'}`;

/** One result line: JSON on stdout, so a run's output can be collected with `> results.jsonl`. */
export function emit(result) {
  console.log(JSON.stringify({ ...result, machine }));
}

/** `--name value` options of a bench script, with `pnpm x -- --name` separators dropped. */
export function argv() {
  return process.argv.slice(2).filter((a) => a !== '--');
}

/** Progress for a person watching: stderr, so stdout stays JSON lines. */
export function progress(message) {
  process.stderr.write(`[bench] ${message}\n`);
}
