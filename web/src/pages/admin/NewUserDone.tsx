import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { CreatedUser } from '../../api/admin';
import RoleTags from './RoleTags';
import SetPasswordLinkCallout from './SetPasswordLinkCallout';

interface Props {
  created: CreatedUser;
  onAddAnother: () => void;
}

/** NewUserDone confirms a new user and shows, once, the link to send them. */
export default function NewUserDone({ created, onAddAnother }: Props) {
  const { user, set_password: link } = created;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <div className="nhsuk-panel">
          <h1 className="nhsuk-panel__heading" ref={heading} tabIndex={-1}>
            User added
          </h1>
          <div className="nhsuk-panel__body">
            {user.name} ({user.email})
          </div>
        </div>
        <dl className="nhsuk-summary-list">
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Roles</dt>
            <dd className="nhsuk-summary-list__value">
              <RoleTags roles={user.roles} />
            </dd>
          </div>
        </dl>
        {link ? (
          <SetPasswordLinkCallout link={link} name={user.name} />
        ) : (
          <p>They can sign in now with the first password you set. Tell them it safely, and ask them to change it.</p>
        )}
        <h2>What next</h2>
        <ul className="nhsuk-list">
          <li>
            <Link to={`/admin/users/${user.id}`}>View {user.name}</Link>
          </li>
          <li>
            <button className="app-link-button" type="button" onClick={onAddAnother}>
              Add another user
            </button>
          </li>
          <li>
            <Link to="/admin/users">Back to users</Link>
          </li>
        </ul>
      </div>
    </div>
  );
}
