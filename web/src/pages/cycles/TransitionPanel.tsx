import { useState } from 'react';
import { useTransitionCycle, type Cycle, type CycleStage } from '../../api/improvement';
import type { Problem } from '../../api/problem';
import { stageLabels, transitionVerbs } from './labels';
import TextArea from '../../components/TextArea';

interface Props {
  cycle: Cycle;
  onProblem: (p: Problem | null) => void;
}

/**
 * TransitionPanel moves a cycle on: to its next stage once that stage's
 * fields are there (it lists what is missing), or abandons it.
 */
export default function TransitionPanel({ cycle, onProblem }: Props) {
  const move = useTransitionCycle(cycle.id);
  const [note, setNote] = useState('');
  if (cycle.allowed_transitions.length === 0) return null;
  const next = cycle.allowed_transitions.find((s) => s !== 'abandoned');

  function go(to: CycleStage) {
    move.mutate(
      { to, note: note.trim() || undefined, version: cycle.version },
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
        <h2 className="nhsuk-card__heading nhsuk-heading-m">Move the cycle on</h2>
        {next && cycle.missing_for_next.length > 0 && (
          <>
            <p>Before {stageLabels[next]}, the cycle still needs:</p>
            <ul>
              {cycle.missing_for_next.map((m) => (
                <li key={m.field}>
                  <code>{m.field}</code>: {m.message}
                </li>
              ))}
            </ul>
          </>
        )}
        <TextArea
          id="transition-note"
          label="Note for the timeline (optional)"
          hint="For example, why the cycle is being abandoned."
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <div className="nhsuk-button-group">
          {cycle.allowed_transitions.map((to) => (
            <button
              key={to}
              type="button"
              className={`nhsuk-button${to === 'abandoned' ? ' nhsuk-button--warning' : ''}`}
              disabled={move.isPending}
              onClick={() => go(to)}
            >
              {transitionVerbs[to]}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
