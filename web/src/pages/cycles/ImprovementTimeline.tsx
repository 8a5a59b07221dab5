import { Link } from 'react-router';
import type { ImprovementEvent } from '../../api/improvement';
import { formatDateTime } from './labels';

interface Props {
  events: readonly ImprovementEvent[];
}

/**
 * ImprovementTimeline lists what happened to a cycle or an action, oldest
 * first: edits, stage changes and the board's decisions (linked to their
 * review).
 */
export default function ImprovementTimeline({ events }: Props) {
  if (events.length === 0) return <p>Nothing has happened yet.</p>;
  return (
    <ol className="nhsuk-list app-timeline">
      {events.map((e) => (
        <li key={e.id} className="nhsuk-u-margin-bottom-4">
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-1 nhsuk-u-secondary-text-colour">
            <time dateTime={e.at}>{formatDateTime(e.at)}</time>
            {e.actor_name ? ` · ${e.actor_name}` : ''}
          </p>
          <p className="nhsuk-body nhsuk-u-margin-bottom-1">
            {e.kind === 'decision' && <strong>Board decision: </strong>}
            {e.summary}
            {e.review_id && (
              <>
                {' '}
                (<Link to={`/reviews/${e.review_id}`}>see the review</Link>)
              </>
            )}
          </p>
        </li>
      ))}
    </ol>
  );
}
