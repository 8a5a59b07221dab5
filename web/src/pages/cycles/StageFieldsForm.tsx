import { useState, type FormEvent, type ReactNode } from 'react';
import { useUpdateCycle, type Cycle, type CycleRequest } from '../../api/improvement';
import type { Problem } from '../../api/problem';

interface Props {
  cycle: Cycle;
  /** The body to send, built from the form's state. */
  body: () => CycleRequest;
  submitLabel: string;
  onProblem: (p: Problem | null) => void;
  children: ReactNode;
}

/** StageFieldsForm saves one stage's fields of a cycle, at the version shown. */
export default function StageFieldsForm({ cycle, body, submitLabel, onProblem, children }: Props) {
  const update = useUpdateCycle(cycle.id);
  const [saved, setSaved] = useState(false);
  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    update.mutate(
      { body: body(), version: cycle.version },
      {
        onSuccess: () => {
          onProblem(null);
          setSaved(true);
        },
        onError: (err) => onProblem(err.problem),
      },
    );
  }
  return (
    <form onSubmit={submit} noValidate>
      {children}
      <button className="nhsuk-button" type="submit" disabled={update.isPending}>
        {submitLabel}
      </button>
      {saved && (
        <p className="nhsuk-body" role="status">
          Saved.
        </p>
      )}
    </form>
  );
}
