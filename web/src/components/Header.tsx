import type { FormEvent, ReactNode } from 'react';
import { Link } from 'react-router';
import type { NavItem } from '../lib/navigation';
import HeaderNavigation from './HeaderNavigation';
import NhsLogo from './NhsLogo';
import UserIcon from './UserIcon';

export interface HeaderProps {
  /** The signed-in user's name; omitted on the sign-in page and while loading. */
  userName?: string;
  onSignOut?: () => void;
  signingOut?: boolean;
  navigation?: readonly NavItem[];
  /** The notification bell, shown beside the user's name when signed in. */
  notifications?: ReactNode;
}

/** Header is the NHS.UK header with the service name, account and navigation. */
export default function Header({ userName, onSignOut, signingOut = false, navigation = [], notifications }: HeaderProps) {
  function signOut(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSignOut?.();
  }
  return (
    <header className="nhsuk-header" role="banner">
      <div className="nhsuk-header__container nhsuk-width-container">
        <div className="nhsuk-header__service">
          <Link className="nhsuk-header__service-logo" to="/" aria-label="NHS Assure homepage">
            <NhsLogo />
            <span className="nhsuk-header__service-name">Assure</span>
          </Link>
        </div>
        {(userName || onSignOut) && (
          <nav className="nhsuk-header__account" aria-label="Account">
            <ul className="nhsuk-header__account-list">
              {userName && (
                <li className="nhsuk-header__account-item">
                  <UserIcon />
                  {userName}
                </li>
              )}
              {userName && notifications && <li className="nhsuk-header__account-item">{notifications}</li>}
              {userName && (
                <li className="nhsuk-header__account-item">
                  <Link className="nhsuk-header__account-link" to="/account/password">
                    Change password
                  </Link>
                </li>
              )}
              {onSignOut && (
                <li className="nhsuk-header__account-item">
                  <form className="nhsuk-header__account-form" onSubmit={signOut} noValidate>
                    <button className="nhsuk-header__account-button" type="submit" disabled={signingOut}>
                      Sign out
                    </button>
                  </form>
                </li>
              )}
            </ul>
          </nav>
        )}
      </div>
      {navigation.length > 0 && <HeaderNavigation items={navigation} />}
    </header>
  );
}
