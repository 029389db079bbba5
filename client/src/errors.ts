import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import type { GraphQLFormattedError } from 'graphql';

/** One problem, as the user should read it. `code` is the server's `extensions.code`. */
export interface ReadableError {
  code: string;
  message: string;
  /** The server's own words, when it sent any. */
  serverMessage?: string;
  /** For BAD_USER_INPUT: the argument the server refused (`extensions.argument`), when it named one. */
  argument?: string;
}

const NETWORK = 'NETWORK_ERROR';

export function errorCode(error: GraphQLFormattedError): string {
  const code = error.extensions?.['code'];
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

/** Wording per code; the server's own message is used where it is written for people. */
function describe(code: string, serverMessage: string): string {
  switch (code) {
    case 'UNAUTHENTICATED':
      return serverMessage || 'Sign in first.';
    case 'FORBIDDEN':
      return `Not allowed for your role. ${serverMessage}`.trim();
    case 'BAD_USER_INPUT':
    case 'NOT_FOUND':
    case 'CONFLICT':
    case 'CONTACT_NOT_ALLOWED':
      return serverMessage;
    case 'QUERY_TOO_DEEP':
    case 'QUERY_TOO_COMPLEX':
      return 'The request asks for too much at once. Narrow the filters and try again.';
    case NETWORK:
      return 'The server cannot be reached. Check the connection and try again.';
    default:
      return 'Something went wrong on the server. Try again; if it keeps happening, report it with the time.';
  }
}

function fromFormatted(errors: readonly GraphQLFormattedError[]): ReadableError[] {
  return errors.map((e) => {
    const code = errorCode(e);
    const argument = e.extensions?.['argument'];
    return { code, message: describe(code, e.message), serverMessage: e.message, ...(typeof argument === 'string' ? { argument } : {}) };
  });
}

/** Errors in a non-2xx response body, in case it reached us as plain JSON. */
function fromBody(bodyText: string): GraphQLFormattedError[] {
  try {
    const body: unknown = JSON.parse(bodyText);
    if (body && typeof body === 'object' && 'errors' in body && Array.isArray(body.errors)) {
      return body.errors as GraphQLFormattedError[];
    }
  } catch {
    // Not JSON: a proxy page or an empty body.
  }
  return [];
}

export function readableErrors(error: unknown): ReadableError[] {
  if (!error) return [];
  if (CombinedGraphQLErrors.is(error)) return fromFormatted(error.errors);
  if (ServerError.is(error)) {
    const errors = fromBody(error.bodyText);
    if (errors.length > 0) return fromFormatted(errors);
    if (error.statusCode >= 500) return [{ code: `HTTP_${error.statusCode}`, message: describe('INTERNAL_SERVER_ERROR', '') }];
    return [{ code: `HTTP_${error.statusCode}`, message: describe(NETWORK, '') }];
  }
  return [{ code: NETWORK, message: describe(NETWORK, '') }];
}

export function hasErrorCode(error: unknown, code: string): boolean {
  return readableErrors(error).some((e) => e.code === code);
}
