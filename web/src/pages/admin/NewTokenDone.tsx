import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { CreatedApiToken } from '../../api/admin';
import { formatDateTime } from '../audit/dates';
import OneTimeSecret from './OneTimeSecret';
import { describeScope } from './scopes';

interface Props {
  token: CreatedApiToken;
}

/** NewTokenDone shows a new API token's secret, once, and how a system uses it. */
export default function NewTokenDone({ token }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1 ref={heading} tabIndex={-1}>
          API token created
        </h1>
        <OneTimeSecret id="token" label={`API token for “${token.label}”`} value={token.token} copyLabel="Copy token" rows={3}>
          <p>
            Copy this token now and put it in the settings of the system that will use it. Assure keeps no copy: once
            you leave this page, nobody can see it again. If it is lost, revoke it and create a new one.
          </p>
          <p>Treat it like a password. Do not send it by email or paste it into a chat.</p>
        </OneTimeSecret>
        <dl className="nhsuk-summary-list">
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Label</dt>
            <dd className="nhsuk-summary-list__value">{token.label}</dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Can</dt>
            <dd className="nhsuk-summary-list__value">{token.scopes.map(describeScope).join(', ')}</dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Stops working</dt>
            <dd className="nhsuk-summary-list__value">{formatDateTime(token.expires_at)}</dd>
          </div>
        </dl>
        <h2>How a system uses it</h2>
        <p>The system sends the token with every request, in this header:</p>
        <pre className="app-code">
          <code>Authorization: Bearer {token.token.slice(0, 15)}…</code>
        </pre>
        <p>
          <Link to="/admin/tokens">Back to API tokens</Link>
        </p>
      </div>
    </div>
  );
}
