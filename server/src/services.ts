import type { Logger } from 'pino';
import { AlertService } from './alerts/alert.service.js';
import { AccountHistoryService } from './accounts/account-history.service.js';
import { AccountService } from './accounts/account.service.js';
import { AssignmentService } from './accounts/assignment.service.js';
import { AgentService } from './agents/agent.service.js';
import { PresenceService } from './agents/presence.service.js';
import { CallRecordingService } from './calls/call-recording.service.js';
import { RolloverService } from './rollover/rollover.service.js';
import { ContactCheckService } from './compliance/contact-check.service.js';
import { ContactProfileService } from './compliance/contact-profile.service.js';
import { TreatmentStrategyService } from './worklists/treatment-strategy.service.js';
import { WorklistService } from './worklists/worklist.service.js';
import { AuthService } from './auth/auth.service.js';
import { TokenSigner } from './auth/tokens.js';
import { CallService } from './calls/call.service.js';
import type { Config } from './config.js';
import { CustomerService } from './customers/customer.service.js';
import { ContactPointService } from './customers/contact-point.service.js';
import { DisputeService } from './disputes/dispute.service.js';
import { ReferralService } from './referrals/referral.service.js';
import type { Orm } from './db/orm.js';
import { NodeService } from './graphql/node.service.js';
import { InconsistencyService } from './inconsistencies/inconsistency.service.js';
import { ReconciliationService } from './reconciliation/reconciliation.service.js';
import { ReportService } from './reports/reports.service.js';
import { BucketMetricUpdates, BucketMetricsWatcher } from './reports/bucket-metric-updates.js';
import { BucketFlowKeeper } from './reports/bucket-flow-keeper.js';
import { BucketFlows } from './reports/bucket-flows.js';
import { PaymentService } from './payments/payment.service.js';
import { KpiCounters } from './kpis/kpi-counters.js';
import { KpiService } from './kpis/kpi.service.js';
import { KpiUpdates } from './kpis/kpi-updates.js';
import type { FloorEvents } from './realtime/events.js';
import { PromiseService } from './promises/promise.service.js';
import { PlanService } from './plans/plan.service.js';
import { WriteOffService } from './writeoffs/write-off.service.js';
import type { Clock } from './shared/clock.js';
import { localDateIn, type LocalDate } from './shared/dates.js';
import { DEFAULT_POLICY, type CollectionPolicy } from './shared/policy.js';

/** Made once at start and shared by every request: the rules of the floor, free of HTTP. */
export interface Services {
  config: Config;
  clock: Clock;
  orm: Orm;
  logger: Logger;
  /** Live events: publish after commit, subscribe per team (realtime/events.ts). */
  events: FloorEvents;
  auth: AuthService;
  accounts: AccountService;
  accountHistory: AccountHistoryService;
  customers: CustomerService;
  agents: AgentService;
  calls: CallService;
  nodes: NodeService;
  payments: PaymentService;
  promises: PromiseService;
  plans: PlanService;
  writeOffs: WriteOffService;
  presence: PresenceService;
  callRecording: CallRecordingService;
  rollover: RolloverService;
  contactCheck: ContactCheckService;
  contactProfiles: ContactProfileService;
  treatmentStrategies: TreatmentStrategyService;
  worklist: WorklistService;
  referrals: ReferralService;
  disputes: DisputeService;
  contactPoints: ContactPointService;
  assignments: AssignmentService;
  reconciliation: ReconciliationService;
  inconsistencies: InconsistencyService;
  /** Per-agent, per-day KPI counters, moved inside the transactions that record each fact (DOMAIN.md §7). */
  kpiCounters: KpiCounters;
  kpis: KpiService;
  kpiUpdates: KpiUpdates;
  reports: ReportService;
  /** The pre-aggregated bucket figures behind bucketMetrics and rollRateMatrix, computed set-wise. */
  bucketFlows: BucketFlows;
  /** Keeps the running month's bucket figures with every flush (registered on the ORM's flushes by the app). */
  bucketFlowKeeper: BucketFlowKeeper;
  /** Announces committed changes that move bucket metrics (registered on the ORM's flushes by the app). */
  bucketMetricsWatcher: BucketMetricsWatcher;
  bucketMetricUpdates: BucketMetricUpdates;
  /** Alert rules, stored alerts and their evaluation (alerts/). */
  alerts: AlertService;
  policy: CollectionPolicy;
  /** Today on the floor (FLOOR_TIMEZONE), from the injected clock. */
  businessDate(): LocalDate;
}

export function createServices(deps: { config: Config; clock: Clock; orm: Orm; logger: Logger; events: FloorEvents }): Services {
  const tokens = new TokenSigner(deps.config.jwtSecret, deps.config.jwtTtlSeconds, deps.clock);
  const businessDate = (): LocalDate => localDateIn(deps.clock.now(), deps.config.floorTimeZone);
  const kpiCounters = new KpiCounters(deps.config.floorTimeZone, deps.events);
  const kpis = new KpiService(deps.clock, deps.config.floorTimeZone);
  const payments = new PaymentService(deps.clock, businessDate, DEFAULT_POLICY, kpiCounters);
  const promises = new PromiseService(deps.clock, businessDate, DEFAULT_POLICY, kpiCounters);
  const plans = new PlanService(deps.clock, businessDate, DEFAULT_POLICY);
  const bucketFlows = new BucketFlows(deps.config.floorTimeZone);
  const reports = new ReportService(deps.clock, businessDate, bucketFlows);
  const bucketMetricsWatcher = new BucketMetricsWatcher(deps.events);
  const services: Services = {
    ...deps,
    auth: new AuthService(tokens, deps.clock),
    accounts: new AccountService(),
    accountHistory: new AccountHistoryService(),
    customers: new CustomerService(),
    agents: new AgentService(),
    calls: new CallService(),
    nodes: new NodeService(),
    payments,
    promises,
    plans,
    writeOffs: new WriteOffService(deps.clock),
    presence: new PresenceService(deps.clock, deps.events, kpiCounters),
    callRecording: new CallRecordingService(deps.clock, () => services),
    rollover: new RolloverService(deps.clock, businessDate, DEFAULT_POLICY, bucketFlows, kpiCounters, bucketMetricsWatcher, deps.config.rolloverChunk),
    contactCheck: new ContactCheckService(deps.clock),
    contactProfiles: new ContactProfileService(deps.clock),
    treatmentStrategies: new TreatmentStrategyService(deps.clock, DEFAULT_POLICY),
    worklist: new WorklistService(deps.clock, businessDate, deps.config.floorTimeZone),
    referrals: new ReferralService(deps.clock),
    disputes: new DisputeService(deps.clock, businessDate),
    contactPoints: new ContactPointService(deps.clock),
    assignments: new AssignmentService(deps.clock),
    reconciliation: new ReconciliationService(deps.clock, deps.config.floorTimeZone),
    inconsistencies: new InconsistencyService(deps.config.database.kind, deps.config.floorTimeZone, businessDate),
    kpiCounters,
    kpis,
    kpiUpdates: new KpiUpdates(deps.events, kpis, deps.orm, businessDate),
    reports,
    bucketFlows,
    bucketFlowKeeper: new BucketFlowKeeper(bucketFlows),
    bucketMetricsWatcher,
    bucketMetricUpdates: new BucketMetricUpdates(deps.events, reports, deps.orm, businessDate),
    alerts: new AlertService(deps.clock, deps.events, kpis, businessDate, deps.logger),
    policy: DEFAULT_POLICY,
    businessDate,
  };
  return services;
}
