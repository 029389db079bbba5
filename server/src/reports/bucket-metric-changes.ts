/**
 * Which committed changes move month-to-date bucket metrics (DOMAIN.md §7): an account's bucket (cured,
 * rolled forward), its balance (a payment collected or reversed, an adjustment), its status (a write-off)
 * or its team (the account leaves one supervisor's figures for another's); a bucket goal; a snapshot.
 */
export interface BucketMetricsChangedEvent {
  /** Teams whose accounts moved. */
  teamIds: number[];
  /** Set when the change concerns the floor as a whole: goals, snapshots, team moves, unassigned accounts. */
  wholeFloor: boolean;
}

/** One row the ORM wrote: its entity, whether it was created, updated or deleted, the fields written. */
export interface WrittenRow {
  entity: string;
  type: string;
  fields: readonly string[];
  /** The account's team after the change, for accounts. */
  teamId?: number | null;
}

const ACCOUNT_FIELDS_THAT_MOVE_METRICS = new Set(['bucket', 'balanceMinor', 'status']);

export function bucketMetricsChange(rows: Iterable<WrittenRow>): BucketMetricsChangedEvent | null {
  const teamIds = new Set<number>();
  let wholeFloor = false;
  let moved = false;
  for (const row of rows) {
    if (row.entity === 'BucketGoal' || row.entity === 'BucketSnapshot') {
      moved = wholeFloor = true;
    } else if (row.entity === 'Account' && row.type === 'update') {
      // A team move takes the account out of the old team's figures, whose id the change no longer holds.
      if (row.fields.includes('team')) {
        moved = wholeFloor = true;
      } else if (row.fields.some((f) => ACCOUNT_FIELDS_THAT_MOVE_METRICS.has(f))) {
        moved = true;
        if (row.teamId == null) wholeFloor = true;
        else teamIds.add(row.teamId);
      }
    }
  }
  return moved ? { teamIds: [...teamIds].sort((a, b) => a - b), wholeFloor } : null;
}

/** Whether a subscriber restricted to `teamId` (undefined: the whole floor) should read its figures again. */
export const concernsReader = (event: BucketMetricsChangedEvent, teamId: number | undefined): boolean =>
  teamId === undefined || event.wholeFloor || event.teamIds.includes(teamId);
