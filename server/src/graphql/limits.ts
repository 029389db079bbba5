import type { ApolloServerPlugin } from '@apollo/server';
import { separateOperations, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { AppError } from './errors.js';

/** A connection field costs its page size times what each node asks for. */
const connectionEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const size = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : undefined;
  return size !== undefined ? 1 + Math.max(0, size) * childComplexity : undefined;
};

export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName?: string): number {
  return getComplexity({
    schema,
    query: operationName && Object.keys(separateOperations(document)).length > 1 ? separateOperations(document)[operationName]! : document,
    variables,
    estimators: [connectionEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

/**
 * A document's depth does not depend on its variables, and the server parses a query text it has seen
 * into the same document (Apollo's document cache): each document is measured once.
 */
const depthChecked = new WeakMap<DocumentNode, { maxDepth: number; ok: boolean }>();

function withinDepth(schema: GraphQLSchema, document: DocumentNode, maxDepth: number): boolean {
  const known = depthChecked.get(document);
  if (known?.maxDepth === maxDepth) return known.ok;
  const ok = validate(schema, document, [depthLimit(maxDepth)]).length === 0;
  depthChecked.set(document, { maxDepth, ok });
  return ok;
}

/** Checks a document's depth and cost before it runs; also used for graphql-ws subscriptions. */
export function checkLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  limits: { maxDepth: number; maxCost: number },
  operationName?: string,
): number {
  if (!withinDepth(schema, document, limits.maxDepth)) {
    throw new AppError('QUERY_TOO_DEEP', `The query is nested deeper than ${limits.maxDepth} levels.`, { maxDepth: limits.maxDepth, http: { status: 400 } });
  }
  const cost = queryCost(schema, document, variables, operationName);
  if (cost > limits.maxCost) {
    throw new AppError('QUERY_TOO_COMPLEX', `The query would cost ${cost}, above the limit of ${limits.maxCost}; ask for smaller pages or fewer fields.`, {
      cost,
      maxCost: limits.maxCost,
      http: { status: 400 },
    });
  }
  return cost;
}

/** Rejects abusive queries before any resolver runs, and reports every accepted query's cost. */
export function limitsPlugin(limits: { maxDepth: number; maxCost: number }): ApolloServerPlugin {
  return {
    async requestDidStart() {
      let cost: number | undefined;
      return {
        async didResolveOperation({ request, document, schema }) {
          cost = checkLimits(schema, document, request.variables ?? {}, limits, request.operationName ?? undefined);
        },
        async willSendResponse({ response }) {
          if (cost !== undefined && response.body.kind === 'single') {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost };
          }
        },
      };
    },
  };
}
