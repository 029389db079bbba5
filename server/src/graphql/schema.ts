import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AccountResolver } from '../accounts/account.resolver.js';
import { AgentResolver, TeamResolver } from '../agents/agent.resolver.js';
import { AuthResolver } from '../auth/auth.resolver.js';
import { CallResolver } from '../calls/call.resolver.js';
import { ContactPointChangeResolver, CustomerResolver } from '../customers/customer.resolver.js';
import { PaymentPlanResolver } from '../plans/plan.resolver.js';
import { NodeResolver } from './node.resolver.js';

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
] as const;

export async function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    validate: false,
  });
}

/** The SDL checked in as schema/schema.graphql; sorted so unrelated edits don't reorder it. */
export function schemaSdl(schema: GraphQLSchema): string {
  return `# Generated from the server's types by \`pnpm schema\`; do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}`;
}
