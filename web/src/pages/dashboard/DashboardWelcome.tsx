import { Link } from 'react-router';

interface Props {
  roles: readonly string[];
}

/**
 * DashboardWelcome tells an executive or a board member, who land on the
 * dashboard after signing in, what they can do from here, in a few lines.
 */
export default function DashboardWelcome({ roles }: Props) {
  const executive = roles.includes('executive');
  const board = roles.includes('board');
  if (!executive && !board) return null;
  return (
    <div className="nhsuk-inset-text app-dashboard__welcome app-no-print">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <h2 className="nhsuk-heading-s">What you can do here</h2>
      <ul className="nhsuk-list nhsuk-list--bullet">
        <li>
          Select a standard in the compliance matrix to see its SPC chart: whether it is reliable, whether it is
          changing, and the measurements behind each period.
        </li>
        {executive && (
          <li>
            Open <Link to="/suppliers">Suppliers</Link> before a contract review, and{' '}
            <Link to="/owners">Accountability</Link> before a one-to-one: what each supplier delivers and what each
            owner has breached or overdue.
          </li>
        )}
        {board && (
          <li>
            Items awaiting the board are listed under Improvement. Run a meeting from{' '}
            <Link to="/reviews">Board reviews</Link>: record a decision on each item and export the board pack.
          </li>
        )}
      </ul>
    </div>
  );
}
