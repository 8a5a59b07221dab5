import { Link } from 'react-router';
import type { Issue } from '../../api/issues';
import { formatDateTime, formatMinutes } from './labels';
import StatusTag from './StatusTag';

interface Props {
  reports: readonly Issue[];
  caption: string;
}

/** ProblemReportsTable lists a problem's reports compactly: each one's status, start and time lost. */
export default function ProblemReportsTable({ reports, caption }: Props) {
  return (
    <table className="nhsuk-table-responsive">
      <caption className="nhsuk-table__caption nhsuk-table__caption--m">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr>
          <th scope="col">Report</th>
          <th scope="col">Status</th>
          <th scope="col">Started</th>
          <th scope="col" className="nhsuk-table__header--numeric">
            Time lost
          </th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {reports.map((r) => (
          <tr key={r.id} className="nhsuk-table__row">
            <td className="nhsuk-table__cell">
              <span className="nhsuk-table-responsive__heading" aria-hidden="true">Report </span>
              {/* One box, so that on a phone the location sits under the title, not squeezed beside it. */}
              <div>
                <Link to={`/reports/${r.id}`}>{r.title}</Link>
                {r.location && <div className="nhsuk-body-s nhsuk-u-margin-bottom-0">{r.location}</div>}
              </div>
            </td>
            <td className="nhsuk-table__cell">
              <span className="nhsuk-table-responsive__heading" aria-hidden="true">Status </span>
              <StatusTag status={r.status} />
            </td>
            <td className="nhsuk-table__cell">
              <span className="nhsuk-table-responsive__heading" aria-hidden="true">Started </span>
              {formatDateTime(r.started_at)}
            </td>
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">
              <span className="nhsuk-table-responsive__heading" aria-hidden="true">Time lost </span>
              {formatMinutes(r.total_minutes_lost)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
