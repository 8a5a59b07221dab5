import { Link } from 'react-router';
import type { ProblemError } from '../../api/problem';
import { useSites } from '../../api/standards';
import { useMe } from '../../api/useMe';
import ErrorSummary from '../../components/ErrorSummary';
import LoadingMessage from '../../components/LoadingMessage';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import TableCell from '../standards/TableCell';
import '../standards/catalogue.css';

/** SitesPage lists the hospital sites and departments where IT is used. */
export default function SitesPage({ title }: PageProps) {
  const { data: me } = useMe();
  const sites = useSites();
  const error = sites.error as ProblemError | null;
  usePageTitle(title, error !== null);
  const canManage = me?.permissions.includes('sites.manage') ?? false;
  const rows = sites.data ?? [];
  return (
    <>
      <h1>{title}</h1>
      <p className="nhsuk-body-l">The hospital sites and departments where clinical IT is used.</p>
      <p>
        See also the <Link to="/systems">IT systems</Link> used at them.
      </p>
      {canManage && (
        <Link to="/sites/new" className="nhsuk-button nhsuk-button--secondary" role="button" draggable="false">
          Add a site
        </Link>
      )}
      {error && <ErrorSummary problem={error.problem} />}
      {sites.isLoading ? (
        <LoadingMessage text="Loading the sites…" />
      ) : rows.length === 0 ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>There are no sites yet.</p>
        </div>
      ) : (
        <table className="nhsuk-table nhsuk-table--responsive" role="table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">{rows.length === 1 ? '1 site' : `${rows.length} sites`}</caption>
          <thead className="nhsuk-table__head" role="rowgroup">
            <tr className="nhsuk-table__row" role="row">
              <th role="columnheader" scope="col" className="nhsuk-table__header">
                Site
              </th>
              <th role="columnheader" scope="col" className="nhsuk-table__header">
                Description
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {rows.map((s) => (
              <tr key={s.id} className="nhsuk-table__row" role="row">
                <TableCell heading="Site">
                  <Link to={`/sites/${s.id}`}>{s.name}</Link>
                </TableCell>
                <TableCell heading="Description">{s.description || '—'}</TableCell>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
