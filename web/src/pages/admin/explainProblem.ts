// The API's field errors are phrases ("is required", "must be at least 12
// characters"); the NHS error summary wants sentences that name the field.
import type { FieldError, Problem } from '../../api/problem';

/**
 * explainProblem turns a problem's field errors into sentences, naming each
 * field by its label ("Email address is required"), and folds list items
 * onto their list (`roles[0]` is `roles`), whose first input carries the
 * list's id. A detail without field errors gets a capital letter.
 */
export function explainProblem(problem: Problem, labels: Record<string, string>): Problem {
  if (!problem.errors || problem.errors.length === 0) {
    const d = problem.detail;
    return d ? { ...problem, detail: d.charAt(0).toUpperCase() + d.slice(1) } : problem;
  }
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const e of problem.errors) {
    const field = e.field.replace(/\[\d+\]$/, '');
    const label = labels[field];
    let message = e.message;
    if (/^[a-z]/.test(message)) {
      message = label ? `${label} ${message}` : message.charAt(0).toUpperCase() + message.slice(1);
    }
    const key = `${field}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push({ field, message });
  }
  return { ...problem, errors };
}
