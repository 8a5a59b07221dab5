import { Link, useParams } from 'react-router';
import type { ProblemError } from '../../api/problem';
import { useSite } from '../../api/standards';
import { useMe } from '../../api/useMe';
import ErrorSummary from '../../components/ErrorSummary';
import LoadingMessage from '../../components/LoadingMessage';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import { criticalityLabels, criticalityTagColours } from '../standards/labels';
import TableCell from '../standards/TableCell';
import '../standards/catalogue.css';

/** SitePage shows one site and the IT systems used there. */
export default function SitePage({ title }: PageProps) {
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const site = useSite(id);
  const s = site.data;
  usePageTitle(s ? s.name : title, site.error !== null);
  if (site.isLoading) return <LoadingMessage text="Loading the site…" />;
  if (!s) {
    const problem = (site.error as ProblemError | null)?.problem;
    return (
      <>
        <h1>{problem?.status === 404 ? 'Site not found' : title}</h1>
        {problem && problem.status !== 404 && <ErrorSummary problem={problem} />}
        <p>
          <Link to="/sites">Go to the list of sites</Link>
        </p>
      </>
    );
  }
  const canManage = me?.permissions.includes('sites.manage') ?? false;
  return (
    <>
      <div className="nhsuk-back-link">
        <Link className="nhsuk-back-link__link" to="/sites">
          All sites
        </Link>
      </div>
      <span className="nhsuk-caption-l">Site</span>
      <h1>{s.name}</h1>
      {s.description && <p className="nhsuk-body-l">{s.description}</p>}
      {canManage && (
        <p>
          <Link to={`/sites/${s.id}/edit`}>
            Change this site<span className="nhsuk-u-visually-hidden"> ({s.name})</span>
          </Link>
        </p>
      )}
      <h2>Systems used here</h2>
      {s.systems.length === 0 ? (
        <p>No system is recorded as used at this site.</p>
      ) : (
        <table className="nhsuk-table nhsuk-table--responsive" role="table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Systems used at {s.name}</caption>
          <thead className="nhsuk-table__head" role="rowgroup">
            <tr className="nhsuk-table__row" role="row">
              <th role="columnheader" scope="col" className="nhsuk-table__header">
                System
              </th>
              <th role="columnheader" scope="col" className="nhsuk-table__header">
                Criticality
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {s.systems.map((x) => (
              <tr key={x.id} className="nhsuk-table__row" role="row">
                <TableCell heading="System">
                  <Link to={`/systems/${x.id}`}>{x.name}</Link>
                </TableCell>
                <TableCell heading="Criticality">
                  <strong className={`nhsuk-tag nhsuk-tag--${criticalityTagColours[x.criticality]}`}>{criticalityLabels[x.criticality]}</strong>
                </TableCell>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
