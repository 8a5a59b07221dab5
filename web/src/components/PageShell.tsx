import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import Header, { type HeaderProps } from './Header';
import SiteFooter from './SiteFooter';
import SkipLink from './SkipLink';

interface Props extends HeaderProps {
  children: ReactNode;
}

/**
 * PageShell is the frame of every page: skip link, header, main content
 * and footer. After an in-app navigation it moves focus to the new page's
 * content, as a full page load would, so screen readers announce it.
 */
export default function PageShell({ children, ...header }: Props) {
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstPath = useRef(pathname);

  useEffect(() => {
    if (pathname === firstPath.current) return;
    firstPath.current = '';
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [pathname]);

  return (
    <>
      <SkipLink />
      <Header {...header} />
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="maincontent" ref={mainRef} tabIndex={-1}>
          {children}
        </main>
      </div>
      <SiteFooter />
    </>
  );
}
