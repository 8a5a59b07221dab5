import type { ApiToken } from '../../api/admin';
import { formatDate, formatDateTime } from '../audit/dates';
import { describeScope } from './scopes';
import TableCell from './TableCell';
import TokenStatusTag from './TokenStatusTag';

interface Props {
  tokens: readonly ApiToken[];
  onRevoke: (token: ApiToken) => void;
}

/** TokensTable lists API tokens, never their secrets, with a button to revoke each active one. */
export default function TokensTable({ tokens, onRevoke }: Props) {
  return (
    <table className="nhsuk-table nhsuk-table--responsive" role="table">
      <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">API tokens</caption>
      <thead className="nhsuk-table__head" role="rowgroup">
        <tr className="nhsuk-table__row" role="row">
          {['Label', 'Can', 'Status', 'Created', 'Expires', 'Last used'].map((h) => (
            <th className="nhsuk-table__header" role="columnheader" scope="col" key={h}>
              {h}
            </th>
          ))}
          <th className="nhsuk-table__header" role="columnheader" scope="col">
            <span className="nhsuk-u-visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body" role="rowgroup">
        {tokens.map((t) => (
          <tr className="nhsuk-table__row" role="row" key={t.id}>
            <TableCell heading="Label">
              <strong className="app-break-anywhere">{t.label}</strong>
            </TableCell>
            <TableCell heading="Can">{t.scopes.map(describeScope).join(', ')}</TableCell>
            <TableCell heading="Status">
              <TokenStatusTag status={t.status} />
            </TableCell>
            <TableCell heading="Created">
              {formatDate(t.created_at)}
              {t.created_by_name && (
                <>
                  <br />
                  <span className="nhsuk-u-secondary-text-colour app-break-anywhere">by {t.created_by_name}</span>
                </>
              )}
            </TableCell>
            <TableCell heading="Expires">
              {t.status === 'revoked' && t.revoked_at ? `Revoked ${formatDate(t.revoked_at)}` : formatDate(t.expires_at)}
            </TableCell>
            <TableCell heading="Last used">{t.last_used_at ? formatDateTime(t.last_used_at) : 'Never'}</TableCell>
            <TableCell heading="Action">
              {t.status === 'active' ? (
                <button className="app-link-button" id={`revoke-${t.id}`} type="button" onClick={() => onRevoke(t)}>
                  Revoke<span className="nhsuk-u-visually-hidden"> {t.label}</span>
                </button>
              ) : (
                <span className="nhsuk-u-visually-hidden">None</span>
              )}
            </TableCell>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
