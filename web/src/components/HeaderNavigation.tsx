import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { fitNavigation, isCurrent, type NavItem } from '../lib/navigation';

interface Props {
  items: readonly NavItem[];
}

const rulerStyle = {
  position: 'absolute',
  visibility: 'hidden',
  height: 0,
  overflow: 'hidden',
  whiteSpace: 'nowrap',
  width: 'max-content',
  flexWrap: 'nowrap',
  left: 0,
  top: 0,
} as const;

/**
 * HeaderNavigation is the NHS.UK header navigation. Items that do not fit
 * on one line move into a "More" menu, by the same rule as nhsuk-frontend's
 * header script (which cannot be used here: it moves DOM nodes that React
 * owns). Widths come from a hidden ruler holding every item, so measuring
 * never disturbs what is on screen.
 */
export default function HeaderNavigation({ items }: Props) {
  const { pathname } = useLocation();
  const navRef = useRef<HTMLElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const rulerRef = useRef<HTMLUListElement>(null);
  const menuListRef = useRef<HTMLUListElement>(null);
  const [visible, setVisible] = useState(items.length);
  // The menu is open on the page where it was opened; moving on closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;

  useEffect(() => {
    const list = listRef.current;
    const ruler = rulerRef.current;
    if (!list || !ruler) return;
    function fit() {
      if (!list || !ruler) return;
      const cells = Array.from(ruler.children) as HTMLElement[];
      const menu = cells.pop();
      setVisible(fitNavigation(cells.map((c) => c.offsetWidth), list.clientWidth, menu?.offsetWidth ?? 0));
    }
    fit();
    if (typeof ResizeObserver === 'undefined') return;
    // Watching the ruler catches text resizing; the list, window resizing.
    const observer = new ResizeObserver(fit);
    observer.observe(list);
    observer.observe(ruler);
    return () => observer.disconnect();
  }, [items]);

  // The menu is positioned absolutely; a bottom border as tall as the menu
  // keeps it from covering the page (as nhsuk-frontend does).
  useLayoutEffect(() => {
    const nav = navRef.current;
    if (!nav) return;
    if (open && menuListRef.current) {
      nav.style.setProperty('border-bottom-width', `${menuListRef.current.offsetHeight}px`);
    } else {
      nav.style.removeProperty('border-bottom-width');
    }
  }, [open, visible]);

  useEffect(() => {
    if (!open) return;
    function onKey(e: KeyboardEvent) {
      if (e.key === 'Escape') setOpenOn(null);
    }
    function onClick(e: MouseEvent) {
      const target = e.target;
      if (target instanceof Node && navRef.current?.contains(target)) return;
      setOpenOn(null);
    }
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('click', onClick, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('click', onClick, true);
    };
  }, [open]);

  const shown = Math.min(visible, items.length);
  const overflow = items.slice(shown);

  function renderItem(item: NavItem) {
    const current = isCurrent(item.to, pathname);
    return (
      <li
        key={item.to}
        className={`nhsuk-header__navigation-item${current ? ' nhsuk-header__navigation-item--current' : ''}`}
      >
        <Link
          className="nhsuk-header__navigation-link"
          to={item.to}
          aria-current={current ? (pathname === item.to ? 'page' : 'true') : undefined}
          onClick={() => setOpenOn(null)}
        >
          {current ? <strong className="nhsuk-header__navigation-item-current-fallback">{item.label}</strong> : item.label}
        </Link>
      </li>
    );
  }

  return (
    <nav className="nhsuk-header__navigation" aria-label="Menu" ref={navRef}>
      <div className="nhsuk-header__navigation-container nhsuk-width-container" style={{ position: 'relative' }}>
        <ul className="nhsuk-header__navigation-list" ref={listRef}>
          {items.slice(0, shown).map(renderItem)}
          <li className="nhsuk-header__menu" hidden={overflow.length === 0}>
            <button
              className="nhsuk-header__menu-toggle nhsuk-header__navigation-link"
              type="button"
              aria-expanded={open}
              onClick={() => setOpenOn(open ? null : pathname)}
            >
              <span className="nhsuk-u-visually-hidden">Browse </span>More
            </button>
            <ul className="nhsuk-header__menu-list" ref={menuListRef} hidden={!open}>
              {overflow.map(renderItem)}
            </ul>
          </li>
        </ul>
        <ul className="nhsuk-header__navigation-list" ref={rulerRef} style={rulerStyle} aria-hidden="true">
          {items.map((item) => (
            <li key={item.to} className="nhsuk-header__navigation-item">
              <span className="nhsuk-header__navigation-link">{item.label}</span>
            </li>
          ))}
          <li className="nhsuk-header__menu">
            <span className="nhsuk-header__menu-toggle nhsuk-header__navigation-link">More</span>
          </li>
        </ul>
      </div>
    </nav>
  );
}
