import { Link } from 'react-router';
import { useMarkRead, useNotifications } from '../api/improvement';
import LoadingMessage from './LoadingMessage';

interface Props {
  /** Where the panel sits in the window (below the bell). */
  at: { top: number; right: number } | null;
  onClose: () => void;
}

function when(at: string): string {
  const d = new Date(at);
  return `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })}, ${d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`;
}

/** NotificationBellPanel lists the latest notifications, unread first. */
export default function NotificationBellPanel({ at, onClose }: Props) {
  const list = useNotifications(true);
  const { one, all } = useMarkRead();
  const unread = list.data?.filter((n) => n.read_at === null).length ?? 0;
  return (
    <div
      className="app-bell__panel"
      id="notification-panel"
      role="region"
      aria-label="Notifications"
      style={at ? { top: at.top, right: at.right } : undefined}
    >
      <div className="app-bell__panel-head">
        <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-0">Notifications</h2>
        {unread > 0 && (
          <button type="button" className="app-bell__link-button" disabled={all.isPending} onClick={() => all.mutate(null)}>
            Mark all as read
          </button>
        )}
      </div>
      {list.isPending && <LoadingMessage />}
      {list.isError && <p className="nhsuk-body-s">Notifications could not be loaded.</p>}
      {list.data && list.data.length === 0 && <p className="nhsuk-body-s">Nothing yet.</p>}
      {list.data && list.data.length > 0 && (
        <ul className="nhsuk-list app-bell__list">
          {list.data.map((n) => (
            <li key={n.id} className={n.read_at === null ? 'app-bell__item app-bell__item--unread' : 'app-bell__item'}>
              {n.read_at === null && <strong className="nhsuk-tag nhsuk-tag--blue app-bell__new">New</strong>}
              {n.link ? (
                <Link
                  to={n.link}
                  onClick={() => {
                    if (n.read_at === null) one.mutate(n.id);
                    onClose();
                  }}
                >
                  {n.title}
                </Link>
              ) : (
                <strong>{n.title}</strong>
              )}
              {n.body && <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">{n.body}</p>}
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-0 nhsuk-u-secondary-text-colour">
                <time dateTime={n.created_at}>{when(n.created_at)}</time>
                {n.read_at === null && !n.link && (
                  <>
                    {' · '}
                    <button type="button" className="app-bell__link-button" onClick={() => one.mutate(n.id)}>
                      Mark as read
                    </button>
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
