import { describe, expect, it } from 'vitest';
import {
  assuranceText,
  axisLabel,
  formatPeriod,
  formatValue,
  indexScale,
  labelIndexes,
  linearScale,
  markerIndex,
  mdcColours,
  niceTicks,
  pointColour,
  segmentRuns,
  spanText,
  specialCauseSentence,
  stackRows,
  valueDomain,
  valuePaths,
  variationText,
  type ChartPoint,
} from './spc';

function pt(period: string, value: number | null, segment = 0, extra: Partial<ChartPoint> = {}): ChartPoint {
  return {
    period,
    value,
    segment,
    mean: 10,
    lower_limit: 5,
    upper_limit: 15,
    special_cause: null,
    point_type: 'common_cause',
    ...extra,
  };
}

describe('scales', () => {
  it('maps a domain linearly onto a range, flipping for y', () => {
    const y = linearScale([0, 100], [300, 0]);
    expect(y(0)).toBe(300);
    expect(y(100)).toBe(0);
    expect(y(25)).toBe(225);
  });

  it('puts a zero-width domain in the middle', () => {
    expect(linearScale([5, 5], [0, 10])(5)).toBe(5);
  });

  it('spaces points evenly, half a step in from each edge', () => {
    const { x, step } = indexScale(4, [0, 400]);
    expect(step).toBe(100);
    expect([0, 1, 2, 3].map(x)).toEqual([50, 150, 250, 350]);
  });

  it('makes the y domain hold values, limits and the threshold and target lines', () => {
    const [lo, hi] = valueDomain([pt('2025-01-01', 10), pt('2025-02-01', 12)], [20, null, undefined]);
    expect(lo).toBeLessThan(5);
    expect(hi).toBeGreaterThan(20);
  });

  it('gives a constant series some height', () => {
    const points = [pt('2025-01-01', 7, 0, { mean: 7, lower_limit: null, upper_limit: null })];
    const [lo, hi] = valueDomain(points);
    expect(lo).toBeLessThan(7);
    expect(hi).toBeGreaterThan(7);
    expect(valueDomain([])).toEqual([0, 1]);
  });

  it('keeps the padding of a percentage within 0 to 100, but never hides a value or line', () => {
    const full = [pt('2025-01-01', 100, 0, { mean: 100, lower_limit: null, upper_limit: null })];
    expect(valueDomain(full, [], [0, 100])).toEqual([90, 100]);
    const over = [pt('2025-01-01', 99.9, 0, { mean: 99.9, lower_limit: 99.7, upper_limit: 100.1 })];
    const [, hi] = valueDomain(over, [], [0, 100]);
    expect(hi).toBe(100.1);
  });

  it('chooses round ticks', () => {
    expect(niceTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(99.81, 100.02, 4)).toEqual([99.85, 99.9, 99.95, 100]);
    expect(niceTicks(3, 3)).toEqual([3]);
  });

  it('labels at most the number of x positions asked for, evenly', () => {
    expect(labelIndexes(5, 10)).toEqual([0, 1, 2, 3, 4]);
    expect(labelIndexes(24, 6)).toEqual([0, 5, 10, 15, 20]);
    expect(labelIndexes(0, 6)).toEqual([]);
  });
});

