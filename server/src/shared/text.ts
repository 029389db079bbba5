import { badInput } from '../graphql/errors.js';

/** A reason or note a person must give: trimmed, 3-500 characters, else BAD_USER_INPUT naming the argument. */
export function requiredText(text: string, argument: string, min = 3, max = 500): string {
  const value = text.trim();
  if (value.length < min || value.length > max) throw badInput(`${argument} must be ${min}-${max} characters.`, { argument });
  return value;
}
