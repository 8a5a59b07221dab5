// Words for the catalogue's codes, shared by the standards, systems and
// sites pages.
import type {
  Criticality,
  StandardCategory,
  StandardDirection,
  StandardPeriod,
  StandardRollup,
  StandardStatus,
  StandardUnit,
} from '../../api/standards';
import { formatValue, type Improvement } from '../../lib/spc';

export const categoryLabels: Record<StandardCategory, string> = {
  availability: 'Availability',
  performance: 'Performance',
  reliability: 'Reliability',
  security: 'Security',
  backup_recovery: 'Backup and recovery',
  clinician_experience: 'Clinician experience',
  service_support: 'Service support',
};

export const statusLabels: Record<StandardStatus, string> = {
  draft: 'Draft',
  active: 'Active',
  retired: 'Retired',
};

export const statusTagColours: Record<StandardStatus, string> = {
  draft: 'grey',
  active: 'blue',
  retired: 'white',
};

export const directionLabels: Record<StandardDirection, string> = {
  higher_is_better: 'Higher is better',
  lower_is_better: 'Lower is better',
  neither: 'Neither (no better direction)',
};

export const periodLabels: Record<StandardPeriod, string> = {
  day: 'Daily',
  week: 'Weekly (weeks start on Monday)',
  month: 'Monthly',
};

export const unitLabels: Record<StandardUnit, string> = {
  percent: 'Per cent',
  count: 'Count',
  seconds: 'Seconds',
  minutes: 'Minutes',
  hours: 'Hours',
  days: 'Days',
  number: 'Number',
};

export const rollupLabels: Record<StandardRollup, string> = {
  mean: 'Mean of the systems’ values',
  sum: 'Sum of the systems’ values',
  min: 'Lowest system value',
  max: 'Highest system value',
};

export const criticalityLabels: Record<Criticality, string> = {
  critical: 'Critical',
  high: 'High',
  standard: 'Standard',
};

export const criticalityTagColours: Record<Criticality, string> = {
  critical: 'red',
  high: 'orange',
  standard: 'grey',
};

/** improvementOf maps a standard's direction onto the SPC improvement. */
export function improvementOf(direction: StandardDirection): Improvement {
  return direction === 'higher_is_better' ? 'increase' : direction === 'lower_is_better' ? 'decrease' : 'neutral';
}

/** thresholdSentence says what the threshold means: "at least 99.9%". */
export function thresholdSentence(direction: StandardDirection, threshold: number, unit: StandardUnit): string {
  const v = formatValue(threshold, unit, 3);
  if (direction === 'higher_is_better') return `At least ${v}`;
  if (direction === 'lower_is_better') return `At most ${v}`;
  return `${v} (for reference)`;
}
