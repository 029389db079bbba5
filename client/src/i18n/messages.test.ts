import { describe, expect, it } from 'vitest';
import { en } from './en';
import { esMX } from './es-MX';

describe('messages', () => {
  it('es-MX has every English message and nothing else', () => {
    expect(Object.keys(esMX).sort()).toEqual(Object.keys(en).sort());
  });

  it('keeps the same ICU placeholders in both languages', () => {
    // Arguments only, not the branches of a plural (`one {account}`).
    const placeholders = (text: string) => [...text.matchAll(/(?<!(?:one|other|zero|few|many|=\d+) )\{(\w+)[},]/g)].map((m) => m[1]).sort();
    for (const [id, text] of Object.entries(en)) {
      expect(placeholders(esMX[id as keyof typeof en]), id).toEqual(placeholders(text));
    }
  });
});
