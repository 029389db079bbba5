import { fromGlobalId, toGlobalId } from 'graphql-relay';
import { badInput } from './errors.js';

/** Reads a Relay global id, refusing malformed ids and ids of another type with BAD_USER_INPUT. */
export function decodeId(globalId: string, expectedType?: string, argument = 'id'): { type: string; id: number } {
  let decoded: { type: string; id: string };
  try {
    decoded = fromGlobalId(globalId);
  } catch {
    throw badInput(`${argument} is not a valid id.`, { argument });
  }
  const id = Number(decoded.id);
  if (!decoded.type || !/^[1-9]\d{0,15}$/.test(decoded.id) || !Number.isSafeInteger(id)) {
    throw badInput(`${argument} is not a valid id.`, { argument });
  }
  if (expectedType && decoded.type !== expectedType) {
    throw badInput(`${argument} must be the id of a ${expectedType}, not of a ${decoded.type}.`, { argument });
  }
  return { type: decoded.type, id };
}

export const decodeIdOf = (expectedType: string, globalId: string, argument = 'id'): number =>
  decodeId(globalId, expectedType, argument).id;

export const encodeId = (type: string, id: number): string => toGlobalId(type, String(id));
