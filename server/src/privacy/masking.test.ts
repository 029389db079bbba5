import { describe, expect, it } from 'vitest';
import { mask } from './masking.js';

describe('mask (DOMAIN.md §8)', () => {
  it.each([
    ['GIVEN_NAME', 'María', 'M.'],
    ['FAMILY_NAME', 'de la Cruz', 'D.'],
    ['FULL_NAME', 'María José de la Cruz', 'M. C.'],
    ['FULL_NAME', 'Cher', 'C.'],
    ['NATIONAL_ID', 'GOMA800101HDFRRN09', '****RN09'],
    ['PHONE', '+1 (212) 555-0147', '****0147'],
    ['EMAIL', 'maria.cruz@example.com', '***@example.com'],
    ['ADDRESS_LINE', '12 Elm Street, Apt 4', '***'],
    ['FREE_TEXT', 'said her husband Juan pays', '***'],
  ] as const)('%s %j -> %j', (kind, value, masked) => {
    expect(mask(kind, value)).toBe(masked);
  });
});
