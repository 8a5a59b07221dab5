import { useState } from 'react';
import { useTransition, type Issue, type IssueStatus } from '../../api/issues';
import type { Problem } from '../../api/problem';
import { formatDate, transitionVerbs } from './labels';
import TextArea from '../../components/TextArea';

interface Props {
  issue: Issue;
  /** Whether the user triages reports (otherwise they can only reopen their own). */
  triager: boolean;
  onProblem: (p: Problem | null) => void;
}

/**
 * TransitionForm offers the status moves the user may make now: a triager's
 * next steps, or a reporter's reopening of a resolved report within 14 days.
 * An optional note goes on the timeline and to the reporter.
 */
export default function TransitionForm({ issue, triager, onProblem }: Props) {
  const move = useTransition(issue.id);
  const [note, setNote] = useState('');
  if (issue.allowed_transitions.length === 0) return null;

  function go(to: IssueStatus) {
    move.mutate(
      { to, ...(note.trim() !== '' ? { note: note.trim() } : {}) },
      {
        onSuccess: () => {
          setNote('');
          onProblem(null);
        },
        onError: (err) => onProblem(err.problem),
      },
    );
  }

  return (
    <div className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m">{triager ? 'Move this report on' : 'Not fixed after all?'}</h2>
        {issue.status === 'resolved' && issue.reopen_until && issue.you_reported && (
          <p>You can reopen it until {formatDate(issue.reopen_until)}.</p>
        )}
        <TextArea
          id="transition-note"
          label="Note (optional)"
          hint="Goes on the timeline, and to the reporter with the new status. Do not include patient details."
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <div className="nhsuk-button-group">
          {issue.allowed_transitions.map((to, i) => (
            <button
              key={to}
              type="button"
              className={`nhsuk-button${i > 0 ? ' nhsuk-button--secondary' : ''}`}
              disabled={move.isPending}
              onClick={() => go(to)}
            >
              {issue.status === 'resolved' && to === 'in_progress' ? 'Reopen report' : transitionVerbs[to]}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
