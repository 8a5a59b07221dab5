import { Link } from 'react-router';
import { usePageTitle } from '../lib/usePageTitle';
import type { PageProps } from '../routes';

/** ComingSoonPage stands in for a page that has not been built yet. */
export default function ComingSoonPage({ title }: PageProps) {
  usePageTitle(title);
  return (
    <>
      <h1>{title}</h1>
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>This part of Assure is being built and will be available soon.</p>
      </div>
      <p>
        <Link to="/">Go to the Assure home page</Link>
      </p>
    </>
  );
}
