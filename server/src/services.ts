import type { Logger } from 'pino';
import { AccountHistoryService } from './accounts/account-history.service.js';
import { AccountService } from './accounts/account.service.js';
import { AgentService } from './agents/agent.service.js';
import { AuthService } from './auth/auth.service.js';
import { TokenSigner } from './auth/tokens.js';
import { CallService } from './calls/call.service.js';
import type { Config } from './config.js';
import { CustomerService } from './customers/customer.service.js';
import type { Orm } from './db/orm.js';
import { NodeService } from './graphql/node.service.js';
import type { Clock } from './shared/clock.js';
import { localDateIn, type LocalDate } from './shared/dates.js';
import { DEFAULT_POLICY, type CollectionPolicy } from './shared/policy.js';

/** Made once at start and shared by every request: the rules of the floor, free of HTTP. */
export interface Services {
  config: Config;
  clock: Clock;
  orm: Orm;
  logger: Logger;
  auth: AuthService;
  accounts: AccountService;
  accountHistory: AccountHistoryService;
  customers: CustomerService;
  agents: AgentService;
  calls: CallService;
  nodes: NodeService;
  policy: CollectionPolicy;
  /** Today on the floor (FLOOR_TIMEZONE), from the injected clock. */
  businessDate(): LocalDate;
}

export function createServices(deps: { config: Config; clock: Clock; orm: Orm; logger: Logger }): Services {
  const tokens = new TokenSigner(deps.config.jwtSecret, deps.config.jwtTtlSeconds, deps.clock);
  return {
    ...deps,
    auth: new AuthService(tokens, deps.clock),
    accounts: new AccountService(),
    accountHistory: new AccountHistoryService(),
    customers: new CustomerService(),
    agents: new AgentService(),
    calls: new CallService(),
    nodes: new NodeService(),
    policy: DEFAULT_POLICY,
    businessDate: () => localDateIn(deps.clock.now(), deps.config.floorTimeZone),
  };
}
