import type { IssueEvent } from '../../api/issues';
import { formatDateTime, statusLabels } from './labels';

interface Props {
  events: readonly IssueEvent[];
}

function describe(e: IssueEvent): string {
  const who = e.actor?.name || 'Assure';
  const d = e.detail as Record<string, unknown>;
  switch (e.kind) {
    case 'reported':
      return `${who} reported it`;
    case 'status_changed':
      return `${who} moved it from ${e.from_status ? statusLabels[e.from_status] : '?'} to ${e.to_status ? statusLabels[e.to_status] : '?'}`;
    case 'comment':
      return `${who} commented`;
    case 'affected':
      return `${who} said they were affected too (${String(d.minutes_lost ?? 0)} minutes lost)`;
    case 'edited':
      return `${who} changed the report`;
    case 'problem_linked':
      return `${who} grouped it under the problem "${String(d.problem_title ?? '')}"`;
    case 'problem_unlinked':
      return `${who} took it out of the problem "${String(d.problem_title ?? '')}"`;
    case 'link_added':
      return `${who} linked it to a ${String(d.target_type ?? 'record')}`;
    case 'link_removed':
      return `${who} removed a link to a ${String(d.target_type ?? 'record')}`;
  }
}

/** Timeline lists what happened to a report, comments included, oldest first. */
export default function Timeline({ events }: Props) {
  if (events.length === 0) return <p>Nothing has happened yet.</p>;
  return (
    <ol className="nhsuk-list">
      {events.map((e) => (
        <li key={e.id} className="nhsuk-u-margin-bottom-4">
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-1 nhsuk-u-secondary-text-colour">
            <time dateTime={e.at}>{formatDateTime(e.at)}</time>
          </p>
          <p className="nhsuk-body nhsuk-u-margin-bottom-1">
            <strong>{describe(e)}</strong>
          </p>
          {e.body && (
            <p className="nhsuk-body" style={{ whiteSpace: 'pre-line' }}>
              {e.body}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
