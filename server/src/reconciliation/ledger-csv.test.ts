import { describe, expect, it } from 'vitest';
import { MAX_LEDGER_ROWS, parseLedgerCsv, type CsvProblem, type LedgerParse } from './ledger-csv.js';

const HEADER = 'reference,amount,currency,posted_on';

function problems(result: LedgerParse): CsvProblem[] {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problems;
}

function rows(result: LedgerParse) {
  if (!result.ok) throw new Error(`expected the file to be accepted: ${JSON.stringify(result.problems)}`);
  return result.rows;
}

describe('parseLedgerCsv: good files', () => {
  it('reads amounts into minor units, with the line of each row', () => {
    const result = rows(parseLedgerCsv(`${HEADER}\nPAY-1,1234.56,MXN,2026-11-02\nPAY-2,10,USD,2026-11-03\nPAY-3,1500,JPY,2026-11-04\n`));
    expect(result).toEqual([
      { line: 2, reference: 'PAY-1', amountMinor: 123456, currency: 'MXN', postedOn: '2026-11-02' },
      { line: 3, reference: 'PAY-2', amountMinor: 1000, currency: 'USD', postedOn: '2026-11-03' },
      { line: 4, reference: 'PAY-3', amountMinor: 1500, currency: 'JPY', postedOn: '2026-11-04' },
    ]);
  });

  it('accepts a UTF-8 byte-order mark, CRLF, quoted fields and no final line end', () => {
    const result = rows(parseLedgerCsv(`\uFEFF${HEADER}\r\n"PAY,1","1.50",MXN,2026-11-02\r\n"PAY ""2""",2,MXN,"2026-11-03"`));
    expect(result.map((r) => [r.line, r.reference, r.amountMinor])).toEqual([
      [2, 'PAY,1', 150],
      [3, 'PAY "2"', 200],
    ]);
  });

  it('accepts the header columns in any order and any case, and ignores blank lines', () => {
    const result = rows(parseLedgerCsv('Posted_On,Currency,Amount,Reference\n\n2026-11-02,MXN,7.00,PAY-9\n\n'));
    expect(result).toEqual([{ line: 3, reference: 'PAY-9', amountMinor: 700, currency: 'MXN', postedOn: '2026-11-02' }]);
  });

  it('numbers a row by the line it starts on when a quoted field spans lines before it', () => {
    const result = problems(parseLedgerCsv(`${HEADER}\n"two\nlines",1,MXN,2026-11-02\nPAY-2,x,MXN,2026-11-02\n`));
    expect(result).toEqual([
      { line: 2, column: 'reference', message: 'reference must be one line of text.' },
      { line: 4, column: 'amount', message: expect.stringContaining('decimal number') },
    ]);
  });
});

