import type { MouseEvent } from 'react';

/** SkipLink lets keyboard users jump past the header to the page content. */
export default function SkipLink() {
  // The target is focused by hand: a hash link would be taken by the router.
  function skip(event: MouseEvent<HTMLAnchorElement>) {
    const main = document.getElementById('maincontent');
    if (!main) return;
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  }
  return (
    <a className="nhsuk-skip-link" href="#maincontent" onClick={skip}>
      Skip to main content
    </a>
  );
}
