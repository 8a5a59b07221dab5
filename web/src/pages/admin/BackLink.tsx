import { Link } from 'react-router';

interface Props {
  to: string;
  children: string;
}

/** BackLink is the NHS.UK back link, to the page a user came from. */
export default function BackLink({ to, children }: Props) {
  return (
    <div className="app-back-link">
      <Link className="nhsuk-back-link" to={to}>
        {children}
      </Link>
    </div>
  );
}
