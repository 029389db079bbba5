import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request facts that deep layers need without threading them through every call. */
export interface RequestScope {
  requestId: string;
  sqlStatements: number;
}

const storage = new AsyncLocalStorage<RequestScope>();

export const runInRequestScope = <T>(scope: RequestScope, fn: () => T): T => storage.run(scope, fn);
export const currentRequestScope = (): RequestScope | undefined => storage.getStore();
