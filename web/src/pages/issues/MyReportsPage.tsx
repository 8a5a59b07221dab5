import { useIssues } from '../../api/issues';
import ActionLink from '../../components/ActionLink';
import LoadingMessage from '../../components/LoadingMessage';
import ServiceProblem from '../../components/ServiceProblem';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import ReportListItem from './ReportListItem';

/** MyReportsPage lists the reports the user made or joined, newest first, with what happened to each. */
export default function MyReportsPage({ title }: PageProps) {
  usePageTitle(title);
  const reports = useIssues({ mine: true, sort: 'recent', limit: 100 });
  return (
    <>
      <h1>{title}</h1>
      <ActionLink to="/report">Report an IT problem</ActionLink>
      {reports.isPending && <LoadingMessage />}
      {reports.isError && <ServiceProblem problem={reports.error.problem} onRetry={() => void reports.refetch()} />}
      {reports.data && reports.data.items.length === 0 && <p>You have not reported any IT problems yet.</p>}
      {reports.data && reports.data.items.length > 0 && (
        <>
          <p>The newest first. Select a report to see its timeline and comments.</p>
          <ul className="nhsuk-list" aria-label="Your reports">
            {reports.data.items.map((issue) => (
              <ReportListItem key={issue.id} issue={issue} />
            ))}
          </ul>
          {reports.data.next_cursor && <p>Showing your 100 most recent reports.</p>}
        </>
      )}
    </>
  );
}
