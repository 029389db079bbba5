import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { OptimisticLockError } from '@mikro-orm/core';
import type { Logger } from 'pino';

const KNOWN_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'CONTACT_NOT_ALLOWED',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COMPLEX',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Every error leaves with a stable code. Anything the product did not raise on purpose is logged
 * with its stack and reaches the client as INTERNAL_SERVER_ERROR, without internals in production.
 */
export function formatErrorFor(production: boolean, logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof OptimisticLockError) {
      return { message: 'The record was changed by someone else; reload it and try again.', path: formatted.path, extensions: { code: 'CONFLICT' } };
    }
    let code = formatted.extensions?.code;
    // graphql-js reports bad variables (wrong type, unknown enum value) as plain errors outside any field.
    if ((code === undefined || code === 'INTERNAL_SERVER_ERROR') && original instanceof GraphQLError && !formatted.path && /^Variable "\$/.test(formatted.message)) {
      code = 'BAD_USER_INPUT';
      formatted = { ...formatted, extensions: { ...formatted.extensions, code } };
    }
    if (typeof code === 'string' && KNOWN_CODES.has(code)) {
      if (!production) return formatted;
      const { stacktrace: _dropped, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error');
    return production
      ? { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } }
      : { ...formatted, extensions: { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR' } };
  };
}
