import type { EntityManager } from '@mikro-orm/core';

/**
 * Work that may only happen once a transaction's changes are durable: publishing events to live
 * subscribers above all, so that a rolled-back mutation tells nobody anything.
 *
 * Each transaction FloorEntityManager opens gets a queue, keyed by the driver's transaction object so
 * every EntityManager working inside it finds the same one. A nested transaction (a savepoint) has its
 * own queue: when it is released its tasks move to the parent's, when it rolls back they are dropped.
 * The outermost queue runs right after the commit has resolved.
 */
export class AfterCommitQueue {
  private readonly tasks: Array<() => void | Promise<void>> = [];

  add(task: () => void | Promise<void>): void {
    this.tasks.push(task);
  }

  /** A released savepoint's tasks wait for the outer commit. */
  adopt(child: AfterCommitQueue): void {
    this.tasks.push(...child.tasks.splice(0));
  }

  /** Runs every task in order; one failing task never stops the others nor fails the committed mutation. */
  run(): void {
    for (const task of this.tasks.splice(0)) {
      try {
        const result = task();
        if (result instanceof Promise) result.catch((error: unknown) => this.report(error));
      } catch (error) {
        this.report(error);
      }
    }
  }

  /** Tasks report their own failures (the publisher logs them); this is the last resort. */
  private report(error: unknown): void {
    console.error('A task after commit failed:', error);
  }
}

const queues = new WeakMap<object, AfterCommitQueue>();

/** The queue of the transaction `em` works in, if any. */
export function afterCommitQueueOf(em: EntityManager): AfterCommitQueue | undefined {
  const trx = em.getTransactionContext<object>();
  return trx ? queues.get(trx) : undefined;
}

/** Gives the transaction `em` now works in its own queue, unless it already has one (same transaction). */
export function openAfterCommitQueue(em: EntityManager): AfterCommitQueue | undefined {
  const trx = em.getTransactionContext<object>();
  if (!trx || queues.has(trx)) return undefined;
  const queue = new AfterCommitQueue();
  queues.set(trx, queue);
  return queue;
}

/**
 * Runs `task` once the transaction `em` works in has committed, and never if it rolls back. Outside a
 * transaction the caller's writes are already committed, so the task runs at once.
 */
export function afterCommit(em: EntityManager, task: () => void | Promise<void>): void {
  const queue = afterCommitQueueOf(em);
  if (queue) {
    queue.add(task);
  } else {
    const now = new AfterCommitQueue();
    now.add(task);
    now.run();
  }
}