describe('parseLedgerCsv: every bad field is named by line and column', () => {
  it.each([
    ['an empty reference', ',1.00,MXN,2026-11-02', 'reference'],
    ['a reference over 100 characters', `${'R'.repeat(101)},1.00,MXN,2026-11-02`, 'reference'],
    ['an amount that is not a number', 'P,ten,MXN,2026-11-02', 'amount'],
    ['an empty amount', 'P,,MXN,2026-11-02', 'amount'],
    ['a negative amount', 'P,-5.00,MXN,2026-11-02', 'amount'],
    ['a zero amount', 'P,0.00,MXN,2026-11-02', 'amount'],
    ['more decimals than the currency has', 'P,1.005,MXN,2026-11-02', 'amount'],
    ['decimals on a currency without minor units', 'P,100.5,JPY,2026-11-02', 'amount'],
    ['a thousands separator', 'P,"1,000.00",MXN,2026-11-02', 'amount'],
    ['an exponent', 'P,1e3,MXN,2026-11-02', 'amount'],
    ['a currency that is not ISO 4217', 'P,1.00,XYZ,2026-11-02', 'currency'],
    ['a lower-case currency', 'P,1.00,mxn,2026-11-02', 'currency'],
    ['a date that does not exist', 'P,1.00,MXN,2026-02-30', 'posted_on'],
    ['a date in another format', 'P,1.00,MXN,02/11/2026', 'posted_on'],
    ['an empty date', 'P,1.00,MXN,', 'posted_on'],
  ])('%s', (_name, line, column) => {
    expect(problems(parseLedgerCsv(`${HEADER}\nGOOD,1.00,MXN,2026-11-01\n${line}\n`))).toEqual([{ line: 3, column, message: expect.any(String) }]);
  });

  it('reports every problem of every row, in file order', () => {
    const csv = [HEADER, 'A,1.00,MXN,2026-11-02', 'B,abc,MXN,2026-13-01', 'C,2.00,MXN,2026-11-02', ',1.00,EUR1,2026-11-02', 'D,1.00,MXN'].join('\r\n');
    expect(problems(parseLedgerCsv(csv)).map((p) => [p.line, p.column])).toEqual([
      [3, 'amount'],
      [3, 'posted_on'],
      [5, 'reference'],
      [5, 'currency'],
      [6, null],
    ]);
  });

  it('refuses a reference that appears twice, whatever the amount', () => {
    const result = problems(parseLedgerCsv(`${HEADER}\nPAY-1,1.00,MXN,2026-11-02\nPAY-2,1.00,MXN,2026-11-02\nPAY-1,2.00,MXN,2026-11-03\n`));
    expect(result).toEqual([{ line: 4, column: 'reference', message: expect.stringContaining('line 2') }]);
  });

  it('refuses a line with too many fields', () => {
    expect(problems(parseLedgerCsv(`${HEADER}\nP,1.00,MXN,2026-11-02,extra\n`))).toEqual([{ line: 2, column: null, message: expect.stringContaining('5 fields') }]);
  });

  it('reports an unclosed quote at the line where its row starts, after the problems before it', () => {
    const result = problems(parseLedgerCsv(`${HEADER}\nA,x,MXN,2026-11-02\n\n"B,1.00,MXN,2026-11-02\nC,1.00,MXN,2026-11-02\n`));
    expect(result.map((p) => [p.line, p.column])).toEqual([
      [2, 'amount'],
      [4, null],
    ]);
  });

  it('reports text after a closing quote', () => {
    expect(problems(parseLedgerCsv(`${HEADER}\nA,1.00,MXN,2026-11-02\n"B"x,1.00,MXN,2026-11-02\n`))).toEqual([
      { line: 3, column: null, message: expect.stringContaining('closing quote') },
    ]);
  });
});

describe('parseLedgerCsv: files refused as a whole', () => {
  it.each([[''], ['\uFEFF'], ['\r\n\r\n'], ['   ']])('an empty file %j', (csv) => {
    expect(problems(parseLedgerCsv(csv))).toEqual([{ line: 1, column: null, message: expect.stringContaining('empty') }]);
  });

  it('a header without lines', () => {
    expect(problems(parseLedgerCsv(`${HEADER}\r\n`))).toEqual([{ line: 2, column: null, message: expect.stringContaining('no ledger lines') }]);
  });

  it('a file without a header', () => {
    expect(problems(parseLedgerCsv('PAY-1,1.00,MXN,2026-11-02\n'))).toEqual([{ line: 1, column: null, message: expect.stringContaining('header') }]);
  });

  it('a misnamed, a missing and a repeated header column', () => {
    expect(problems(parseLedgerCsv('reference,amt,currency,currency\nP,1,MXN,MXN\n'))).toEqual([
      { line: 1, column: 'amt', message: expect.stringContaining('Unknown column') },
      { line: 1, column: 'currency', message: expect.stringContaining('twice') },
      { line: 1, column: 'amount', message: expect.stringContaining('no amount column') },
      { line: 1, column: 'posted_on', message: expect.stringContaining('no posted_on column') },
    ]);
  });

  it(`more than ${MAX_LEDGER_ROWS} lines, before any line is checked`, () => {
    const csv = `${HEADER}\n${'P,1,MXN,2026-11-02\n'.repeat(MAX_LEDGER_ROWS + 1)}`;
    expect(problems(parseLedgerCsv(csv))).toEqual([{ line: MAX_LEDGER_ROWS + 2, column: null, message: expect.stringContaining('more than 50,000') }]);
  });

  it(`exactly ${MAX_LEDGER_ROWS} lines are accepted`, () => {
    const body = Array.from({ length: MAX_LEDGER_ROWS }, (_, i) => `P${i},1,MXN,2026-11-02`).join('\n');
    expect(rows(parseLedgerCsv(`${HEADER}\n${body}`))).toHaveLength(MAX_LEDGER_ROWS);
  });
});
