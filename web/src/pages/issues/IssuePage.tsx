import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useIssue, useTimeline } from '../../api/issues';
import type { Problem } from '../../api/problem';
import { useMe } from '../../api/useMe';
import ErrorSummary from '../../components/ErrorSummary';
import LoadingMessage from '../../components/LoadingMessage';
import ServiceProblem from '../../components/ServiceProblem';
import { usePageTitle } from '../../lib/usePageTitle';
import NotFoundPage from '../NotFoundPage';
import CommentForm from './CommentForm';
import IssueDetails from './IssueDetails';
import LinkedCycles from './LinkedCycles';
import ProblemGrouping from './ProblemGrouping';
import Timeline from './Timeline';
import TransitionForm from './TransitionForm';

/** IssuePage is one report: what it says, what is happening to it, its timeline and comments. */
export default function IssuePage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const state: unknown = location.state;
  const justReported = typeof state === 'object' && state !== null && 'justReported' in state;
  const issue = useIssue(id);
  const timeline = useTimeline(id);
  const { data: me } = useMe();
  const [problem, setProblem] = useState<Problem | null>(null);
  usePageTitle(issue.data ? issue.data.title : 'Report', problem !== null);

  if (issue.isPending) return <LoadingMessage />;
  if (issue.isError) {
    if (issue.error.problem.status === 404) return <NotFoundPage />;
    return <ServiceProblem problem={issue.error.problem} onRetry={() => void issue.refetch()} />;
  }
  const r = issue.data;
  const triager = me?.permissions.includes('issues.triage') ?? false;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {problem && <ErrorSummary problem={problem} />}
        {justReported && (
          <div className="nhsuk-panel" role="status">
            <h1 className="nhsuk-panel__heading">Report sent</h1>
            <div className="nhsuk-panel__body">Thank you. Your time lost now counts in the trust&rsquo;s measures.</div>
          </div>
        )}
        {justReported ? (
          <>
            <h2>What happens next</h2>
            <p>
              The IT improvement team reviews new reports every working day. You will see the status change here and
              in <Link to="/my-reports">My reports</Link>, and Assure will tell you when it does.
            </p>
            <h2 className="nhsuk-heading-l">{r.title}</h2>
          </>
        ) : (
          <>
            <span className="nhsuk-caption-l">Report</span>
            <h1>{r.title}</h1>
          </>
        )}
        <IssueDetails issue={r} />
        <h2>Improvement work</h2>
        {r.cycles.length > 0 ? (
          <LinkedCycles cycles={r.cycles} detailed />
        ) : (
          <p>No improvement cycle is working on this yet. When one is, you will see it here, and what it decided.</p>
        )}
        <TransitionForm issue={r} triager={triager} onProblem={setProblem} />
        {triager && <ProblemGrouping issue={r} onProblem={setProblem} />}

        <h2>Timeline</h2>
        {timeline.isPending && <LoadingMessage />}
        {timeline.isError && <p>The timeline could not be loaded. Try again later.</p>}
        {timeline.data && <Timeline events={timeline.data.items} />}
        {r.can_comment && <CommentForm issueId={r.id} />}
        <p>
          <Link to={triager ? '/triage' : '/my-reports'}>{triager ? 'Back to triage' : 'Back to my reports'}</Link>
        </p>
      </div>
    </div>
  );
}
