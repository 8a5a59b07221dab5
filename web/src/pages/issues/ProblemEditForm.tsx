import { useState, type FormEvent } from 'react';
import { useUpdateProblem, type ITProblem } from '../../api/issues';
import { fieldMessages, validationProblem, type FieldError, type Problem } from '../../api/problem';
import ErrorSummary from '../../components/ErrorSummary';
import { identifierMessage, patientIdentifier } from './patientIdentifiers';
import SelectField from '../../components/SelectField';
import TextArea from '../../components/TextArea';

interface Props {
  problem: ITProblem;
}

/** ProblemEditForm lets a triager record a problem's root cause and known workaround, and resolve it. */
export default function ProblemEditForm({ problem }: Props) {
  const update = useUpdateProblem(problem.id);
  const [rootCause, setRootCause] = useState(problem.root_cause);
  const [workaround, setWorkaround] = useState(problem.known_workaround);
  const [status, setStatus] = useState<string>(problem.status);
  const [error, setError] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldError[] = [];
    for (const [field, label, value] of [
      ['root_cause', 'Root cause', rootCause],
      ['known_workaround', 'Known workaround', workaround],
    ] as const) {
      const kind = patientIdentifier(value);
      if (kind) errors.push({ field, message: identifierMessage(kind, label) });
    }
    if (errors.length > 0) {
      setError(validationProblem(errors));
      return;
    }
    update.mutate(
      {
        version: problem.version,
        body: { root_cause: rootCause, known_workaround: workaround, status: status === 'resolved' ? 'resolved' : 'open' },
      },
      {
        onSuccess: () => {
          setError(null);
          setSaved(true);
        },
        onError: (err) => setError(err.problem),
      },
    );
  }

  const inline = fieldMessages(error);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="problem-edit-heading">
      <h2 id="problem-edit-heading">Update this problem</h2>
      {error && <ErrorSummary problem={error} options={{ fallbackField: 'root_cause' }} />}
      {saved && !error && (
        <p role="status" className="nhsuk-body">
          Saved.
        </p>
      )}
      <TextArea id="root_cause" label="Root cause" value={rootCause} error={inline.root_cause} onChange={(e) => { setRootCause(e.target.value); setSaved(false); }} />
      <TextArea
        id="known_workaround"
        label="Known workaround"
        hint="What clinicians can do until it is fixed"
        value={workaround}
        error={inline.known_workaround}
        onChange={(e) => { setWorkaround(e.target.value); setSaved(false); }}
      />
      <SelectField
        id="problem-status"
        label="Status"
        options={[
          { value: 'open', label: 'Open' },
          { value: 'resolved', label: 'Resolved' },
        ]}
        value={status}
        onChange={(e) => { setStatus(e.target.value); setSaved(false); }}
      />
      <button className="nhsuk-button" type="submit" disabled={update.isPending}>
        Save problem
      </button>
    </form>
  );
}
