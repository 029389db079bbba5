import { daysBetween, type LocalDate } from '../shared/dates.js';

/** Delinquency buckets of DOMAIN.md §2, worst last. */
export const BUCKETS = ['CURRENT', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'CHARGE_OFF'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** The lowest DPD of each bucket; a bucket runs up to the next one's lower bound. */
export interface BucketScheme {
  lowerBounds: ReadonlyArray<readonly [Bucket, number]>;
}

export const DEFAULT_BUCKET_SCHEME: BucketScheme = {
  lowerBounds: [
    ['CURRENT', 0],
    ['B1', 1],
    ['B2', 30],
    ['B3', 60],
    ['B4', 90],
    ['B5', 120],
    ['B6', 150],
    ['CHARGE_OFF', 180],
  ],
};

/** Whole days from the oldest unpaid due date to the business date; 0 when nothing is overdue. */
export function daysPastDue(oldestUnpaidDueDate: LocalDate | null | undefined, businessDate: LocalDate): number {
  if (!oldestUnpaidDueDate) return 0;
  return Math.max(0, daysBetween(oldestUnpaidDueDate, businessDate));
}

export function bucketForDpd(dpd: number, scheme: BucketScheme = DEFAULT_BUCKET_SCHEME): Bucket {
  if (!Number.isInteger(dpd) || dpd < 0) throw new RangeError(`DPD must be a whole number >= 0, got ${dpd}`);
  let bucket: Bucket = scheme.lowerBounds[0]![0];
  for (const [name, lower] of scheme.lowerBounds) if (dpd >= lower) bucket = name;
  return bucket;
}

/** The bucket an account sits in: written-off accounts are CHARGE_OFF whatever their DPD. */
export function delinquency(
  input: { oldestUnpaidDueDate: LocalDate | null | undefined; writtenOff: boolean },
  businessDate: LocalDate,
  scheme: BucketScheme = DEFAULT_BUCKET_SCHEME,
): { dpd: number; bucket: Bucket } {
  const dpd = daysPastDue(input.oldestUnpaidDueDate, businessDate);
  return { dpd, bucket: input.writtenOff ? 'CHARGE_OFF' : bucketForDpd(dpd, scheme) };
}

export function bucketRank(bucket: Bucket): number {
  return BUCKETS.indexOf(bucket);
}
