import { Link } from 'react-router';
import type { Action } from '../../api/improvement';
import { formatDay } from '../cycles/labels';
import ActionStatusTag from './ActionStatusTag';

interface Props {
  actions: readonly Action[];
  caption: string;
  showOwner?: boolean;
}

/** ActionsTable lists actions with their owner, due date and status. */
export default function ActionsTable({ actions, caption, showOwner = true }: Props) {
  if (actions.length === 0) return <p>No actions.</p>;
  return (
    <table className="nhsuk-table-responsive">
      <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">Action</th>
          {showOwner && <th scope="col" className="nhsuk-table__header">Owner</th>}
          <th scope="col" className="nhsuk-table__header">Due</th>
          <th scope="col" className="nhsuk-table__header">Status</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {actions.map((a) => (
          <tr key={a.id} className="nhsuk-table__row">
            <td className="nhsuk-table__cell">
              <span className="nhsuk-table-responsive__heading" aria-hidden="true">Action </span>
              {/* One box, so that on a phone the cycle sits under the title, not squeezed beside it. */}
              <div>
                <Link to={`/actions/${a.id}`}>{a.title}</Link>
                {a.cycle_title && <div className="nhsuk-body-s nhsuk-u-margin-bottom-0">Cycle: {a.cycle_title}</div>}
              </div>
            </td>
            {showOwner && (
              <td className="nhsuk-table__cell">
                <span className="nhsuk-table-responsive__heading" aria-hidden="true">Owner </span>
                {a.owner_name}
              </td>
            )}
            <td className="nhsuk-table__cell">
              <span className="nhsuk-table-responsive__heading" aria-hidden="true">Due </span>
              {formatDay(a.due_on)}
            </td>
            <td className="nhsuk-table__cell">
              <span className="nhsuk-table-responsive__heading" aria-hidden="true">Status </span>
              <ActionStatusTag action={a} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
