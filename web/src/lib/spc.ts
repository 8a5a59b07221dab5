// Pure helpers behind the SPC chart (SPC.md): scales, segments, Making Data
// Count colours and the words that say what a chart shows.

export type PointType = 'improvement' | 'concern' | 'common_cause' | 'neutral_high' | 'neutral_low';
export type SpecialCause =
  | 'above_upper_limit'
  | 'below_lower_limit'
  | 'trend_increasing'
  | 'trend_decreasing'
  | 'two_of_three_above'
  | 'two_of_three_below'
  | 'run_above_mean'
  | 'run_below_mean';
export type Variation =
  | 'common_cause'
  | 'improvement_high'
  | 'improvement_low'
  | 'concern_high'
  | 'concern_low'
  | 'neutral_high'
  | 'neutral_low';
export type Assurance = 'pass' | 'fail' | 'inconsistent';
export type Improvement = 'increase' | 'decrease' | 'neutral';
export type Period = 'day' | 'week' | 'month';

/** ChartPoint is the part of an SPC point the chart draws. */
export interface ChartPoint {
  period: string;
  value: number | null;
  segment: number;
  mean: number | null;
  lower_limit: number | null;
  upper_limit: number | null;
  special_cause: SpecialCause | null;
  point_type: PointType;
}

/** ChartSegment is the part of an SPC segment the chart needs. */
export interface ChartSegment {
  start: string;
  points: number;
  mean: number | null;
  lower_limit: number | null;
  upper_limit: number | null;
  short: boolean;
}

/** Making Data Count colours, by point type. */
export const mdcColours = {
  improvement: '#00B0F0',
  concern: '#E46C0A',
  common_cause: '#A6A6A6',
  neutral: '#490092',
} as const;

/** pointColour is the MDC colour of a point of this type. */
export function pointColour(type: PointType): string {
  switch (type) {
    case 'improvement':
      return mdcColours.improvement;
    case 'concern':
      return mdcColours.concern;
    case 'neutral_high':
    case 'neutral_low':
      return mdcColours.neutral;
    default:
      return mdcColours.common_cause;
  }
}

/** pointTypeLabel names a point type in plain words. */
export function pointTypeLabel(type: PointType): string {
  switch (type) {
    case 'improvement':
      return 'Improvement';
    case 'concern':
      return 'Concern';
    case 'neutral_high':
      return 'Special cause (higher)';
    case 'neutral_low':
      return 'Special cause (lower)';
    default:
      return 'Common cause';
  }
}

const specialCauseLabels: Record<SpecialCause, string> = {
  above_upper_limit: 'Above the upper process limit',
  below_lower_limit: 'Below the lower process limit',
  trend_increasing: 'Rising trend (7 points)',
  trend_decreasing: 'Falling trend (7 points)',
  two_of_three_above: 'Two of three points near the upper limit',
  two_of_three_below: 'Two of three points near the lower limit',
  run_above_mean: 'Run of 7 points above the mean',
  run_below_mean: 'Run of 7 points below the mean',
};

/** specialCauseLabel says which rule flagged a point. */
export function specialCauseLabel(cause: SpecialCause | null): string {
  return cause === null ? '' : specialCauseLabels[cause];
}

/** variationText says in words what the variation icon shows. */
export function variationText(variation: Variation | null): string {
  switch (variation) {
    case 'common_cause':
      return 'Common cause variation: no significant change.';
    case 'improvement_high':
      return 'Special cause variation — improvement: values are higher than expected, and higher is better.';
    case 'improvement_low':
      return 'Special cause variation — improvement: values are lower than expected, and lower is better.';
    case 'concern_high':
      return 'Special cause variation — concern: values are higher than expected, and lower is better.';
    case 'concern_low':
      return 'Special cause variation — concern: values are lower than expected, and higher is better.';
    case 'neutral_high':
      return 'Special cause variation: values are higher than expected (neither direction is better).';
    case 'neutral_low':
      return 'Special cause variation: values are lower than expected (neither direction is better).';
    default:
      return 'Variation: not assessed, as there are no values.';
  }
}

