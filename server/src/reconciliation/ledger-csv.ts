import { CsvError, parse } from 'csv-parse/sync';
import { isLocalDate, type LocalDate } from '../shared/dates.js';
import { isCurrencyCode, minorDigits, parseMinor } from '../shared/money.js';

/**
 * The accounting export that reconciliation matches payments against (DOMAIN.md §4): a CSV file with
 * the header `reference,amount,currency,posted_on` and one ledger line per row. Either every row is
 * good and the file is imported, or the file is refused with every problem found.
 */
export const LEDGER_COLUMNS = ['reference', 'amount', 'currency', 'posted_on'] as const;
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];

export const MAX_LEDGER_ROWS = 50_000;
export const MAX_REFERENCE_LENGTH = 100;
/** A field longer than this is not a ledger value; it keeps a broken file from being held as one huge field. */
const MAX_RECORD_CHARS = 10_000;

export interface LedgerRow {
  /** The row's line in the file, the header being line 1. */
  line: number;
  reference: string;
  amountMinor: number;
  currency: string;
  postedOn: LocalDate;
}

/** What is wrong, where: `column` names the header column at fault, or is null for the whole line. */
export interface CsvProblem {
  line: number;
  column: string | null;
  message: string;
}

export type LedgerParse = { ok: true; rows: LedgerRow[] } | { ok: false; problems: CsvProblem[] };

const DECIMAL = /^\d+(?:\.\d+)?$/;
/**
 * isCurrencyCode accepts any well-formed code Intl can format (XYZ included); a ledger line must carry
 * a currency in circulation, which is the list Intl knows by name.
 */
const CIRCULATING = new Set(Intl.supportedValuesOf('currency'));
const isLedgerCurrency = (code: string): boolean => isCurrencyCode(code) && CIRCULATING.has(code);
const HEADER_TEXT = LEDGER_COLUMNS.join(',');

interface RawRecord {
  line: number;
  fields: string[];
}

/**
 * Parses and checks a whole ledger file. Line numbers are those of the file (CRLF, LF or CR line
 * ends, a UTF-8 byte-order mark allowed); a quoted field may span lines, and a row is numbered by
 * the line it starts on. Blank lines are ignored.
 *
 * A reference may appear only once per file: a payment is matched to its ledger line by reference,
 * so a second line with the same reference (whatever its amount) would make the match ambiguous.
 */
export function parseLedgerCsv(text: string): LedgerParse {
  const normalized = text.replace(/\r\n?/g, '\n');
  const lines = normalized.split('\n');
  if (normalized.replace(/^\uFEFF/, '').trim() === '') {
    return fail({ line: 1, column: null, message: `The file is empty; it needs the header ${HEADER_TEXT} and at least one line.` });
  }

  const { records, error, tooMany } = readRecords(normalized, lines);
  if (tooMany) {
    return fail({ line: tooMany, column: null, message: `The file has more than ${MAX_LEDGER_ROWS.toLocaleString('en-US')} lines after the header; split it into smaller files.` });
  }
  const [header, ...rows] = records;
  if (!header) return fail(error ?? { line: 1, column: null, message: `The first line must be the header ${HEADER_TEXT}.` });

  const headerCheck = readHeader(header);
  if (!headerCheck.ok) return { ok: false, problems: headerCheck.problems };
  if (rows.length === 0 && !error) {
    return fail({ line: header.line + 1, column: null, message: 'The file has a header but no ledger lines to import.' });
  }

  const problems: CsvProblem[] = [];
  const good: LedgerRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const record of rows) {
    const row = readRow(record, headerCheck.index, problems);
    if (!row) continue;
    const earlier = firstLineOf.get(row.reference);
    if (earlier !== undefined) {
      problems.push({ line: row.line, column: 'reference', message: `reference "${row.reference}" already appears on line ${earlier}; a reference may appear only once per file.` });
      continue;
    }
    firstLineOf.set(row.reference, row.line);
    good.push(row);
  }
  if (error) problems.push(error);
  return problems.length ? { ok: false, problems } : { ok: true, rows: good };
}

const fail = (problem: CsvProblem): LedgerParse => ({ ok: false, problems: [problem] });

/**
 * Every record up to the first one the CSV grammar cannot read (an unbalanced quote leaves no
 * reliable row boundary after it), with the line each starts on.
 */
function readRecords(text: string, lines: string[]): { records: RawRecord[]; error?: CsvProblem; tooMany?: number } {
  const records: RawRecord[] = [];
  let lastEndLine = 0;
  let tooMany: number | undefined;
  const nextNonBlankLine = (after: number): number => {
    let line = after + 1;
    while (line < lines.length && lines[line - 1]!.replace(/^\uFEFF/, '').trim() === '') line++;
    return line;
  };
  try {
    parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      max_record_size: MAX_RECORD_CHARS,
      // Header plus one row too many is enough to refuse the file; the rest is not read.
      to: MAX_LEDGER_ROWS + 2,
      on_record: (record: string[], context: { lines: number }) => {
        const newlinesInside = record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
        const line = context.lines - newlinesInside;
        records.push({ line, fields: record });
        lastEndLine = context.lines;
        if (records.length > MAX_LEDGER_ROWS + 1) tooMany = line;
        return null;
      },
    });
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    return { records, error: { line: nextNonBlankLine(lastEndLine), column: null, message: csvErrorMessage(e) } };
  }
  return { records, tooMany };
}

