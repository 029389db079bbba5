import { describe, expect, it } from 'vitest';
import { en } from './en';
import { esMX } from './es-MX';

describe('messages', () => {
  it('es-MX has every English message and nothing else', () => {
    expect(Object.keys(esMX).sort()).toEqual(Object.keys(en).sort());
  });

  it('keeps the same ICU placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [id, text] of Object.entries(en)) {
      expect(placeholders(esMX[id as keyof typeof en]), id).toEqual(placeholders(text));
    }
  });
});
