// Reads a series pasted from a spreadsheet (or a CSV file) for the SPC
// calculator: two columns, period and value, in any common layout.

export interface SeriesPoint {
  period: string;
  value: number | null;
}

/** A line that could not be read; `line` counts from 1 as an editor does. */
export interface SeriesError {
  line: number;
  message: string;
}

export interface ParsedSeries {
  points: SeriesPoint[];
  /** The line each point came from, for messages about a point. */
  lines: number[];
  errors: SeriesError[];
  /** True when the first line was taken as column names. */
  header: boolean;
}

const periodNames = ['period', 'period_start', 'date', 'month', 'week', 'day', 'start'];
const valueNames = ['value', 'values', 'y', 'measure', 'result'];

/** splitLine splits one line by tab, comma or semicolon (whichever it uses), honouring quotes. */
export function splitLine(line: string): string[] {
  const delimiter = line.includes('\t') ? '\t' : line.includes(',') ? ',' : line.includes(';') ? ';' : null;
  if (delimiter === null) return line.trim().split(/\s+/);
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      out.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  out.push(cell.trim());
  return out;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function validDate(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * parseDate reads YYYY-MM-DD (or an ISO date-time), DD/MM/YYYY as written
 * in the UK, YYYY-MM (a month) and "Mar 2026" / "March 2026", and returns
 * YYYY-MM-DD, or null.
 */
export function parseDate(text: string): string | null {
  const s = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(s);
  if (m) return validDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m) return validDate(Number(m[1]), Number(m[2]), 1);
  m = /^([A-Za-z]{3,9})[ -](\d{4})$/.exec(s);
  if (m) {
    const idx = monthNames.indexOf((m[1] ?? '').slice(0, 3).toLowerCase());
    if (idx >= 0) return validDate(Number(m[2]), idx + 1, 1);
  }
  return null;
}

/**
 * parseValue reads a number as people write one in a spreadsheet
 * ("99.5", "99.5%", "1,234", "−3"); empty (or "NA", "-") is a missing
 * value (null); anything else is undefined.
 */
export function parseValue(text: string): number | null | undefined {
  const s = text.trim().replace(/^"|"$/g, '');
  if (s === '' || /^(na|n\/a|null|-|—)$/i.test(s)) return null;
  const cleaned = s.replace(/%$/, '').replace(/(\d),(?=\d{3}\b)/g, '$1').replace(/^[−–]/, '-').trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return undefined;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : undefined;
}

function columnsFromHeader(cells: string[]): { period: number; value: number } | null {
  const lower = cells.map((c) => c.toLowerCase().replace(/^"|"$/g, '').trim());
  const period = lower.findIndex((c) => periodNames.includes(c));
  const value = lower.findIndex((c) => valueNames.includes(c));
  if (period >= 0 && value >= 0) return { period, value };
  return null;
}

/**
 * parseSeries reads pasted text or a CSV file into points. The first line is
 * a header when its columns are not a date and a number; a header naming
 * `period` (or date, month…) and `value` columns picks them, otherwise the
 * first two columns are used. Blank lines are skipped. Points are returned
 * in the order given: the server checks that periods increase.
 */
export function parseSeries(text: string): ParsedSeries {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const points: SeriesPoint[] = [];
  const pointLines: number[] = [];
  const errors: SeriesError[] = [];
  let cols = { period: 0, value: 1 };
  let header = false;
  let seenFirst = false;
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    if (raw.trim() === '') return;
    const cells = splitLine(raw);
    if (!seenFirst) {
      seenFirst = true;
      const named = columnsFromHeader(cells);
      if (named) {
        cols = named;
        header = true;
        return;
      }
      if (parseDate(cells[0] ?? '') === null && parseValue(cells[1] ?? '') === undefined) {
        header = true;
        return;
      }
    }
    const periodText = cells[cols.period] ?? '';
    const valueText = cells[cols.value] ?? '';
    const period = parseDate(periodText);
    const value = parseValue(valueText);
    if (period === null) {
      errors.push({ line: lineNo, message: `Line ${lineNo}: “${periodText}” is not a date. Write dates as YYYY-MM-DD or DD/MM/YYYY.` });
      return;
    }
    if (value === undefined) {
      errors.push({ line: lineNo, message: `Line ${lineNo}: “${valueText}” is not a number.` });
      return;
    }
    points.push({ period, value });
    pointLines.push(lineNo);
  });
  return { points, lines: pointLines, errors, header };
}

/** parseDateList reads dates separated by commas, spaces or new lines. */
export function parseDateList(text: string): { dates: string[]; invalid: string[] } {
  const dates: string[] = [];
  const invalid: string[] = [];
  for (const part of text.split(/[\s,;]+/)) {
    if (part === '') continue;
    const d = parseDate(part);
    if (d === null) invalid.push(part);
    else dates.push(d);
  }
  return { dates, invalid };
}

/** A field error as the API reports it ({field, message}). */
export interface ApiFieldError {
  field: string;
  message: string;
}

/**
 * pointErrorsToLines rewrites the API's errors about single points
 * (`points[3].period`) as errors on the pasted data, naming the line the
 * point came from, so the error summary links to the box to correct.
 */
export function pointErrorsToLines(errors: readonly ApiFieldError[], lines: readonly number[], field = 'points'): ApiFieldError[] {
  return errors.map((e) => {
    const m = /^points\[(\d+)\]\.(period|value)$/.exec(e.field);
    if (!m) return e.field === 'points' ? { field, message: `Your data ${e.message}` } : e;
    const index = Number(m[1]);
    const line = lines[index];
    const where = line === undefined ? `Point ${index + 1}` : `Line ${line}`;
    return { field, message: `${where}: the ${m[2]} ${e.message}` };
  });
}
