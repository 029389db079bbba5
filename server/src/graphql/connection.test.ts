import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageRequest } from './connection.js';

describe('pageRequest', () => {
  it.each([
    [{ first: 1 }, { size: 1, backwards: false, cursor: undefined }],
    [{ first: 100, after: 'c' }, { size: 100, backwards: false, cursor: 'c' }],
    [{ last: 5, before: 'c' }, { size: 5, backwards: true, cursor: 'c' }],
  ])('accepts %j', (args, expected) => {
    expect(pageRequest(args)).toEqual(expected);
  });

  it.each([{}, { first: 0 }, { first: 101 }, { last: 0 }, { last: 101 }, { first: 1, last: 1 }, { first: 1, before: 'c' }, { last: 1, after: 'c' }])(
    'refuses %j with BAD_USER_INPUT',
    (args) => {
      expect(() => pageRequest(args)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
    },
  );
});

describe('cursors', () => {
  it('round-trip their values', () => {
    expect(decodeCursor(encodeCursor([1234, 7]), 'after', 2)).toEqual([1234, 7]);
    expect(decodeCursor(encodeCursor(['2026-01-01T00:00:00.000Z', 7]), 'after', 2)).toEqual(['2026-01-01T00:00:00.000Z', 7]);
  });

  it.each(['', 'garbage', encodeCursor([1]), Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[{},1]').toString('base64url')])(
    'refuses %j',
    (cursor) => {
      expect(() => decodeCursor(cursor, 'after', 2)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
    },
  );
});
