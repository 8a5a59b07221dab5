import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useUnreadCount } from '../api/improvement';
import NotificationBellIcon from './NotificationBellIcon';
import NotificationBellPanel from './NotificationBellPanel';
import './NotificationBell.css';

/**
 * NotificationBell is the header's inbox: a bell with the unread count
 * (refreshed each minute) that opens the latest notifications. Escape or a
 * click elsewhere closes it, returning focus to the bell.
 */
export default function NotificationBell() {
  const count = useUnreadCount();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const n = count.data ?? 0;
  // The header's account list hides what overflows it, so the panel is
  // fixed to the window, just below the bell, and follows it on resize.
  const [at, setAt] = useState<{ top: number; right: number } | null>(null);
  useLayoutEffect(() => {
    if (!open) return;
    function place() {
      const r = button.current?.getBoundingClientRect();
      if (!r) return;
      // Below the bell, right-aligned with it, but always inside the window.
      const width = Math.min(380, window.innerWidth - 16);
      const right = Math.min(Math.max(8, window.innerWidth - r.right), window.innerWidth - width - 8);
      setAt({ top: r.bottom + 8, right });
    }
    place();
    window.addEventListener('resize', place);
    window.addEventListener('scroll', place, true);
    return () => {
      window.removeEventListener('resize', place);
      window.removeEventListener('scroll', place, true);
    };
  }, [open]);

  useEffect(() => {
    if (!open) return;
    function onKey(e: KeyboardEvent) {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    }
    function onClick(e: MouseEvent) {
      if (e.target instanceof Node && ref.current?.contains(e.target)) return;
      setOpen(false);
    }
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onClick, true);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onClick, true);
    };
  }, [open]);

  return (
    <div className="app-bell" ref={ref}>
      <button
        ref={button}
        type="button"
        className="nhsuk-header__account-button app-bell__button"
        aria-expanded={open}
        aria-controls="notification-panel"
        onClick={() => setOpen(!open)}
      >
        <NotificationBellIcon />
        Notifications
        {n > 0 && (
          <span className="app-bell__count" aria-hidden="true">
            {n > 99 ? '99+' : n}
          </span>
        )}
        <span className="nhsuk-u-visually-hidden">{n === 0 ? ', none unread' : `, ${n} unread`}</span>
      </button>
      {open && <NotificationBellPanel at={at} onClose={() => setOpen(false)} />}
    </div>
  );
}
