import { Link } from 'react-router';
import { usePageTitle } from '../lib/usePageTitle';

/** NotFoundPage is shown for an address that matches no page. */
export default function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <>
      <h1>Page not found</h1>
      <p>If you typed the web address, check it was correct.</p>
      <p>If you pasted the web address, check you copied the entire address.</p>
      <p>
        <Link to="/">Go to the Assure home page</Link>
      </p>
    </>
  );
}
