import { describe, expect, it } from 'vitest';
import { parseDate, parseDateList, parseSeries, parseValue, pointErrorsToLines, splitLine } from './spcSeries';

describe('parseSeries', () => {
  it('reads two tab-separated columns pasted from a spreadsheet, with a header', () => {
    const r = parseSeries('Month\tValue\n2025-01-01\t97.2\n2025-02-01\t\n2025-03-01\t98%\n');
    expect(r.header).toBe(true);
    expect(r.errors).toEqual([]);
    expect(r.points).toEqual([
      { period: '2025-01-01', value: 97.2 },
      { period: '2025-02-01', value: null },
      { period: '2025-03-01', value: 98 },
    ]);
  });

  it('reads comma-separated lines without a header, and UK dates', () => {
    const r = parseSeries('01/01/2025,10\r\n01/02/2025,11.5\r\n\r\n');
    expect(r.header).toBe(false);
    expect(r.points).toEqual([
      { period: '2025-01-01', value: 10 },
      { period: '2025-02-01', value: 11.5 },
    ]);
  });

  it('picks the period and value columns of an exported measurements CSV', () => {
    const csv = 'standard,system,period_start,value,note\nAV-01,EPR,2025-01-01,99.93,"fine, all month"\nAV-01,EPR,2025-02-01,99.91,\n';
    const r = parseSeries(csv);
    expect(r.errors).toEqual([]);
    expect(r.points).toEqual([
      { period: '2025-01-01', value: 99.93 },
      { period: '2025-02-01', value: 99.91 },
    ]);
  });

  it('reports each line it cannot read, by line number', () => {
    const r = parseSeries('period,value\n2025-01-01,1\n2025-13-01,2\n2025-03-01,lots\n');
    expect(r.points).toEqual([{ period: '2025-01-01', value: 1 }]);
    expect(r.lines).toEqual([2]);
    expect(r.errors.map((e) => e.line)).toEqual([3, 4]);
    expect(r.errors[0]?.message).toMatch(/not a date/);
    expect(r.errors[1]?.message).toMatch(/not a number/);
  });

  it('reads space-separated columns and an empty paste', () => {
    expect(parseSeries('2025-01-01 5\n2025-01-02 6').points).toHaveLength(2);
    expect(parseSeries('  \n')).toEqual({ points: [], lines: [], errors: [], header: false });
  });
});

describe('cells', () => {
  it('splits quoted cells', () => {
    expect(splitLine('a,"b, c",d')).toEqual(['a', 'b, c', 'd']);
    expect(splitLine('a,"say ""hi""",d')).toEqual(['a', 'say "hi"', 'd']);
    expect(splitLine('x;1,5')).toEqual(['x;1', '5']);
  });

  it('reads dates in the forms people use', () => {
    expect(parseDate('2025-03-01')).toBe('2025-03-01');
    expect(parseDate('2025-03-01T00:00:00Z')).toBe('2025-03-01');
    expect(parseDate('1/3/2025')).toBe('2025-03-01');
    expect(parseDate('2025-03')).toBe('2025-03-01');
    expect(parseDate('March 2025')).toBe('2025-03-01');
    expect(parseDate('2025-02-30')).toBeNull();
    expect(parseDate('soon')).toBeNull();
  });

  it('reads values, treating blanks as missing', () => {
    expect(parseValue('1,234.5')).toBe(1234.5);
    expect(parseValue('−3')).toBe(-3);
    expect(parseValue('')).toBeNull();
    expect(parseValue('NA')).toBeNull();
    expect(parseValue('1e999')).toBeUndefined();
    expect(parseValue('12abc')).toBeUndefined();
  });

  it('reads a list of rebase dates', () => {
    expect(parseDateList('2025-07-01, 2025-09-01\n01/10/2025')).toEqual({
      dates: ['2025-07-01', '2025-09-01', '2025-10-01'],
      invalid: [],
    });
    expect(parseDateList('July').invalid).toEqual(['July']);
  });
});

describe('pointErrorsToLines', () => {
  it('names the pasted line of a point the server refused', () => {
    const errors = [
      { field: 'points[1].period', message: 'duplicates the previous period (2025-01-01)' },
      { field: 'points[9].value', message: 'must be a finite number or null' },
      { field: 'points', message: 'must have at most 10000 points, not 10001' },
      { field: 'baseline_points', message: 'must be at least 12' },
    ];
    expect(pointErrorsToLines(errors, [2, 3])).toEqual([
      { field: 'points', message: 'Line 3: the period duplicates the previous period (2025-01-01)' },
      { field: 'points', message: 'Point 10: the value must be a finite number or null' },
      { field: 'points', message: 'Your data must have at most 10000 points, not 10001' },
      { field: 'baseline_points', message: 'must be at least 12' },
    ]);
  });
});
