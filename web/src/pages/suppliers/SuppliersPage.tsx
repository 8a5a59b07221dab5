import { Link } from 'react-router';
import { useSuppliers } from '../../api/dashboard';
import LoadingMessage from '../../components/LoadingMessage';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import CountsTags from '../dashboard/CountsTags';
import '../dashboard/dashboard.css';
import { formatDay, formatNumber, formatRate, plural } from '../dashboard/format';
import LoadProblem from '../dashboard/LoadProblem';
import ResponsiveTable from '../dashboard/ResponsiveTable';

/**
 * SuppliersPage compares suppliers: what each one's systems deliver against
 * the standards, the time clinicians lost to them, and their open problems.
 */
export default function SuppliersPage({ title }: PageProps) {
  const q = useSuppliers();
  usePageTitle(title, q.isError);
  return (
    <>
      <Link to="/dashboard" className="nhsuk-back-link">
          Dashboard
        </Link>
      <h1>{title}</h1>
      <p className="nhsuk-body-l">
        What each supplier&rsquo;s systems deliver against the standards, and what they cost clinicians.
      </p>
      {q.isPending && <LoadingMessage text="Loading suppliers…" />}
      {q.isError && <LoadProblem error={q.error} what="list of suppliers" onRetry={() => void q.refetch()} />}
      {q.data &&
        (q.data.items.length === 0 ? (
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>No system has a supplier recorded yet.</p>
          </div>
        ) : (
          <ResponsiveTable
            caption={`Suppliers: standards in each system's last complete period; time lost ${formatDay(q.data.window_from)} to ${formatDay(q.data.window_to)}`}
            columns={[
              { label: 'Supplier' },
              { label: 'Systems' },
              { label: 'Standards' },
              { label: 'Rolling', numeric: true },
              { label: 'Hours lost', numeric: true },
              { label: 'Open problems', numeric: true },
            ]}
            rows={q.data.items.map((s) => ({
              key: s.name,
              cells: [
                <Link key="n" to={s.link}>
                  {s.name}
                </Link>,
                s.systems.map((x) => x.name).join(', '),
                <CountsTags key="c" counts={s.compliance} />,
                formatRate(s.rolling_rate),
                `${formatNumber(s.hours_lost)} (${plural(s.reports, 'report', 'reports')})`,
                s.open_problems === 0
                  ? 'None'
                  : `${s.open_problems}, oldest ${plural(s.oldest_problem_days ?? 0, 'day', 'days')}`,
              ],
            }))}
          />
        ))}
    </>
  );
}
