/**
 * The collection policy of DOMAIN.md §4 that decides what an agent may agree alone and what needs a
 * supervisor. Defaults follow the domain reference; a deployment may pass its own.
 */
export interface CollectionPolicy {
  /** A promise falls due between today and today + this many days. */
  promiseMaxDays: number;
  /** A promise below this share of the amount due needs supervisor approval before it counts. */
  promiseMinShareOfAmountDue: number;
  /** Days after a promise's due date during which payments still count towards it. */
  promiseGraceDays: number;
  planMinInstalments: number;
  planMaxInstalments: number;
  /** More instalments than this need supervisor approval. */
  planMaxInstalmentsWithoutApproval: number;
  /** A settlement discount above this share of the balance needs supervisor approval. */
  planMaxDiscountWithoutApproval: number;
  /** Missed instalments that break a plan. */
  planMissedInstalmentsToBreak: number;
}

export const DEFAULT_POLICY: CollectionPolicy = {
  promiseMaxDays: 30,
  promiseMinShareOfAmountDue: 0.1,
  promiseGraceDays: 2,
  planMinInstalments: 2,
  planMaxInstalments: 24,
  planMaxInstalmentsWithoutApproval: 12,
  planMaxDiscountWithoutApproval: 0.2,
  planMissedInstalmentsToBreak: 2,
};
