import { Link } from 'react-router';

interface Props {
  to: string;
  children: string;
}

/** ActionLink is the NHS.UK action link: the one thing most people came to do. */
export default function ActionLink({ to, children }: Props) {
  return (
    <Link className="nhsuk-action-link" to={to}>
      <svg
        className="nhsuk-icon nhsuk-icon--arrow-right-circle"
        xmlns="http://www.w3.org/2000/svg"
        viewBox="0 0 24 24"
        width="16"
        height="16"
        focusable="false"
        aria-hidden="true"
      >
        <path d="M12 2a10 10 0 0 0-10 9h11.7l-4-4a1 1 0 0 1 1.5-1.4l5.6 5.7a1 1 0 0 1 0 1.4l-5.6 5.7a1 1 0 0 1-1.5 0 1 1 0 0 1 0-1.4l4-4H2A10 10 0 1 0 12 2z" />
      </svg>
      <span className="nhsuk-action-link__text">{children}</span>
    </Link>
  );
}