describe('segments', () => {
  it('groups consecutive points by segment, so limits restart at each rebase', () => {
    const points = [
      pt('2025-01-01', 1, 0, { mean: 2, lower_limit: 0, upper_limit: 4 }),
      pt('2025-02-01', 2, 0, { mean: 2, lower_limit: 0, upper_limit: 4 }),
      pt('2025-03-01', 3, 0, { mean: 2, lower_limit: 0, upper_limit: 4 }),
      pt('2025-04-01', 9, 1, { mean: 9, lower_limit: 8, upper_limit: 10 }),
      pt('2025-05-01', 9, 1, { mean: 9, lower_limit: 8, upper_limit: 10 }),
    ];
    const segments = [
      { start: '2025-01-01', points: 3, mean: 2, lower_limit: 0, upper_limit: 4, short: true },
      { start: '2025-04-01', points: 2, mean: 9, lower_limit: 8, upper_limit: 10, short: true },
    ];
    expect(segmentRuns(points, segments)).toEqual([
      { segment: 0, first: 0, last: 2, mean: 2, lower: 0, upper: 4, short: true },
      { segment: 1, first: 3, last: 4, mean: 9, lower: 8, upper: 10, short: true },
    ]);
  });

  it('falls back to the points when segments are not given', () => {
    const runs = segmentRuns([pt('2025-01-01', 1), pt('2025-02-01', 2)]);
    expect(runs).toEqual([{ segment: 0, first: 0, last: 1, mean: 10, lower: 5, upper: 15, short: false }]);
  });

  it('breaks the value line at a missing value and at a segment boundary', () => {
    const points = [pt('a', 1), pt('b', 2), pt('c', null), pt('d', 3), pt('e', 4), pt('f', 5, 1), pt('g', 6, 1)];
    const paths = valuePaths(points, (i) => i, (v) => v);
    expect(paths).toEqual(['M0,1L1,2', 'M3,3L4,4', 'M5,5L6,6']);
  });

  it('places a dated mark on the last period starting on or before it', () => {
    const points = [{ period: '2025-01-01' }, { period: '2025-02-01' }, { period: '2025-03-01' }];
    expect(markerIndex(points, '2025-02-01')).toBe(1);
    expect(markerIndex(points, '2025-02-14')).toBe(1);
    expect(markerIndex(points, '2026-01-01')).toBe(2);
    expect(markerIndex(points, '2024-12-31')).toBeNull();
    expect(markerIndex([], '2025-01-01')).toBeNull();
  });
});

describe('marks', () => {
  it('stacks badges that would overlap into rows', () => {
    expect(stackRows([10, 40, 45, 50, 90], 20)).toEqual([0, 0, 1, 2, 0]);
    expect(stackRows([], 20)).toEqual([]);
  });
});

describe('colours and words', () => {
  it('colours points the Making Data Count way', () => {
    expect(pointColour('improvement')).toBe('#00B0F0');
    expect(pointColour('concern')).toBe('#E46C0A');
    expect(pointColour('common_cause')).toBe('#A6A6A6');
    expect(pointColour('neutral_high')).toBe('#490092');
    expect(pointColour('neutral_low')).toBe(mdcColours.neutral);
  });

  it('says what the icons mean', () => {
    expect(variationText('improvement_low')).toMatch(/^Special cause variation — improvement/);
    expect(variationText('concern_high')).toMatch(/concern/);
    expect(variationText('common_cause')).toMatch(/^Common cause/);
    expect(assuranceText('pass')).toBe('Assurance: the process will consistently pass the threshold.');
    expect(assuranceText('fail', 'the target')).toBe('Assurance: the process will consistently fail the target.');
    expect(assuranceText('inconsistent')).toMatch(/hit and miss/);
    expect(assuranceText(null)).toMatch(/not assessed/);
  });

  it('counts special-cause points in words', () => {
    expect(specialCauseSentence([pt('a', 1)])).toBe('No point shows special cause variation.');
    expect(
      specialCauseSentence([
        pt('a', 1, 0, { point_type: 'improvement' }),
        pt('b', 1, 0, { point_type: 'improvement' }),
        pt('c', 1, 0, { point_type: 'concern' }),
      ]),
    ).toBe('Special cause variation shows in 2 points of improvement and 1 point of concern.');
  });

  it('says how long a series is', () => {
    expect(spanText([{ period: '2024-11-01' }, { period: '2026-10-01' }], 'month')).toBe('2 months, November 2024 to October 2026');
    expect(spanText([{ period: '2026-03-02' }, { period: '2026-03-09' }], 'week')).toBe('2 weeks, from the week of 2 March 2026 to the week of 9 March 2026');
    expect(spanText([{ period: '2026-03-02' }], undefined)).toBe('1 period, 2 March 2026');
    expect(spanText([], 'day')).toBe('No periods');
  });

  it('writes periods and values for people', () => {
    expect(formatPeriod('2026-03-01', 'month')).toBe('March 2026');
    expect(formatPeriod('2026-03-02', 'week')).toBe('Week of 2 March 2026');
    expect(formatPeriod('2026-03-02', 'day', true)).toBe('2 Mar 2026');
    expect(axisLabel('2026-03-01', 'month')).toBe('Mar 26');
    expect(formatValue(99.934, 'percent')).toBe('99.93%');
    expect(formatValue(11.5, 'seconds')).toBe('11.5 s');
    expect(formatValue(null, 'seconds')).toBe('');
    expect(formatValue(1234.5, 'count')).toBe('1,235');
  });
});
