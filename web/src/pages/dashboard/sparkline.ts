import type { DashboardJudged } from '../../api/dashboard';
import { formatValue, periodNoun, statusWords } from './format';

/** sparklineLabel is a sparkline's text equivalent: its span, range and findings. */
export function sparklineLabel(points: readonly DashboardJudged[], unit: string, period: string): string {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const n = points.length;
  const noun = n === 1 ? period : (periodNoun[period] ?? 'periods');
  if (values.length === 0) return `Last ${n} ${noun}: no values recorded.`;
  const first = values[0] as number;
  const last = values[values.length - 1] as number;
  const counts = new Map<string, number>();
  for (const p of points) counts.set(p.status, (counts.get(p.status) ?? 0) + 1);
  const findings = (['breached', 'excepted', 'missing'] as const)
    .filter((s) => counts.get(s))
    .map((s) => `${counts.get(s)} ${statusWords[s].toLowerCase()}`);
  return (
    `Last ${n} ${noun}: from ${formatValue(first, unit)} to ${formatValue(last, unit)}, ` +
    `lowest ${formatValue(Math.min(...values), unit)}, highest ${formatValue(Math.max(...values), unit)}` +
    (findings.length ? `; ${findings.join(', ')}.` : '; all met.')
  );
}
