import { Link, useParams } from 'react-router';
import { useProblem } from '../../api/issues';
import { useMe } from '../../api/useMe';
import LoadingMessage from '../../components/LoadingMessage';
import ServiceProblem from '../../components/ServiceProblem';
import { usePageTitle } from '../../lib/usePageTitle';
import NotFoundPage from '../NotFoundPage';
import { formatDateTime, formatMinutes } from './labels';
import LinkedCycles from './LinkedCycles';
import ProblemEditForm from './ProblemEditForm';
import ProblemReportsTable from './ProblemReportsTable';

/**
 * ProblemPage is one problem: the fault, its root cause and known
 * workaround, and what its reports add up to — counted once as a problem,
 * every time as experience.
 */
export default function ProblemPage() {
  const { id = '' } = useParams();
  const problem = useProblem(id);
  const { data: me } = useMe();
  usePageTitle(problem.data ? problem.data.title : 'Problem');

  if (problem.isPending) return <LoadingMessage />;
  if (problem.isError) {
    if (problem.error.problem.status === 404) return <NotFoundPage />;
    return <ServiceProblem problem={problem.error.problem} onRetry={() => void problem.refetch()} />;
  }
  const p = problem.data;
  const seesAll = me?.permissions.includes('issues.read_all') ?? false;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <span className="nhsuk-caption-l">Problem</span>
        <h1>{p.title}</h1>
        <p>
          <strong className={`nhsuk-tag ${p.status === 'resolved' ? 'nhsuk-tag--green' : 'nhsuk-tag--yellow'}`}>
            {p.status === 'resolved' ? 'Resolved' : 'Open'}
          </strong>
        </p>
        {p.description && <p style={{ whiteSpace: 'pre-line' }}>{p.description}</p>}
        <dl className="nhsuk-summary-list">
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">System</dt>
            <dd className="nhsuk-summary-list__value">{p.system?.name ?? 'Not known'}</dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Root cause</dt>
            <dd className="nhsuk-summary-list__value" style={{ whiteSpace: 'pre-line' }}>
              {p.root_cause || 'Not known yet'}
            </dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Known workaround</dt>
            <dd className="nhsuk-summary-list__value" style={{ whiteSpace: 'pre-line' }}>
              {p.known_workaround || 'None yet'}
            </dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Reports</dt>
            <dd className="nhsuk-summary-list__value">
              {p.report_count} ({p.open_report_count} open)
            </dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Time lost</dt>
            <dd className="nhsuk-summary-list__value">
              {formatMinutes(p.total_minutes_lost)} across {p.people_affected} {p.people_affected === 1 ? 'person' : 'people'}
            </dd>
          </div>
          {p.first_started_at && p.last_started_at && (
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Reported between</dt>
              <dd className="nhsuk-summary-list__value">
                {formatDateTime(p.first_started_at)} and {formatDateTime(p.last_started_at)}
              </dd>
            </div>
          )}
        </dl>
        {(p.reports ?? []).length === 0 ? (
          <p>No reports to show.</p>
        ) : (
          <ProblemReportsTable
            reports={p.reports ?? []}
            caption={seesAll ? 'Reports of this problem, oldest first' : 'Your reports of this problem'}
          />
        )}
        <h2>Improvement work</h2>
        {(p.cycles ?? []).length > 0 ? (
          <LinkedCycles cycles={p.cycles ?? []} detailed ofProblem />
        ) : (
          <p>No improvement cycle is working on this problem yet. When one is, you will see it here, and what it decided.</p>
        )}
        {p.can_edit && <ProblemEditForm key={p.version} problem={p} />}
        <p>
          <Link to={seesAll ? '/problems' : '/my-reports'}>{seesAll ? 'All problems' : 'Back to my reports'}</Link>
        </p>
      </div>
    </div>
  );
}
