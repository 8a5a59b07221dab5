import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCreateAction } from '../../api/improvement';
import type { Problem } from '../../api/problem';
import ErrorSummary from '../../components/ErrorSummary';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import ActionForm from './ActionForm';

/** NewActionPage creates an improvement action. */
export default function NewActionPage({ title }: PageProps) {
  const create = useCreateAction();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<Problem | null>(null);
  usePageTitle(title, problem !== null);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {problem && <ErrorSummary problem={problem} />}
        <span className="nhsuk-caption-l">Actions</span>
        <h1>Add an action</h1>
        <ActionForm
          submitLabel="Add the action"
          pending={create.isPending}
          problem={problem}
          onSubmit={(body) =>
            create.mutate(body, { onSuccess: (a) => void navigate(`/actions/${a.id}`), onError: (e) => setProblem(e.problem) })
          }
        />
        <p>
          <Link to="/actions?view=all">Cancel</Link>
        </p>
      </div>
    </div>
  );
}
