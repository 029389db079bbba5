/**
 * A small seeded PRNG (mulberry32). The demo floor must come out identical on every run for the same
 * options, so nothing in the seeder may touch Math.random or the wall clock.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** An independent stream per phase, so changing one phase does not reshuffle the others. */
  static stream(seed: number, name: string): Prng {
    let h = 2166136261 ^ seed;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
    return new Prng(h);
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Leans towards the low end: handy for "mostly soon, sometimes late" delays. */
  skewedInt(min: number, max: number, power = 2): number {
    return min + Math.floor(this.next() ** power * (max - min + 1));
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(this.next() * 10);
    return s;
  }
}

/** Picks from a fixed table of weights in O(log n); weights need not add up to anything in particular. */
export class Weighted<T> {
  private readonly values: T[];
  private readonly cumulative: number[];

  constructor(table: ReadonlyArray<readonly [T, number]>) {
    this.values = table.map(([v]) => v);
    let sum = 0;
    this.cumulative = table.map(([, w]) => (sum += w));
  }

  pick(rng: Prng): T {
    const r = rng.next() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo]!;
  }
}
