import { Link } from 'react-router';
import { useProblems } from '../../api/issues';
import LoadingMessage from '../../components/LoadingMessage';
import ServiceProblem from '../../components/ServiceProblem';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import { formatMinutes } from './labels';

/** ProblemsPage lists problems, newest first, with what their reports add up to. */
export default function ProblemsPage({ title }: PageProps) {
  usePageTitle(title);
  const problems = useProblems();
  return (
    <>
      <h1>{title}</h1>
      <p>Each problem is one underlying fault. It counts once as a problem, and each of its reports counts as time lost.</p>
      {problems.isPending && <LoadingMessage />}
      {problems.isError && <ServiceProblem problem={problems.error.problem} onRetry={() => void problems.refetch()} />}
      {problems.data && problems.data.items.length === 0 && <p>There are no problems to show.</p>}
      {problems.data && problems.data.items.length > 0 && (
        <ul className="nhsuk-list">
          {problems.data.items.map((p) => (
            <li key={p.id} className="nhsuk-card">
              <div className="nhsuk-card__content">
                <h2 className="nhsuk-card__heading nhsuk-heading-s">
                  <Link to={`/problems/${p.id}`}>{p.title}</Link>
                </h2>
                <p className="nhsuk-body nhsuk-u-margin-bottom-0">
                  <strong className={`nhsuk-tag ${p.status === 'resolved' ? 'nhsuk-tag--green' : 'nhsuk-tag--yellow'}`}>
                    {p.status === 'resolved' ? 'Resolved' : 'Open'}
                  </strong>{' '}
                  {p.system?.name ?? 'System not known'}: {p.report_count} {p.report_count === 1 ? 'report' : 'reports'},{' '}
                  {formatMinutes(p.total_minutes_lost)} lost
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
