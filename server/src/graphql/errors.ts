import { GraphQLError } from 'graphql';

/** The stable codes clients may switch on (`extensions.code`). */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'CONTACT_NOT_ALLOWED'
  | 'QUERY_TOO_DEEP'
  | 'QUERY_TOO_COMPLEX'
  | 'SUBSCRIBER_TOO_SLOW';

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export const badInput = (message: string, extensions: Record<string, unknown> = {}): AppError =>
  new AppError('BAD_USER_INPUT', message, extensions);
export const unauthenticated = (message = 'Sign in first.'): AppError => new AppError('UNAUTHENTICATED', message);
export const forbidden = (message = 'Your role may not do this.'): AppError => new AppError('FORBIDDEN', message);
export const notFound = (what: string, id?: string): AppError =>
  new AppError('NOT_FOUND', id ? `${what} ${id} was not found.` : `${what} was not found.`);
export const conflict = (message: string, extensions: Record<string, unknown> = {}): AppError =>
  new AppError('CONFLICT', message, extensions);
