import { ProblemError } from '../../api/problem';

interface Props {
  error: unknown;
  what: string;
  onRetry?: () => void;
}

/** LoadProblem explains that one of the dashboard's views could not be loaded. */
export default function LoadProblem({ error, what, onRetry }: Props) {
  const problem = error instanceof ProblemError ? error.problem : null;
  const text =
    problem?.status === 404
      ? `There is no ${what} here. It may have been renamed or removed.`
      : problem?.status === 422
        ? (problem.errors?.map((e) => e.message).join('; ') ?? `The ${what} could not be shown for these choices.`)
        : `The ${what} could not be loaded. Try again later.`;
  return (
    <div className="nhsuk-error-summary" aria-labelledby="load-problem-title" role="alert" tabIndex={-1}>
      <h2 className="nhsuk-error-summary__title" id="load-problem-title">
        There is a problem
      </h2>
      <div className="nhsuk-error-summary__body">
        <p>{text}</p>
        {onRetry && problem?.status !== 404 && (
          <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={onRetry}>
            Try again
          </button>
        )}
      </div>
    </div>
  );
}
