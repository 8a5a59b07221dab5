// Words for reports: statuses, LFPSE harm levels, times and durations.
import type { Harm, IssueStatus } from '../../api/issues';

export const statusLabels: Record<IssueStatus, string> = {
  new: 'New',
  triaged: 'Triaged',
  in_progress: 'In progress',
  resolved: 'Resolved',
  closed: 'Closed',
};

/** statusTagClass is the NHS.UK tag colour for a status. */
export const statusTagClass: Record<IssueStatus, string> = {
  new: 'nhsuk-tag--blue',
  triaged: 'nhsuk-tag--purple',
  in_progress: 'nhsuk-tag--yellow',
  resolved: 'nhsuk-tag--green',
  closed: 'nhsuk-tag--grey',
};

/** What a triager's button says for each move. */
export const transitionVerbs: Record<IssueStatus, string> = {
  new: 'Mark as new',
  triaged: 'Mark as triaged',
  in_progress: 'Start work',
  resolved: 'Mark as resolved',
  closed: 'Close report',
};

export const harmLevels: readonly Harm[] = ['none', 'low', 'moderate', 'severe', 'fatal'];

export interface HarmWording {
  label: string;
  hint: string;
}

// The Learn from Patient Safety Events (LFPSE) levels, in plain words.
export const physicalHarm: Record<Harm, HarmWording> = {
  none: { label: 'No physical harm', hint: 'No patient was physically harmed.' },
  low: { label: 'Low physical harm', hint: 'Minimal harm: extra observation, first aid or minor treatment.' },
  moderate: {
    label: 'Moderate physical harm',
    hint: 'Short-term harm needing further treatment or a longer stay, lasting up to a month.',
  },
  severe: { label: 'Severe physical harm', hint: 'Permanent or long-term harm, lasting more than a month.' },
  fatal: { label: 'Fatal', hint: 'A patient died, and the problem may have played a part.' },
};

export const psychologicalHarm: Record<Harm, HarmWording> = {
  none: { label: 'No psychological harm', hint: 'No patient was distressed by it.' },
  low: { label: 'Low psychological harm', hint: 'Minimal distress, lasting less than a month.' },
  moderate: { label: 'Moderate psychological harm', hint: 'Significant distress lasting more than a month.' },
  severe: { label: 'Severe psychological harm', hint: 'Permanent or long-term psychological harm.' },
  fatal: { label: 'Fatal', hint: 'A patient died, and the distress caused may have played a part.' },
};

/** worseHarm is the worse of a report's two harms, for short summaries. */
export function worseHarm(physical: Harm, psychological: Harm): Harm {
  return harmLevels.indexOf(physical) >= harmLevels.indexOf(psychological) ? physical : psychological;
}

export function harmSummary(physical: Harm, psychological: Harm): string {
  if (physical === 'none' && psychological === 'none') return 'No harm';
  const parts: string[] = [];
  if (physical !== 'none') parts.push(physicalHarm[physical].label);
  if (psychological !== 'none') parts.push(psychologicalHarm[psychological].label);
  return parts.join(', ');
}

const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});
const dateOnly = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** formatDateTime says when, as people in a UK hospital read it: 12 March 2026 at 09:05. */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso)).replace(', ', ' at ');
}

export function formatDate(iso: string): string {
  return dateOnly.format(new Date(iso));
}

/** formatMinutes says a number of minutes in hours and minutes. */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = `${h} ${h === 1 ? 'hour' : 'hours'}`;
  return m === 0 ? hours : `${hours} ${m} ${m === 1 ? 'minute' : 'minutes'}`;
}
