import { Link } from 'react-router';
import type { User } from '../../api/admin';
import RoleTags from './RoleTags';
import TableCell from './TableCell';
import UserStatusTag from './UserStatusTag';

interface Props {
  users: readonly User[];
}

/** UsersTable lists users: name (linking to their page), email, roles and status. */
export default function UsersTable({ users }: Props) {
  return (
    <table className="nhsuk-table nhsuk-table--responsive" role="table">
      <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Users</caption>
      <thead className="nhsuk-table__head" role="rowgroup">
        <tr className="nhsuk-table__row" role="row">
          <th className="nhsuk-table__header" role="columnheader" scope="col">
            Name
          </th>
          <th className="nhsuk-table__header" role="columnheader" scope="col">
            Email address
          </th>
          <th className="nhsuk-table__header" role="columnheader" scope="col">
            Roles
          </th>
          <th className="nhsuk-table__header" role="columnheader" scope="col">
            Status
          </th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body" role="rowgroup">
        {users.map((u) => (
          <tr className="nhsuk-table__row" role="row" key={u.id}>
            <TableCell heading="Name">
              <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
            </TableCell>
            <TableCell heading="Email address">
              {u.email}
            </TableCell>
            <TableCell heading="Roles">
              <RoleTags roles={u.roles} />
            </TableCell>
            <TableCell heading="Status">
              <UserStatusTag user={u} />
            </TableCell>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
