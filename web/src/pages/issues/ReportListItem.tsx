import { Link } from 'react-router';
import type { Issue } from '../../api/issues';
import { formatDateTime, formatMinutes } from './labels';
import LinkedCycles from './LinkedCycles';
import StatusTag from './StatusTag';

interface Props {
  issue: Issue;
}

/** ReportListItem is one report in "My reports": what it was, where it is now, its problem and the cycles working on it. */
export default function ReportListItem({ issue }: Props) {
  return (
    <li className="nhsuk-card nhsuk-u-margin-bottom-4">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-s nhsuk-u-margin-bottom-2">
          <Link to={`/reports/${issue.id}`}>{issue.title}</Link>
        </h2>
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
          <StatusTag status={issue.status} /> Started {formatDateTime(issue.started_at)}
        </p>
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
          {issue.system?.name ?? 'System not known'}, {issue.site.name}
          {issue.location && `, ${issue.location}`}. {formatMinutes(issue.total_minutes_lost)} lost
          {!issue.you_reported && issue.you_are_affected && ' (you said you were affected too)'}.
        </p>
        {issue.problem && (
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
            Problem: <Link to={`/problems/${issue.problem.id}`}>{issue.problem.name}</Link>
          </p>
        )}
        <LinkedCycles cycles={issue.cycles} />
      </div>
    </li>
  );
}
