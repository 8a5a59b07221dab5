// Words for improvement work: stages, decisions, roles, statuses and dates.
import type { ActionStatus, CycleStage, ReviewDecision } from '../../api/improvement';
import { formatValue } from '../../lib/spc';

export const stages: readonly CycleStage[] = ['plan', 'do', 'study', 'act', 'closed', 'abandoned'];

export const stageLabels: Record<CycleStage, string> = {
  plan: 'Plan',
  do: 'Do',
  study: 'Study',
  act: 'Act',
  closed: 'Closed',
  abandoned: 'Abandoned',
};

/** stageTagClass is the NHS.UK tag colour of a stage. */
export const stageTagClass: Record<CycleStage, string> = {
  plan: 'nhsuk-tag--grey',
  do: 'nhsuk-tag--blue',
  study: 'nhsuk-tag--purple',
  act: 'nhsuk-tag--orange',
  closed: 'nhsuk-tag--green',
  abandoned: 'nhsuk-tag--red',
};

/** What a transition button says. */
export const transitionVerbs: Record<CycleStage, string> = {
  plan: 'Back to Plan',
  do: 'Start Do',
  study: 'Move to Study',
  act: 'Move to Act',
  closed: 'Close the cycle',
  abandoned: 'Abandon the cycle',
};

export const decisionLabels: Record<'adopt' | 'adapt' | 'abandon', string> = {
  adopt: 'Adopt',
  adapt: 'Adapt',
  abandon: 'Abandon',
};

export const decisionHints: Record<'adopt' | 'adapt' | 'abandon', string> = {
  adopt: "Keep the change. The outcome standards' SPC limits are recalculated from the change.",
  adapt: 'Change it and test again: starts the next cycle of this ramp, filled in from this one.',
  abandon: 'Stop: the change did not work or is no longer needed.',
};

export const roleLabels: Record<'outcome' | 'process' | 'balancing', string> = {
  outcome: 'Outcome',
  process: 'Process',
  balancing: 'Balancing',
};

export const directionLabels: Record<'increase' | 'decrease' | 'no_change', string> = {
  increase: 'Increase',
  decrease: 'Decrease',
  no_change: 'No change',
};

export const verdictLabels: Record<string, string> = {
  supports_prediction: 'Supports the prediction',
  contradicts_prediction: 'Contradicts the prediction',
  mixed: 'Mixed: signals both ways',
  no_signal: 'No signal since the change (common-cause variation only)',
  no_prediction: 'Signals, but nothing was predicted',
  no_data: 'Not enough data yet',
};

/** What the points of each special-cause rule are, after "3 points". */
export const ruleLabels: Record<string, string> = {
  outside_limits: 'outside the limits',
  trend: 'in a trend',
  two_of_three: 'near a limit (two of three)',
  shift: 'in a shift (a run of 7 or more)',
};

export const actionStatusLabels: Record<ActionStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
};

export const actionStatusTagClass: Record<ActionStatus, string> = {
  open: 'nhsuk-tag--blue',
  in_progress: 'nhsuk-tag--yellow',
  done: 'nhsuk-tag--green',
  cancelled: 'nhsuk-tag--grey',
};

export const reviewDecisionLabels: Record<ReviewDecision, string> = {
  approved: 'Approved',
  changes_requested: 'Changes requested',
  noted: 'Noted',
  escalated: 'Escalated',
};

export const reasonLabels: Record<string, string> = {
  awaiting_study_sign_off: 'Awaiting Study sign-off',
  awaiting_act_decision: 'Awaiting an Act decision',
  newly_breached: 'Newly breached its threshold',
  special_cause_concern: 'Special-cause concern',
  missing_data: 'Missing data',
  overdue: 'Overdue',
};

/** formatDay writes a YYYY-MM-DD day as "12 March 2025". */
export function formatDay(day: string | null | undefined): string {
  if (!day) return 'Not set';
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** formatDateTime writes an RFC 3339 time in the user's zone, as "12 March 2025, 14:05". */
export function formatDateTime(at: string): string {
  const d = new Date(at);
  return `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}, ${d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`;
}

/** withUnit writes a value in its unit ("99.45%", "11 s"), or a dash for none. */
export function withUnit(v: number | null | undefined, unit: string, digits = 3): string {
  return formatValue(v, unit, digits) || '–';
}

/** predictionText says what was predicted: "Decrease by 10 s", "No change within 0.5 s". */
export function predictionText(m: { predicted_direction: 'increase' | 'decrease' | 'no_change' | null; predicted_change: number | null; unit: string }): string {
  if (!m.predicted_direction) return 'Not predicted yet';
  const size = m.predicted_change === null ? '' : ` ${m.predicted_direction === 'no_change' ? 'within' : 'by'} ${withUnit(m.predicted_change, m.unit)}`;
  return `${directionLabels[m.predicted_direction]}${size}`;
}
