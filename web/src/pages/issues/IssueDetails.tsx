import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Issue } from '../../api/issues';
import { formatDateTime, formatMinutes, physicalHarm, psychologicalHarm } from './labels';
import StatusTag from './StatusTag';

interface Props {
  issue: Issue;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** IssueDetails is everything a report says, as an NHS.UK summary list. */
export default function IssueDetails({ issue }: Props) {
  const care = [issue.care_delayed && 'Care was delayed', issue.care_not_given && 'Care could not be given'].filter(Boolean);
  return (
    <dl className="nhsuk-summary-list">
      <Row label="Status">
        <StatusTag status={issue.status} />
      </Row>
      <Row label="Problem">
        {issue.problem ? <Link to={`/problems/${issue.problem.id}`}>{issue.problem.name}</Link> : 'Not linked to a known problem yet'}
      </Row>
      {issue.description && (
        <Row label="What happened">
          <span style={{ whiteSpace: 'pre-line' }}>{issue.description}</span>
        </Row>
      )}
      <Row label="System">{issue.system?.name ?? 'Not sure'}</Row>
      <Row label="Where">
        {issue.site.name}
        {issue.location && `, ${issue.location}`}
      </Row>
      <Row label="Started">{formatDateTime(issue.started_at)}</Row>
      <Row label="How long">
        {issue.ongoing ? 'Still happening when reported' : issue.duration_minutes !== null ? formatMinutes(issue.duration_minutes) : 'Not said'}
      </Row>
      <Row label="Time lost">
        {formatMinutes(issue.total_minutes_lost)} across {issue.people_affected} {issue.people_affected === 1 ? 'person' : 'people'}
        {issue.affected_count > 0 && ` (${issue.affected_count} said they were affected too)`}
      </Row>
      <Row label="Physical harm">{physicalHarm[issue.physical_harm].label}</Row>
      <Row label="Psychological harm">{psychologicalHarm[issue.psychological_harm].label}</Row>
      {care.length > 0 && <Row label="Effect on care">{care.join('; ')}</Row>}
      <Row label="Workaround">{issue.workaround_used ? issue.workaround || 'Yes' : 'None used'}</Row>
      <Row label="Reported by">
        {issue.you_reported ? 'You' : issue.reporter.name} on {formatDateTime(issue.created_at)}
      </Row>
    </dl>
  );
}