/** variationShort is the variation icon's name, for a tag or a legend. */
export function variationShort(variation: Variation | null): string {
  switch (variation) {
    case 'common_cause':
      return 'Common cause';
    case 'improvement_high':
      return 'Improvement (high)';
    case 'improvement_low':
      return 'Improvement (low)';
    case 'concern_high':
      return 'Concern (high)';
    case 'concern_low':
      return 'Concern (low)';
    case 'neutral_high':
      return 'Special cause (high)';
    case 'neutral_low':
      return 'Special cause (low)';
    default:
      return 'Not assessed';
  }
}

/** assuranceText says in words what the assurance icon shows. */
export function assuranceText(assurance: Assurance | null, targetWord = 'the threshold'): string {
  switch (assurance) {
    case 'pass':
      return `Assurance: the process will consistently pass ${targetWord}.`;
    case 'fail':
      return `Assurance: the process will consistently fail ${targetWord}.`;
    case 'inconsistent':
      return `Assurance: the process will hit and miss ${targetWord} — it may pass or fail.`;
    default:
      return 'Assurance: not assessed (it needs a target and a direction of improvement).';
  }
}

/** assuranceShort is the assurance icon's name. */
export function assuranceShort(assurance: Assurance | null): string {
  switch (assurance) {
    case 'pass':
      return 'Consistently passing';
    case 'fail':
      return 'Consistently failing';
    case 'inconsistent':
      return 'Hit and miss';
    default:
      return 'Not assessed';
  }
}

/** Scale maps a value onto a pixel position. */
export type Scale = (v: number) => number;

/** linearScale maps [d0, d1] onto [r0, r1]; a zero-width domain maps to the middle. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/**
 * indexScale places n points evenly across [r0, r1], half a step in from
 * each edge, so the first and last points are not on the axes.
 */
export function indexScale(n: number, [r0, r1]: readonly [number, number]): { x: Scale; step: number } {
  const count = Math.max(n, 1);
  const step = (r1 - r0) / count;
  return { x: (i) => r0 + step * (i + 0.5), step };
}

/**
 * valueDomain is the y range that shows every value and every line drawn
 * (limits, threshold, target), with a little room above and below, but
 * not beyond `bounds`.
 */
export function valueDomain(
  points: readonly ChartPoint[],
  lines: readonly (number | null | undefined)[] = [],
  bounds?: readonly [number, number],
): [number, number] {
  const all: number[] = [];
  for (const p of points) {
    for (const v of [p.value, p.mean, p.lower_limit, p.upper_limit]) if (v !== null && Number.isFinite(v)) all.push(v);
  }
  for (const l of lines) if (l !== null && l !== undefined && Number.isFinite(l)) all.push(l);
  if (all.length === 0) return [0, 1];
  const min = Math.min(...all);
  const max = Math.max(...all);
  const pad = min === max ? (Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1) : (max - min) * 0.08;
  let lo = min - pad;
  let hi = max + pad;
  // Padding never goes past what the unit allows (0–100 for a percentage);
  // values and lines themselves are always shown.
  if (bounds) {
    lo = Math.max(lo, Math.min(bounds[0], min));
    hi = Math.min(hi, Math.max(bounds[1], max));
    if (lo === hi) return [lo - 1, hi + 1];
  }
  return [lo, hi];
}

/**
 * niceTicks picks about `count` round tick values (1, 2 or 5 × 10^k apart)
 * covering [lo, hi].
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi <= lo) return Number.isFinite(lo) ? [lo] : [];
  const raw = (hi - lo) / Math.max(count, 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm >= 7 ? 10 : norm >= 3 ? 5 : norm >= 1.5 ? 2 : 1) * mag;
  const start = Math.ceil(lo / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = start; v <= hi + step * 1e-9; v += step) ticks.push(roundTo(v, step));
  return ticks;
}

/** roundTo removes floating-point dust from a multiple of step. */
function roundTo(v: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(v.toFixed(Math.min(decimals, 12)));
}

