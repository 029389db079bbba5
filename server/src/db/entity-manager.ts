import type { Transaction, TransactionOptions } from '@mikro-orm/core';
import { SqlEntityManager } from '@mikro-orm/knex';

/**
 * Transactions start from an empty identity map. MikroORM's default shares the caller's entities with
 * the transaction, so a mutation that failed halfway would leave them changed in memory, and the next
 * flush of the same request (another mutation in the document, an auto-flush before a query) would
 * write that half-done change. With a clean fork, a failed transaction leaves nothing behind; a committed
 * one is merged back into the request's EntityManager.
 */
export class FloorEntityManager extends SqlEntityManager {
  override transactional<T>(cb: (em: this) => T | Promise<T>, options: TransactionOptions & { ctx?: Transaction } = {}): Promise<T> {
    return super.transactional(cb, { clear: true, ...options });
  }
}
