// Words and numbers for the dashboard, supplier, accountability and
// transparency pages.
import type { ComplianceStatus } from '../../api/dashboard';

export const statusWords: Record<ComplianceStatus, string> = {
  met: 'Met',
  breached: 'Breached',
  excepted: 'Excepted',
  missing: 'Missing',
};

export const statusTagClass: Record<ComplianceStatus, string> = {
  met: 'nhsuk-tag--green',
  breached: 'nhsuk-tag--red',
  excepted: 'nhsuk-tag--grey',
  missing: 'nhsuk-tag--orange',
};

/** statusSymbol is the one-character mark of a compact matrix cell (the tag's word is its text equivalent). */
export const statusSymbol: Record<ComplianceStatus, string> = {
  met: '✓',
  breached: '✗',
  excepted: 'E',
  missing: '?',
};

const unitSuffix: Record<string, string> = {
  percent: '%',
  seconds: ' s',
  minutes: ' min',
  hours: ' h',
  days: ' d',
  count: '',
  number: '',
};

/** formatNumber shows at most two decimals, in the British way. */
export function formatNumber(v: number, digits = 2): string {
  return v.toLocaleString('en-GB', { maximumFractionDigits: digits });
}

/** formatValue shows a measured value with its unit ("99.93%", "11.2 s"); a missing one as a dash. */
export function formatValue(v: number | null | undefined, unit: string): string {
  if (v === null || v === undefined) return '–';
  return formatNumber(v) + (unitSuffix[unit] ?? '');
}

/** formatRate shows a ratio as a whole percentage; null as "no data". */
export function formatRate(r: number | null | undefined): string {
  if (r === null || r === undefined) return 'no data';
  return `${Math.round(r * 100)}%`;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** formatDay shows YYYY-MM-DD as "9 Mar 2026". */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return `${d} ${months[m - 1]} ${y}`;
}

/** formatPeriod names a period by its start: "Feb 2026", "week of 9 Mar 2026" or "9 Mar 2026". */
export function formatPeriod(start: string, period: string): string {
  if (period === 'month') {
    const [y, m] = start.split('-').map(Number);
    return y && m ? `${months[m - 1]} ${y}` : start;
  }
  if (period === 'week') return `week of ${formatDay(start)}`;
  return formatDay(start);
}

export const periodNoun: Record<string, string> = { day: 'days', week: 'weeks', month: 'months' };

export const categoryWords: Record<string, string> = {
  availability: 'Availability',
  performance: 'Performance',
  reliability: 'Reliability',
  security: 'Security',
  backup_recovery: 'Backup and recovery',
  clinician_experience: 'Clinician experience',
  service_support: 'Service support',
};

export const stageWords: Record<string, string> = {
  plan: 'Plan',
  do: 'Do',
  study: 'Study',
  act: 'Act',
  closed: 'Closed',
  abandoned: 'Abandoned',
};

export const harmWords: Record<string, string> = {
  none: 'No harm',
  low: 'Low harm',
  moderate: 'Moderate harm',
  severe: 'Severe harm',
  fatal: 'Fatal',
};

/** signed shows a change with its sign ("+2", "−1", "no change"). */
export function signed(n: number): string {
  if (n === 0) return 'no change';
  return n > 0 ? `+${n}` : `−${-n}`;
}

/** plural picks the word for n. */
export function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}
