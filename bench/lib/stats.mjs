import hdr from 'hdr-histogram-js';

/**
 * A latency histogram in microseconds (HdrHistogram, 3 significant digits): constant memory whatever
 * the number of samples, and percentiles without sorting millions of numbers.
 */
export function latencyHistogram() {
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3 });
  return {
    /** Records one latency given in milliseconds. */
    record(ms) {
      histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
    },
    get count() {
      return histogram.totalCount;
    },
    /** p50/p95/p99/max in milliseconds, one decimal. */
    summary() {
      const at = (q) => Number((histogram.getValueAtPercentile(q) / 1000).toFixed(1));
      return { p50Ms: at(50), p95Ms: at(95), p99Ms: at(99), maxMs: Number((histogram.maxValue / 1000).toFixed(1)) };
    },
    /** Merges another histogram's encoded form (see encode), from a child process. */
    add(encoded) {
      histogram.add(hdr.decodeFromCompressedBase64(encoded));
    },
    encode() {
      return hdr.encodeIntoCompressedBase64(histogram);
    },
  };
}

export const ratio = (value, baseline) => (baseline ? Number((value / baseline).toFixed(2)) : null);
