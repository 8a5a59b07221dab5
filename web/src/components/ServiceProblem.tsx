import type { Problem } from '../api/problem';

interface Props {
  problem: Problem | null;
  onRetry?: () => void;
}

/** ServiceProblem explains that something the page needs could not be loaded. */
export default function ServiceProblem({ problem, onRetry }: Props) {
  return (
    <>
      <h1>Sorry, there is a problem with the service</h1>
      <p>{problem?.status === 0 ? problem.detail : 'Try again later.'}</p>
      {onRetry && (
        <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </>
  );
}
