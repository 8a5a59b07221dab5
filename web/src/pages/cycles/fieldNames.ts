// The cycles service words its field errors as the end of a sentence
// ("is required before Study: what was observed"), to follow the field's
// name. Next to an input the label says which field; in the error summary
// nothing does, so the name is put in front there.
import type { Problem } from '../../api/problem';

const names: Record<string, string> = {
  title: 'Title',
  aim: 'Aim',
  change_idea: 'Change idea',
  owner_id: 'Owner',
  team: 'Team',
  plan: 'Plan',
  planned_start: 'Planned start',
  planned_end: 'Planned end',
  measures: 'The plan',
  do_started_on: 'Change introduced on (Do start)',
  do_notes: 'What happened',
  observations: 'Observations',
  study_summary: 'Summary of the results against the predictions',
  decision: 'Decision',
  rationale: 'Rationale',
  note: 'Note',
};

const measureFields: Record<string, string> = {
  standard_id: 'standard',
  role: 'role',
  predicted_direction: 'predicted direction',
  predicted_change: 'predicted size of the change',
};

/** fieldName is what the form calls an API field, or null if it has no name here. */
export function fieldName(field: string): string | null {
  const m = /^measures\[(\d+)\]\.(\w+)$/.exec(field);
  if (m) {
    const what = measureFields[m[2] ?? ''];
    return what ? `Measure ${Number(m[1]) + 1}: ${what}` : null;
  }
  return names[field] ?? null;
}

/**
 * withFieldNames puts each field's name in front of a message that starts in
 * lower case, so every line of the error summary is a sentence on its own.
 */
export function withFieldNames(problem: Problem): Problem {
  if (!problem.errors?.length) return problem;
  return {
    ...problem,
    errors: problem.errors.map((e) => {
      const name = fieldName(e.field);
      return name && /^[a-z]/.test(e.message) ? { ...e, message: `${name} ${e.message}` } : e;
    }),
  };
}
