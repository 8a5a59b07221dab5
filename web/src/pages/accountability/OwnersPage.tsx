import { Link } from 'react-router';
import { useOwners, type OwnerSummary } from '../../api/dashboard';
import LoadingMessage from '../../components/LoadingMessage';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import '../dashboard/dashboard.css';
import LoadProblem from '../dashboard/LoadProblem';
import ResponsiveTable from '../dashboard/ResponsiveTable';

function owned(n: number, attention: number, word: string) {
  if (n === 0) return '–';
  return (
    <>
      {n}
      {attention > 0 && (
        <>
          {' '}
          <span className="app-attention">({attention} {word})</span>
        </>
      )}
    </>
  );
}

function attention(o: OwnerSummary): number {
  return o.standards_breached + o.standards_missing + o.systems_breached + o.cycles_overdue + o.actions_overdue;
}

/**
 * OwnersPage lists everyone accountable for a standard, a system, a cycle or
 * an action, with what is breached or overdue — those needing attention first.
 */
export default function OwnersPage({ title }: PageProps) {
  const q = useOwners();
  usePageTitle(title, q.isError);
  const items = q.data ? [...q.data.items].sort((a, b) => attention(b) - attention(a) || a.name.localeCompare(b.name)) : [];
  return (
    <>
      <Link to="/dashboard" className="nhsuk-back-link">
        Dashboard
      </Link>
      <h1>{title}</h1>
      <p className="nhsuk-body-l">
        Who is accountable for each standard, system, improvement cycle and action, and what of it is breached or
        overdue.
      </p>
      {q.isPending && <LoadingMessage text="Loading owners…" />}
      {q.isError && <LoadProblem error={q.error} what="list of owners" onRetry={() => void q.refetch()} />}
      {q.data &&
        (items.length === 0 ? (
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>Nobody owns a standard, system, cycle or action yet.</p>
          </div>
        ) : (
          <ResponsiveTable
            caption="Accountable owners, those with most needing attention first"
            columns={[
              { label: 'Owner' },
              { label: 'Standards', numeric: true },
              { label: 'Systems', numeric: true },
              { label: 'Open cycles', numeric: true },
              { label: 'Actions to do', numeric: true },
            ]}
            rows={items.map((o) => ({
              key: o.id,
              cells: [
                <Link key="n" to={o.link}>
                  {o.name || 'A user no longer listed'}
                </Link>,
                owned(o.standards, o.standards_breached + o.standards_missing, 'breached or missing'),
                owned(o.systems, o.systems_breached, 'breaching'),
                owned(o.cycles, o.cycles_overdue, 'overdue'),
                owned(o.actions, o.actions_overdue, 'overdue'),
              ],
            }))}
          />
        ))}
    </>
  );
}