/** SegmentRun is one segment's consecutive points: where its lines start and end. */
export interface SegmentRun {
  segment: number;
  first: number;
  last: number;
  mean: number | null;
  lower: number | null;
  upper: number | null;
  short: boolean;
}

/**
 * segmentRuns groups consecutive points of the same segment, so each
 * segment's mean and limits are drawn over its own points only and
 * restart at each rebase.
 */
export function segmentRuns(points: readonly ChartPoint[], segments: readonly ChartSegment[] = []): SegmentRun[] {
  const runs: SegmentRun[] = [];
  points.forEach((p, i) => {
    const last = runs[runs.length - 1];
    if (last && last.segment === p.segment) {
      last.last = i;
      last.mean ??= p.mean;
      last.lower ??= p.lower_limit;
      last.upper ??= p.upper_limit;
      return;
    }
    const seg = segments[p.segment];
    runs.push({
      segment: p.segment,
      first: i,
      last: i,
      mean: seg?.mean ?? p.mean,
      lower: seg?.lower_limit ?? p.lower_limit,
      upper: seg?.upper_limit ?? p.upper_limit,
      short: seg?.short ?? false,
    });
  });
  return runs;
}

/**
 * valuePaths is the SVG path of the value line, broken where a value is
 * missing (a gap, never a line across it) and at each segment boundary.
 */
export function valuePaths(points: readonly ChartPoint[], x: Scale, y: Scale): string[] {
  const paths: string[] = [];
  let current = '';
  let segment: number | null = null;
  points.forEach((p, i) => {
    if (p.value === null || p.segment !== segment) {
      if (current.includes('L')) paths.push(current);
      current = '';
      segment = p.segment;
      if (p.value === null) return;
    }
    const cmd = current === '' ? 'M' : 'L';
    current += `${cmd}${fmt(x(i))},${fmt(y(p.value))}`;
  });
  if (current.includes('L')) paths.push(current);
  return paths;
}

function fmt(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/**
 * markerIndex is where a dated mark goes: the last point whose period starts
 * on or before the date, or null when the date is outside the points.
 */
export function markerIndex(points: readonly { period: string }[], date: string): number | null {
  const first = points[0];
  if (!first || date < first.period) return null;
  let at = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (p && p.period <= date) at = i;
    else break;
  }
  return at;
}

/** labelIndexes picks at most `max` evenly spread indexes to label on the x axis. */
export function labelIndexes(n: number, max: number): number[] {
  if (n <= 0 || max <= 0) return [];
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const every = Math.ceil((n - 1) / Math.max(max - 1, 1));
  const out: number[] = [];
  for (let i = 0; i < n; i += every) out.push(i);
  return out;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthsLong = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** formatDate writes a YYYY-MM-DD date the NHS way: "3 March 2026" (or "3 Mar 2026"). */
export function formatDate(iso: string, short = false): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  const names = short ? months : monthsLong;
  return `${Number(d)} ${names[Number(mo) - 1] ?? mo} ${y}`;
}

