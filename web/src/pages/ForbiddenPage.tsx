import { Link } from 'react-router';
import { usePageTitle } from '../lib/usePageTitle';
import type { PageProps } from '../routes';

/** ForbiddenPage is shown when a user's roles do not open the page they asked for. */
export default function ForbiddenPage({ title }: PageProps) {
  usePageTitle('You cannot view this page');
  return (
    <>
      <h1>You cannot view this page</h1>
      <p>Your account does not give you access to {title}.</p>
      <p>If you need it for your work, ask the Assure administrator in your organisation to change your roles.</p>
      <p>
        <Link to="/">Go to the Assure home page</Link>
      </p>
    </>
  );
}
