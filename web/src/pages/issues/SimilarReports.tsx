import { useState } from 'react';
import { Link } from 'react-router';
import { useAddAffected, useSimilar } from '../../api/issues';
import type { Problem } from '../../api/problem';
import { formatDateTime } from './labels';

interface Props {
  systemId: string;
  siteId: string;
  /** Minutes the user says they lost, carried over when they join a report. */
  minutesLost: number;
  onProblem: (p: Problem) => void;
}

/**
 * SimilarReports offers open reports for the same system and site from the
 * last day, so that someone hit by the same fault says "me too" (their time
 * counts) instead of filing a duplicate.
 */
export default function SimilarReports({ systemId, siteId, minutesLost, onProblem }: Props) {
  const similar = useSimilar(systemId, siteId);
  const join = useAddAffected();
  const [joined, setJoined] = useState<string | null>(null);
  const items = similar.data?.items ?? [];

  if (joined) {
    return (
      <div className="nhsuk-panel" role="status">
        <h2 className="nhsuk-panel__heading">You have been added to this report</h2>
        <div className="nhsuk-panel__body">
          Your time counts towards it. <Link to={`/reports/${joined}`}>See the report and what happens next</Link>
        </div>
      </div>
    );
  }
  if (items.length === 0) return null;
  return (
    <div className="nhsuk-inset-text" aria-labelledby="similar-heading">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <h2 className="nhsuk-heading-s" id="similar-heading">
        Already reported today?
      </h2>
      <p>
        {items.length === 1 ? 'This was' : 'These were'} reported for the same system and site in the last 24 hours. If it
        is the same problem, say you are affected too instead of sending a new report: the minutes you give below are
        added to it.
      </p>
      <ul className="nhsuk-list">
        {items.map((s) => (
          <li key={s.id}>
            <p className="nhsuk-body nhsuk-u-margin-bottom-1">
              <strong>{s.title}</strong>
              <br />
              {s.location && <>{s.location}, </>}started {formatDateTime(s.started_at)}; {s.people_affected}{' '}
              {s.people_affected === 1 ? 'person' : 'people'} affected
            </p>
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
              disabled={join.isPending}
              onClick={() =>
                join.mutate(
                  { id: s.id, minutesLost },
                  { onSuccess: () => setJoined(s.id), onError: (err) => onProblem(err.problem) },
                )
              }
            >
              I am affected too<span className="nhsuk-u-visually-hidden">: {s.title}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
