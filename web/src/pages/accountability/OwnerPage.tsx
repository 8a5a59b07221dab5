import { Link, useParams } from 'react-router';
import { useOwner } from '../../api/dashboard';
import LoadingMessage from '../../components/LoadingMessage';
import MdcIconAssurance from '../../components/MdcIconAssurance';
import MdcIconVariation from '../../components/MdcIconVariation';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import CountsTags from '../dashboard/CountsTags';
import '../dashboard/dashboard.css';
import { formatDay, formatPeriod, formatValue, plural, stageWords } from '../dashboard/format';
import LoadProblem from '../dashboard/LoadProblem';
import ResponsiveTable from '../dashboard/ResponsiveTable';
import StatusTag from '../dashboard/StatusTag';

const actionStatusWords: Record<string, string> = { open: 'Open', in_progress: 'In progress', done: 'Done', cancelled: 'Cancelled' };

/** OwnerPage is what one person is accountable for, with what is breached or overdue. */
export default function OwnerPage({ title }: PageProps) {
  const { id = '' } = useParams();
  const q = useOwner(id);
  usePageTitle(q.data ? `${q.data.name}: accountability` : title, q.isError);
  const o = q.data;
  return (
    <>
      <Link to="/owners" className="nhsuk-back-link">
        Accountability
      </Link>
      {q.isPending && <LoadingMessage text="Loading…" />}
      {q.isError && (
        <>
          <h1>{title}</h1>
          <LoadProblem error={q.error} what="owner" onRetry={() => void q.refetch()} />
        </>
      )}
      {o && (
        <>
          <span className="nhsuk-caption-l">Accountable owner</span>
          <h1>{o.name || 'A user no longer listed'}</h1>
          <ul className="app-summary-figures">
            <li>
              <strong>{o.standards_breached + o.standards_missing}</strong> of {plural(o.standards, 'standard', 'standards')}{' '}
              breached or missing data
            </li>
            <li>
              <strong>{o.systems_breached}</strong> of {plural(o.systems, 'system', 'systems')} breaching a standard
            </li>
            <li>
              <strong>{o.cycles_overdue}</strong> of {plural(o.cycles, 'open cycle', 'open cycles')} overdue
            </li>
            <li>
              <strong>{o.actions_overdue}</strong> of {plural(o.actions, 'action', 'actions')} overdue
            </li>
          </ul>

          <h2>Standards</h2>
          {o.standard_list.length === 0 ? (
            <p>None.</p>
          ) : (
            <ResponsiveTable
              caption="Standards owned, in their last complete period"
              columns={[{ label: 'Standard' }, { label: 'Period' }, { label: 'Status' }, { label: 'Value', numeric: true }, { label: 'Chart' }]}
              rows={o.standard_list.map((s) => ({
                key: s.standard.id,
                cells: [
                  <Link key="s" to={s.link}>
                    {s.standard.code} {s.standard.title}
                  </Link>,
                  formatPeriod(s.period_start, s.standard.period),
                  <StatusTag key="t" status={s.status} />,
                  formatValue(s.value, s.standard.unit),
                  <span key="i" className="app-icons">
                    <MdcIconVariation variation={s.variation} size={30} />
                    <MdcIconAssurance assurance={s.assurance} size={30} />
                  </span>,
                ],
              }))}
            />
          )}

          <h2>Systems</h2>
          {o.system_list.length === 0 ? (
            <p>None.</p>
          ) : (
            <ResponsiveTable
              caption="Systems owned, against the standards that apply to them"
              columns={[{ label: 'System' }, { label: 'Standards' }, { label: 'Needs attention' }]}
              rows={o.system_list.map((s) => ({
                key: s.id,
                cells: [
                  <Link key="s" to={s.link}>
                    {s.name}
                  </Link>,
                  <CountsTags key="c" counts={s.compliance} />,
                  s.breached.length + s.missing.length === 0 ? (
                    'Nothing'
                  ) : (
                    <span key="a">
                      {s.breached.map((b) => (
                        <span key={b.id} className="app-attention">
                          <Link to={`${b.link}?system=${s.id}`}>{b.code}</Link> breached{' '}
                        </span>
                      ))}
                      {s.missing.map((m) => (
                        <span key={m.id}>
                          <Link to={`${m.link}?system=${s.id}`}>{m.code}</Link> missing data{' '}
                        </span>
                      ))}
                    </span>
                  ),
                ],
              }))}
            />
          )}

          <h2>Improvement cycles</h2>
          {o.cycle_list.length === 0 ? (
            <p>No open cycles.</p>
          ) : (
            <ul className="nhsuk-list app-ranked">
              {o.cycle_list.map((c) => (
                <li key={c.id}>
                  <Link to={c.link}>{c.title}</Link>
                  <span className="app-ranked__figure">
                    {stageWords[c.stage] ?? c.stage}
                    {c.planned_end && <>, planned to end {formatDay(c.planned_end)}</>}
                    {c.overdue && <span className="app-attention"> – overdue</span>}
                  </span>
                </li>
              ))}
            </ul>
          )}

          <h2>Actions</h2>
          {o.action_list.length === 0 ? (
            <p>No actions to do.</p>
          ) : (
            <ul className="nhsuk-list app-ranked">
              {o.action_list.map((a) => (
                <li key={a.id}>
                  <Link to={a.link}>{a.title}</Link>
                  <span className="app-ranked__figure">
                    {actionStatusWords[a.status] ?? a.status}, due {formatDay(a.due_on)}
                    {a.overdue && <span className="app-attention"> – {plural(a.days_overdue, 'day', 'days')} overdue</span>}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
