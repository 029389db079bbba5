import type { Bucket } from '../gql/graphql';

/** In delinquency order. */
export const BUCKETS = ['CURRENT', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'CHARGE_OFF'] as const satisfies readonly Bucket[];

// A bucket added to the schema must be added above: the build fails until it is.
type MissingBucket = Exclude<Bucket, (typeof BUCKETS)[number]>;
const everyBucketListed: [MissingBucket] extends [never] ? true : MissingBucket = true;
void everyBucketListed;

export function bucketLabel(bucket: Bucket): string {
  switch (bucket) {
    case 'CURRENT':
      return 'Current';
    case 'CHARGE_OFF':
      return 'Charge-off';
    default:
      return bucket;
  }
}

interface BucketChipsProps {
  selected: ReadonlySet<Bucket>;
  onChange: (next: Set<Bucket>) => void;
}

/** Multi-select; nothing selected means every bucket. */
export function BucketChips({ selected, onChange }: BucketChipsProps) {
  const toggle = (bucket: Bucket) => {
    const next = new Set(selected);
    if (next.has(bucket)) next.delete(bucket);
    else next.add(bucket);
    onChange(next);
  };
  return (
    <div className="chips" role="group" aria-label="Bucket" data-testid="bucket-filter">
      {BUCKETS.map((bucket) => (
        <button
          key={bucket}
          type="button"
          className="chip"
          aria-pressed={selected.has(bucket)}
          data-testid={`bucket-chip-${bucket}`}
          onClick={() => toggle(bucket)}
        >
          {bucketLabel(bucket)}
        </button>
      ))}
      {selected.size > 0 && (
        <button type="button" className="chip-clear" data-testid="bucket-clear" onClick={() => onChange(new Set())}>
          Clear
        </button>
      )}
    </div>
  );
}
