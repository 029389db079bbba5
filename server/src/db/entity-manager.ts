import { TransactionPropagation, type Transaction, type TransactionOptions } from '@mikro-orm/core';
import { SqlEntityManager } from '@mikro-orm/knex';
import { afterCommitQueueOf, openAfterCommitQueue, type AfterCommitQueue } from './after-commit.js';

/**
 * Transactions start from an empty identity map. MikroORM's default shares the caller's entities with
 * the transaction, so a mutation that failed halfway would leave them changed in memory, and the next
 * flush of the same request (another mutation in the document, an auto-flush before a query) would
 * write that half-done change. With a clean fork, a failed transaction leaves nothing behind; a committed
 * one is merged back into the request's EntityManager.
 *
 * Each transaction also carries an after-commit queue (db/after-commit.ts): events for live subscribers
 * are published only once the outermost transaction has committed, never when it rolls back.
 */
export class FloorEntityManager extends SqlEntityManager {
  override async transactional<T>(cb: (em: this) => T | Promise<T>, options: TransactionOptions & { ctx?: Transaction } = {}): Promise<T> {
    const parent = afterCommitQueueOf(this);
    let own: AfterCommitQueue | undefined;
    const result = await super.transactional(
      (tx) => {
        own = openAfterCommitQueue(tx);
        return cb(tx);
      },
      { clear: true, ...options },
    );
    // A released savepoint is not a commit yet: its tasks wait for the outer transaction. REQUIRES_NEW
    // commits on its own, whatever surrounds it.
    if (own && parent && options.propagation !== TransactionPropagation.REQUIRES_NEW) parent.adopt(own);
    else own?.run();
    return result;
  }
}
