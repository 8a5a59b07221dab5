import { useEffect } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useSupplier, type SupplierSystem } from '../../api/dashboard';
import LoadingMessage from '../../components/LoadingMessage';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import CountsTags from '../dashboard/CountsTags';
import '../dashboard/dashboard.css';
import { formatDay, formatNumber, formatPeriod, formatRate, formatValue, plural } from '../dashboard/format';
import LoadProblem from '../dashboard/LoadProblem';
import ResponsiveTable from '../dashboard/ResponsiveTable';
import StatusTag from '../dashboard/StatusTag';

const criticalityWords: Record<string, string> = { critical: 'Critical', high: 'High', standard: 'Standard' };

function SystemSection({ s }: { s: SupplierSystem }) {
  return (
    <section id={`system-${s.id}`} aria-labelledby={`system-${s.id}-heading`} className="app-supplier-system">
      <h2 id={`system-${s.id}-heading`}>{s.name}</h2>
      <dl className="nhsuk-summary-list">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Criticality</dt>
          <dd className="nhsuk-summary-list__value">{criticalityWords[s.criticality] ?? s.criticality}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Accountable owner</dt>
          <dd className="nhsuk-summary-list__value">{s.owner ? <Link to={s.owner.link}>{s.owner.name}</Link> : 'None recorded'}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Standards</dt>
          <dd className="nhsuk-summary-list__value">
            {s.standards.length === 0 ? (
              'No standards apply'
            ) : (
              <>
                <CountsTags counts={s.compliance} /> · rolling {formatRate(s.rolling_rate)} ·{' '}
                <Link to={s.link}>dashboard for {s.name}</Link>
              </>
            )}
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Time clinicians lost</dt>
          <dd className="nhsuk-summary-list__value">
            {plural(s.hours_lost, 'hour', 'hours')} in {plural(s.reports, 'report', 'reports')}
          </dd>
        </div>
      </dl>
      {s.standards.length > 0 && (
        <ResponsiveTable
          caption={`${s.name} against each standard`}
          columns={[{ label: 'Standard' }, { label: 'Period' }, { label: 'Status' }, { label: 'Value', numeric: true }, { label: 'Rolling', numeric: true }]}
          rows={s.standards.map((x) => ({
            key: x.standard.id,
            cells: [
              <Link key="s" to={x.link}>
                {x.standard.code} {x.standard.title}
              </Link>,
              formatPeriod(x.period_start, x.standard.period),
              <StatusTag key="t" status={x.status} />,
              formatValue(x.value, x.standard.unit),
              formatRate(x.rolling_rate),
            ],
          }))}
        />
      )}
      <h3 className="nhsuk-heading-s">Open problems</h3>
      {s.problems.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul className="nhsuk-list app-ranked">
          {s.problems.map((p) => (
            <li key={p.id}>
              <Link to={p.link}>{p.title}</Link>
              <span className="app-ranked__figure">
                Open {plural(p.age_days, 'day', 'days')} (since {formatDay(p.created_at.slice(0, 10))}),{' '}
                {plural(p.reports, 'report', 'reports')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** SupplierPage is one supplier: each of its systems against each standard, time lost to it and its open problems. */
export default function SupplierPage({ title }: PageProps) {
  const { name = '' } = useParams();
  const q = useSupplier(name);
  const { hash } = useLocation();
  usePageTitle(q.data ? q.data.name : title, q.isError);
  useEffect(() => {
    if (q.data && hash) document.getElementById(hash.slice(1))?.scrollIntoView();
  }, [q.data, hash]);
  return (
    <>
      <Link to="/suppliers" className="nhsuk-back-link">
          Suppliers
        </Link>
      {q.isPending && <LoadingMessage text="Loading the supplier…" />}
      {q.isError && (
        <>
          <h1>{title}</h1>
          <LoadProblem error={q.error} what="supplier" onRetry={() => void q.refetch()} />
        </>
      )}
      {q.data && (
        <>
          <span className="nhsuk-caption-l">Supplier</span>
          <h1>{q.data.name}</h1>
          <ul className="app-summary-figures">
            <li>
              <strong>{q.data.systems.length}</strong> {q.data.systems.length === 1 ? 'system' : 'systems'}
            </li>
            <li>
              <strong>{formatRate(q.data.rolling_rate)}</strong> rolling compliance
            </li>
            <li>
              <strong>{formatNumber(q.data.hours_lost)}</strong> hours lost ({formatDay(q.data.window_from)} to{' '}
              {formatDay(q.data.window_to)})
            </li>
            <li>
              <strong>{q.data.open_problems}</strong> open {q.data.open_problems === 1 ? 'problem' : 'problems'}
              {q.data.oldest_problem_days !== null && <>, oldest {plural(q.data.oldest_problem_days, 'day', 'days')}</>}
            </li>
          </ul>
          <p>
            Standards in each system&rsquo;s last complete period: <CountsTags counts={q.data.compliance} />
          </p>
          {q.data.system_details.map((s) => (
            <SystemSection key={s.id} s={s} />
          ))}
        </>
      )}
    </>
  );
}
