/**
 * Masking of personal data for roles that may not see it (DOMAIN.md §8): initials for names, the last
 * four characters of phones and ids, the domain of an email, the city of an address.
 */
export type PersonalDataKind = 'GIVEN_NAME' | 'FAMILY_NAME' | 'FULL_NAME' | 'NATIONAL_ID' | 'PHONE' | 'EMAIL' | 'ADDRESS_LINE' | 'FREE_TEXT';

const initial = (word: string): string => (word.trim() ? `${word.trim()[0]!.toUpperCase()}.` : '');

export function lastFour(value: string): string {
  const chars = value.replace(/[^0-9A-Za-z]/g, '');
  return `****${chars.slice(-4)}`;
}

export function maskFullName(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '';
  if (parts.length === 1) return initial(parts[0]!);
  return `${initial(parts[0]!)} ${initial(parts[parts.length - 1]!)}`;
}

export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '***' : `***${email.slice(at)}`;
}

export function mask(kind: PersonalDataKind, value: string): string {
  switch (kind) {
    case 'GIVEN_NAME':
    case 'FAMILY_NAME':
      return initial(value);
    case 'FULL_NAME':
      return maskFullName(value);
    case 'NATIONAL_ID':
    case 'PHONE':
      return lastFour(value);
    case 'EMAIL':
      return maskEmail(value);
    // Street lines and free text may carry anything personal; the city stays visible in its own field.
    case 'ADDRESS_LINE':
    case 'FREE_TEXT':
      return '***';
  }
}
