import type { Problem } from '../api/problem';

interface Props {
  problem: Problem | null;
  onRetry?: () => void;
}

/** ServiceProblem explains that something the page needs could not be loaded. */
export default function ServiceProblem({ problem, onRetry }: Props) {
  if (problem?.status === 403) {
    return (
      <>
        <h1>Your account cannot use Assure at the moment</h1>
        <p>{problem.detail ?? 'Your account may have been deactivated.'}</p>
        <p>Ask the Assure administrator in your organisation to check your account.</p>
      </>
    );
  }
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