/** formatPeriod names a period by its start: "March 2026", "week of 2 Mar 2026". */
export function formatPeriod(iso: string, period: Period | undefined, short = false): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  if (period === 'month') {
    const names = short ? months : monthsLong;
    return `${names[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
  }
  if (period === 'week' && !short) return `Week of ${formatDate(iso)}`;
  return formatDate(iso, short);
}

/** axisLabel is a short x-axis label for a period start. */
export function axisLabel(iso: string, period: Period | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const mon = months[Number(m[2]) - 1] ?? m[2];
  const yy = (m[1] ?? '').slice(2);
  if (period === 'month') return `${mon} ${yy}`;
  return `${Number(m[3])} ${mon} ${yy}`;
}

const unitSuffix: Record<string, string> = {
  percent: '%',
  seconds: ' s',
  minutes: ' min',
  hours: ' h',
  days: ' days',
};

/** formatNumber rounds for display: up to `digits` decimals, no trailing zeros. */
export function formatNumber(v: number, digits = 2): string {
  const abs = Math.abs(v);
  const d = abs >= 1000 ? 0 : abs >= 100 ? Math.min(digits, 1) : digits;
  return Number(v.toFixed(d)).toLocaleString('en-GB', { maximumFractionDigits: d });
}

/** formatValue adds the unit: "99.93%", "11.5 s", "4 h". */
export function formatValue(v: number | null | undefined, unit?: string, digits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '';
  return `${formatNumber(v, digits)}${unit ? (unitSuffix[unit] ?? '') : ''}`;
}

/** unitName is a unit in words, for an axis title. */
export function unitName(unit: string | undefined): string {
  switch (unit) {
    case 'percent':
      return 'per cent';
    case undefined:
    case '':
    case 'number':
      return '';
    default:
      return unit;
  }
}

/** SpecialCauseCounts counts the special-cause points of each kind. */
export interface SpecialCauseCounts {
  improvement: number;
  concern: number;
  neutral: number;
}

export function countSpecialCauses(points: readonly ChartPoint[]): SpecialCauseCounts {
  const c = { improvement: 0, concern: 0, neutral: 0 };
  for (const p of points) {
    if (p.value === null) continue;
    if (p.point_type === 'improvement') c.improvement++;
    else if (p.point_type === 'concern') c.concern++;
    else if (p.point_type === 'neutral_high' || p.point_type === 'neutral_low') c.neutral++;
  }
  return c;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** specialCauseSentence counts the coloured points in words. */
export function specialCauseSentence(points: readonly ChartPoint[]): string {
  const c = countSpecialCauses(points);
  const parts: string[] = [];
  if (c.improvement > 0) parts.push(`${plural(c.improvement, 'point')} of improvement`);
  if (c.concern > 0) parts.push(`${plural(c.concern, 'point')} of concern`);
  if (c.neutral > 0) parts.push(`${plural(c.neutral, 'special-cause point')} with no preferred direction`);
  if (parts.length === 0) return 'No point shows special cause variation.';
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `Special cause variation shows in ${list}.`;
}

/** shortSegments lists the segments with fewer than 13 points. */
export function shortSegments(segments: readonly ChartSegment[]): ChartSegment[] {
  return segments.filter((s) => s.short);
}

/**
 * stackRows gives each of a chart's marks a row, so badges that would
 * overlap (closer than `gap` pixels) sit one above the other. Marks are
 * taken in the order given; each goes in the lowest row with room.
 */
export function stackRows(xs: readonly number[], gap: number): number[] {
  const rowEnds: number[] = [];
  return xs.map((x) => {
    let row = rowEnds.findIndex((end) => x - end >= gap);
    if (row === -1) {
      row = rowEnds.length;
      rowEnds.push(x);
    } else rowEnds[row] = x;
    return row;
  });
}

const periodNouns: Record<Period, [string, string]> = { day: ['day', 'days'], week: ['week', 'weeks'], month: ['month', 'months'] };

/** spanText says how long a series is and when: "24 months, November 2024 to October 2026". */
export function spanText(points: readonly { period: string }[], period: Period | undefined): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return 'No periods';
  const [one, many] = period ? periodNouns[period] : ['period', 'periods'];
  const name = (iso: string) => (period === 'month' ? formatPeriod(iso, 'month') : formatDate(iso));
  const count = `${points.length} ${points.length === 1 ? one : many}`;
  if (first === last) return `${count}, ${period === 'week' ? 'the week of ' : ''}${name(first.period)}`;
  if (period === 'week') return `${count}, from the week of ${name(first.period)} to the week of ${name(last.period)}`;
  return `${count}, ${name(first.period)} to ${name(last.period)}`;
}
