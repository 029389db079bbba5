import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
// Every entity's GraphQL type, also those reached only through node(id), whoever builds the schema.
import '../db/entities.js';
import { AccountResolver } from '../accounts/account.resolver.js';
import { AssignmentResolver } from '../accounts/assignment.resolver.js';
import { AgentResolver, TeamResolver } from '../agents/agent.resolver.js';
import { AuthResolver } from '../auth/auth.resolver.js';
import { CallResolver } from '../calls/call.resolver.js';
import { ContactPointChangeResolver, CustomerResolver } from '../customers/customer.resolver.js';
import { ContactPointResolver } from '../customers/contact-point.resolver.js';
import { DisputeResolver } from '../disputes/dispute.resolver.js';
import { ReferralResolver } from '../referrals/referral.resolver.js';
import { PaymentPlanResolver } from '../plans/plan.resolver.js';
import { PaymentResolver } from '../payments/payment.resolver.js';
import { PromiseResolver } from '../promises/promise.resolver.js';
import { WriteOffResolver } from '../writeoffs/write-off.resolver.js';
import { RolloverResolver } from '../rollover/rollover.resolver.js';
import { ContactCheckResolver } from '../compliance/contact-check.resolver.js';
import { ContactProfileResolver, PortfolioResolver } from '../compliance/contact-profile.resolver.js';
import { TreatmentStrategyResolver } from '../worklists/treatment-strategy.resolver.js';
import { WorklistResolver } from '../worklists/worklist.resolver.js';
import { InconsistencyResolver } from '../inconsistencies/inconsistency.resolver.js';
import { KpiResolver } from '../kpis/kpi.resolver.js';
import { KpiUpdatedResolver } from '../kpis/kpi-updated.resolver.js';
import { ReportsResolver } from '../reports/reports.resolver.js';
import { ReconciliationItemResolver, ReconciliationResolver } from '../reconciliation/reconciliation.resolver.js';
import { NodeResolver } from './node.resolver.js';
import type { FloorPubSub } from '../realtime/pubsub.js';
import { realtimeResolvers } from '../realtime/realtime.resolver.js';
import { alertResolvers } from '../alerts/alert.resolver.js';

export const resolvers = [
  AuthResolver,
  NodeResolver,
  AccountResolver,
  CustomerResolver,
  ContactPointChangeResolver,
  AgentResolver,
  TeamResolver,
  CallResolver,
  PaymentPlanResolver,
  PaymentResolver,
  PromiseResolver,
  WriteOffResolver,
  RolloverResolver,
  ContactCheckResolver,
  ContactProfileResolver,
  PortfolioResolver,
  TreatmentStrategyResolver,
  WorklistResolver,
  ReferralResolver,
  DisputeResolver,
  ContactPointResolver,
  AssignmentResolver,
  ReconciliationResolver,
  ReconciliationItemResolver,
  InconsistencyResolver,
  KpiResolver,
  KpiUpdatedResolver,
  ReportsResolver,
  ...realtimeResolvers,
  ...alertResolvers,
] as const;

/** `pubSub` carries subscription events: in-process, or through Redis across instances (realtime/pubsub.ts). */
export async function createSchema(pubSub: FloorPubSub): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    pubSub,
    validate: false,
  });
}

/** The SDL checked in as schema/schema.graphql; sorted so unrelated edits don't reorder it. */
export function schemaSdl(schema: GraphQLSchema): string {
  return `# Generated from the server's types by \`pnpm schema\`; do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}`;
}
