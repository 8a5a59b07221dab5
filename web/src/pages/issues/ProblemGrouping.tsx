import { useState } from 'react';
import { Link } from 'react-router';
import { useCreateProblem, useGroupIssue, useProblems, type Issue } from '../../api/issues';
import type { Problem } from '../../api/problem';
import TextInput from '../../components/TextInput';
import SelectField from '../../components/SelectField';

interface Props {
  issue: Issue;
  onProblem: (p: Problem | null) => void;
}

/**
 * ProblemGrouping lets a triager put a report under an open problem, record a
 * new problem for it, or take it out of its problem. A problem counts once;
 * each report still counts as experience.
 */
export default function ProblemGrouping({ issue, onProblem }: Props) {
  const problems = useProblems('open');
  const group = useGroupIssue();
  const create = useCreateProblem();
  const [chosen, setChosen] = useState('');
  const [newTitle, setNewTitle] = useState(issue.title);
  const done = { onSuccess: () => onProblem(null), onError: (err: { problem: Problem }) => onProblem(err.problem) };

  if (issue.problem) {
    const problemId = issue.problem.id;
    return (
      <div className="nhsuk-card">
        <div className="nhsuk-card__content">
          <h2 className="nhsuk-card__heading nhsuk-heading-m">Problem</h2>
          <p>
            Grouped under <Link to={`/problems/${problemId}`}>{issue.problem.name}</Link>.
          </p>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            disabled={group.isPending}
            onClick={() => group.mutate({ problemId, issueId: issue.id, remove: true }, done)}
          >
            Take it out of this problem
          </button>
        </div>
      </div>
    );
  }
  const open = problems.data?.items ?? [];
  return (
    <div className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m">Group under a problem</h2>
        <p>If other reports describe the same fault, group them: the problem counts once, each report still counts as time lost.</p>
        {open.length > 0 && (
          <>
            <SelectField
              id="problem-choice"
              label="An open problem"
              placeholder="Choose a problem"
              options={open.map((p) => ({ value: p.id, label: `${p.title} (${p.report_count} reports)` }))}
              value={chosen}
              onChange={(e) => setChosen(e.target.value)}
            />
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary"
              disabled={chosen === '' || group.isPending}
              onClick={() => group.mutate({ problemId: chosen, issueId: issue.id }, done)}
            >
              Add to this problem
            </button>
          </>
        )}
        <TextInput id="new-problem-title" label="Or record a new problem" value={newTitle} onChange={(e) => setNewTitle(e.target.value)} />
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          disabled={newTitle.trim() === '' || create.isPending}
          onClick={() =>
            create.mutate(
              { title: newTitle.trim(), issue_ids: [issue.id], ...(issue.system ? { system_id: issue.system.id } : {}) },
              done,
            )
          }
        >
          Record new problem
        </button>
      </div>
    </div>
  );
}
