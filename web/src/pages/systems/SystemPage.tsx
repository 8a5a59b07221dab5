import { Link, useParams } from 'react-router';
import type { ProblemError } from '../../api/problem';
import { useLastCompliance, usePeople, useSystem } from '../../api/standards';
import { useMe } from '../../api/useMe';
import ErrorSummary from '../../components/ErrorSummary';
import LoadingMessage from '../../components/LoadingMessage';
import SpcChartComplianceTag from '../../components/SpcChartComplianceTag';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import { criticalityLabels, criticalityTagColours, statusLabels, statusTagColours } from '../standards/labels';
import SummaryRow from '../standards/SummaryRow';
import SystemLinks from './SystemLinks';
import TableCell from '../standards/TableCell';
import '../standards/catalogue.css';

/** SystemPage shows one IT system: supplier, owner, sites, dependencies and the standards it is held to. */
export default function SystemPage({ title }: PageProps) {
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const system = useSystem(id);
  const last = useLastCompliance();
  const { people } = usePeople();
  const s = system.data;
  usePageTitle(s ? s.name : title, system.error !== null);

  if (system.isLoading) return <LoadingMessage text="Loading the system…" />;
  if (!s) {
    const problem = (system.error as ProblemError | null)?.problem;
    return (
      <>
        <h1>{problem?.status === 404 ? 'System not found' : title}</h1>
        {problem && problem.status !== 404 && <ErrorSummary problem={problem} />}
        <p>
          <Link to="/systems">Go to the list of systems</Link>
        </p>
      </>
    );
  }
  const canManage = me?.permissions.includes('sites.manage') ?? false;
  return (
    <>
      <div className="nhsuk-back-link">
        <Link className="nhsuk-back-link__link" to="/systems">
          All systems
        </Link>
      </div>
      <span className="nhsuk-caption-l">{s.supplier || 'IT system'}</span>
      <h1 className="app-cat-heading-with-tag">
        {s.name}{' '}
        <strong className={`nhsuk-tag nhsuk-tag--${criticalityTagColours[s.criticality]}`}>
          {criticalityLabels[s.criticality]}
        </strong>
      </h1>
      {s.description && <p className="nhsuk-body-l">{s.description}</p>}
      {canManage && (
        <p>
          <Link to={`/systems/${s.id}/edit`}>
            Change this system<span className="nhsuk-u-visually-hidden"> ({s.name})</span>
          </Link>
        </p>
      )}
      <dl className="nhsuk-summary-list">
        <SummaryRow label="Supplier">{s.supplier || 'Not recorded'}</SummaryRow>
        <SummaryRow label="Criticality">{criticalityLabels[s.criticality]}</SummaryRow>
        <SummaryRow label="Accountable owner">
          {s.owner_id === null ? 'No owner yet' : (people.get(s.owner_id)?.name ?? 'Named owner (ask an administrator)')}
        </SummaryRow>
        <SummaryRow label="Used at">
          {s.sites.length === 0 ? (
            'No sites recorded'
          ) : (
            <ul className="nhsuk-list app-cat-inline-list">
              {s.sites.map((x) => (
                <li key={x.id}>
                  <Link to={`/sites/${x.id}`}>{x.name}</Link>
                </li>
              ))}
            </ul>
          )}
        </SummaryRow>
        <SummaryRow label="Depends on">
          <SystemLinks systems={s.dependencies} none="No other system" />
        </SummaryRow>
        <SummaryRow label="Depended on by">
          <SystemLinks systems={s.dependants} none="No other system" />
        </SummaryRow>
      </dl>

      <h2>Standards in scope</h2>
      {s.standards.length === 0 ? (
        <p>No standard applies to this system yet.</p>
      ) : (
        <table className="nhsuk-table nhsuk-table--responsive" role="table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Standards in scope</caption>
          <thead className="nhsuk-table__head" role="rowgroup">
            <tr className="nhsuk-table__row" role="row">
              {['Code', 'Standard', 'Status', 'Last period'].map((h) => (
                <th key={h} role="columnheader" scope="col" className="nhsuk-table__header">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {s.standards.map((st) => {
              const result = last.data?.get(st.id);
              return (
                <tr key={st.id} className="nhsuk-table__row" role="row">
                  <TableCell heading="Code">
                    <span className="app-cat-code">{st.code}</span>
                  </TableCell>
                  <TableCell heading="Standard">
                    <Link to={`/standards/${st.id}?system=${s.id}`}>{st.title}</Link>
                  </TableCell>
                  <TableCell heading="Status">
                    <strong className={`nhsuk-tag nhsuk-tag--${statusTagColours[st.status]}`}>{statusLabels[st.status]}</strong>
                  </TableCell>
                  <TableCell heading="Last period">
                    {result ? <SpcChartComplianceTag status={result} /> : st.status === 'active' ? 'Not judged yet' : 'Not judged'}
                  </TableCell>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p className="app-cat-muted">
        The last period&rsquo;s result is the whole organisation&rsquo;s. Each standard&rsquo;s page shows this system&rsquo;s own
        values.
      </p>
    </>
  );
}
