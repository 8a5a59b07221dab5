import { Link, useSearchParams } from 'react-router';
import { useDashboard, type Dashboard } from '../../api/dashboard';
import LoadingMessage from '../../components/LoadingMessage';
import { assuranceText, variationText } from '../../lib/spc';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import './dashboard.css';
import { filterFrom } from './filter';
import { categoryWords, formatDay, formatNumber, formatPeriod, formatRate, formatValue, plural, signed, stageWords, statusWords } from './format';
import LoadProblem from './LoadProblem';
import { cellsOf } from './matrix';

function describeFilter(d: Dashboard): string {
  const parts: string[] = [];
  const site = d.options.sites.find((s) => s.id === d.filters.site_id);
  const system = d.options.systems.find((s) => s.id === d.filters.system_id);
  if (site) parts.push(`site ${site.name}`);
  if (system) parts.push(`system ${system.name}`);
  if (d.filters.category) parts.push(`${(categoryWords[d.filters.category] ?? d.filters.category).toLowerCase()} standards`);
  return parts.length ? `Filtered to ${parts.join(', ')}.` : 'All sites, systems and standards.';
}

/**
 * PrintSummaryPage is the dashboard as a document for a board paper: the
 * same figures in words and tables, laid out for print (the print
 * stylesheet drops the header, navigation and buttons).
 */
export default function PrintSummaryPage({ title }: PageProps) {
  const [params] = useSearchParams();
  const filter = filterFrom(params);
  const q = useDashboard(filter);
  usePageTitle(title, q.isError);
  if (q.isPending) return <LoadingMessage text="Loading the summary…" />;
  if (q.isError) return <LoadProblem error={q.error} what="summary" onRetry={() => void q.refetch()} />;
  const d = q.data;
  const h = d.headline;
  const ex = d.clinician_experience;
  const im = d.improvement;
  const generated = new Date(d.generated_at).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' });
  return (
    <div className="app-print">
      <p className="app-no-print">
        <Link to={`/dashboard${params.toString() ? `?${params.toString()}` : ''}`}>Back to the dashboard</Link>
      </p>
      <h1>IT standards: summary for the board</h1>
      <p className="nhsuk-body-l">
        As of {generated}. {describeFilter(d)}
      </p>
      <button type="button" className="nhsuk-button nhsuk-button--secondary app-no-print" onClick={() => window.print()}>
        Print this summary
      </button>

      <h2>Headline</h2>
      <ul className="app-summary-figures">
        <li>
          <strong>{h.active_standards}</strong> active standards
        </li>
        {(['met', 'breached', 'excepted', 'missing'] as const).map((s) => (
          <li key={s}>
            <strong>{h.last_period[s]}</strong> {statusWords[s].toLowerCase()} ({signed(h.change[s])} on the period before)
          </li>
        ))}
        <li>
          <strong>{formatRate(h.rolling_rate)}</strong> rolling compliance (was {formatRate(h.previous_rolling_rate)})
        </li>
      </ul>

      <h2>Compliance with each standard</h2>
      <div className="app-table-scroll">
        <table className="nhsuk-table">
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Standard</th>
              <th scope="col">Last period</th>
              <th scope="col">Status</th>
              <th scope="col">Chart</th>
              <th scope="col">Rolling</th>
              <th scope="col">Systems breached or missing</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {d.matrix.rows.map((r) => {
              const findings = cellsOf(r, d.matrix).filter((c) => c.status === 'breached' || c.status === 'missing');
              return (
                <tr key={r.standard.id}>
                  <th scope="row">
                    <Link to={r.link}>{r.standard.code}</Link> {r.standard.title}
                  </th>
                  <td>{formatPeriod(r.period_start, r.standard.period)}</td>
                  <td>
                    {statusWords[r.status]}
                    {r.organisation.value === null ? '' : `, ${formatValue(r.organisation.value, r.standard.unit)}`} (threshold{' '}
                    {formatValue(r.standard.threshold, r.standard.unit)})
                  </td>
                  <td>
                    {variationText(r.variation)} {assuranceText(r.assurance)}
                    {r.provisional ? ' Provisional limits.' : ''}
                  </td>
                  <td>{formatRate(r.rolling_rate)}</td>
                  <td>
                    {findings.length === 0
                      ? 'None'
                      : findings.map((c) => `${c.system.name} (${statusWords[c.status].toLowerCase()})`).join(', ')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h2>Clinician experience</h2>
      <p>
        From {formatDay(ex.from)} to {formatDay(ex.to)}: {formatNumber(ex.total_hours)} hours lost to IT in{' '}
        {plural(ex.reports, 'report', 'reports')}; {plural(ex.harm.count, 'report', 'reports')} of moderate or worse harm.
      </p>
      {ex.top_systems.length > 0 && (
        <p>
          Most time lost to: {ex.top_systems.map((t) => `${t.name} (${formatNumber(t.hours)} h)`).join(', ')}. At:{' '}
          {ex.top_sites.map((t) => `${t.name} (${formatNumber(t.hours)} h)`).join(', ')}.
        </p>
      )}

      <h2>Improvement</h2>
      <p>
        Cycles: {im.cycles_by_stage.map((s) => `${stageWords[s.stage] ?? s.stage} ${s.count}`).join(', ')}.
      </p>
      <h3 className="nhsuk-heading-s">Changes adopted since {formatDay(im.adopted_since)}</h3>
      {im.adopted_changes.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {im.adopted_changes.map((a) => (
            <li key={a.cycle.id}>
              {a.cycle.name} ({formatDay(a.adopted_on)})
              {a.effects.map((e) => (
                <span key={e.standard.id}>
                  ; {e.standard.code}: {formatValue(e.mean_before, e.standard.unit)} → {formatValue(e.mean_after, e.standard.unit)}
                  {e.better === null ? '' : e.better ? ' (better)' : ' (not better)'}
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
      <h3 className="nhsuk-heading-s">Overdue actions</h3>
      {im.overdue_actions.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {im.overdue_actions.map((o) => (
            <li key={o.owner.id}>
              {o.owner.name}: {o.actions.map((a) => `${a.title} (${plural(a.days_overdue, 'day', 'days')} late)`).join('; ')}
            </li>
          ))}
        </ul>
      )}
      <h3 className="nhsuk-heading-s">Awaiting the board</h3>
      {im.awaiting_board.length === 0 ? (
        <p>Nothing.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {im.awaiting_board.map((a, i) => (
            <li key={`${a.kind}-${a.id ?? i}`}>{a.title}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
