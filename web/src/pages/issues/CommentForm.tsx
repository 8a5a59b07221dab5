import { useState, type FormEvent } from 'react';
import { useAddComment } from '../../api/issues';
import { fieldMessages, validationProblem, type Problem } from '../../api/problem';
import ErrorSummary from '../../components/ErrorSummary';
import { identifierMessage, patientIdentifier } from './patientIdentifiers';
import TextArea from '../../components/TextArea';

interface Props {
  issueId: string;
}

/** CommentForm adds to a report's thread, screening the text for patient identifiers first. */
export default function CommentForm({ issueId }: Props) {
  const add = useAddComment(issueId);
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = body.trim();
    const kind = patientIdentifier(text);
    if (text === '') {
      setProblem(validationProblem([{ field: 'comment-body', message: 'Enter a comment' }]));
      return;
    }
    if (kind) {
      setProblem(validationProblem([{ field: 'comment-body', message: identifierMessage(kind, 'Your comment') }]));
      return;
    }
    add.mutate(text, {
      onSuccess: () => {
        setBody('');
        setProblem(null);
      },
      onError: (err) => setProblem(err.problem),
    });
  }

  const inline = fieldMessages(problem, { body: 'comment-body' });
  return (
    <form onSubmit={submit} noValidate>
      {problem && <ErrorSummary problem={problem} options={{ fieldIds: { body: 'comment-body' }, fallbackField: 'comment-body' }} />}
      <TextArea
        id="comment-body"
        label="Add a comment"
        hint="The reporter and the IT team can read it. Do not include patient details."
        value={body}
        error={inline['comment-body']}
        rows={3}
        onChange={(e) => setBody(e.target.value)}
      />
      <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={add.isPending}>
        Add comment
      </button>
    </form>
  );
}