function csvErrorMessage(e: CsvError): string {
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'A quoted field starting on this line is never closed; nothing after it could be read.';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'A quoted field on this line has text after its closing quote (write a quote inside a quoted field as ""); nothing after it could be read.';
    case 'CSV_MAX_RECORD_SIZE':
      return `This line holds more than ${MAX_RECORD_CHARS} characters; nothing after it could be read.`;
    default:
      return `This line is not valid CSV (${e.code}); nothing after it could be read.`;
  }
}

function readHeader(header: RawRecord): { ok: true; index: Record<LedgerColumn, number> } | { ok: false; problems: CsvProblem[] } {
  const names = header.fields.map((f) => f.replace(/^\uFEFF/, '').trim().toLowerCase());
  const known = new Set<string>(LEDGER_COLUMNS);
  if (!names.some((n) => known.has(n))) {
    return {
      ok: false,
      problems: [{ line: header.line, column: null, message: `The first line must be the header ${HEADER_TEXT}; got "${header.fields.join(',').slice(0, 200)}".` }],
    };
  }
  const problems: CsvProblem[] = [];
  const index: Partial<Record<LedgerColumn, number>> = {};
  names.forEach((name, i) => {
    if (!known.has(name)) {
      problems.push({ line: header.line, column: header.fields[i] ?? '', message: `Unknown column "${header.fields[i]}"; the header must be ${HEADER_TEXT}.` });
    } else if (index[name as LedgerColumn] !== undefined) {
      problems.push({ line: header.line, column: name, message: `The column ${name} appears twice in the header.` });
    } else {
      index[name as LedgerColumn] = i;
    }
  });
  for (const column of LEDGER_COLUMNS) {
    if (index[column] === undefined) problems.push({ line: header.line, column, message: `The header has no ${column} column; it must be ${HEADER_TEXT}.` });
  }
  return problems.length ? { ok: false, problems } : { ok: true, index: index as Record<LedgerColumn, number> };
}

/** One data row: every bad field is reported, the row is returned only when all are good. */
function readRow(record: RawRecord, index: Record<LedgerColumn, number>, problems: CsvProblem[]): LedgerRow | null {
  const { line, fields } = record;
  if (fields.length !== LEDGER_COLUMNS.length) {
    problems.push({ line, column: null, message: `This line has ${fields.length} field${fields.length === 1 ? '' : 's'}; a ledger line has ${LEDGER_COLUMNS.length} (${HEADER_TEXT}).` });
    return null;
  }
  const before = problems.length;
  const report = (column: LedgerColumn, message: string) => problems.push({ line, column, message });
  const value = (column: LedgerColumn) => fields[index[column]]!;

  const reference = value('reference');
  if (reference === '') report('reference', 'reference is empty.');
  else if (reference.length > MAX_REFERENCE_LENGTH) report('reference', `reference is longer than ${MAX_REFERENCE_LENGTH} characters.`);
  else if (/[\n\t]/.test(reference)) report('reference', 'reference must be one line of text.');

  const currency = value('currency');
  const currencyOk = isLedgerCurrency(currency);
  if (!currencyOk) report('currency', `currency must be an ISO 4217 code such as MXN or USD; got "${clip(currency)}".`);

  const amountText = value('amount');
  let amountMinor = 0;
  if (amountText === '') report('amount', 'amount is empty.');
  else if (!DECIMAL.test(amountText)) report('amount', `amount must be a decimal number such as 1234.56 (no sign, no thousands separators); got "${clip(amountText)}".`);
  else if (currencyOk) {
    const decimals = amountText.split('.')[1]?.length ?? 0;
    if (decimals > minorDigits(currency)) report('amount', `amount has ${decimals} decimals; ${currency} amounts have at most ${minorDigits(currency)}.`);
    else {
      try {
        amountMinor = parseMinor(amountText, currency);
        if (amountMinor <= 0) report('amount', 'amount must be greater than 0.');
      } catch {
        report('amount', `amount "${clip(amountText)}" is too large.`);
      }
    }
  } else if (!/[1-9]/.test(amountText)) report('amount', 'amount must be greater than 0.');

  const postedOn = value('posted_on');
  if (!isLocalDate(postedOn)) report('posted_on', `posted_on must be a calendar date written YYYY-MM-DD; got "${clip(postedOn)}".`);

  return problems.length === before ? { line, reference, amountMinor, currency, postedOn } : null;
}

const clip = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
