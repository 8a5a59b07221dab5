import { Link } from 'react-router';
import type { Dashboard, DashboardTimeLost } from '../../api/dashboard';
import { formatDay, formatNumber, harmWords, plural } from './format';
import HoursChart from './HoursChart';

interface Props {
  experience: Dashboard['clinician_experience'];
  /** Whether the reader may open the triage queue the totals link to. */
  canTriage: boolean;
}

function TimeLostList({ items, what }: { items: DashboardTimeLost[]; what: string }) {
  if (items.length === 0) return <p>No time lost was reported in these weeks.</p>;
  return (
    <ol className="nhsuk-list app-ranked">
      {items.map((t) => (
        <li key={t.id}>
          <Link to={t.link}>{t.name || `A ${what} no longer listed`}</Link>{' '}
          <span className="app-ranked__figure">
            {plural(t.hours, 'hour', 'hours')}, {plural(t.reports, 'report', 'reports')}
          </span>
        </li>
      ))}
    </ol>
  );
}

/**
 * ClinicianExperience is what clinicians' reports say: hours lost to IT
 * week by week, where the time went, and reports of moderate or worse harm.
 */
export default function ClinicianExperience({ experience: ex, canTriage }: Props) {
  const fromStandard = ex.hours_lost.source === 'standard' && ex.hours_lost.standard;
  return (
    <>
      <p>
        From {formatDay(ex.from)} to {formatDay(ex.to)}, clinicians reported losing{' '}
        <strong>{formatNumber(ex.total_hours)} hours</strong> to IT in {plural(ex.reports, 'report', 'reports')}.
        {canTriage && (
          <>
            {' '}
            <Link to={ex.link}>
              See the reports
            </Link>
            .
          </>
        )}
      </p>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h3 className="nhsuk-heading-s">Hours lost per week</h3>
          {fromStandard && ex.hours_lost.standard && (
            <p className="nhsuk-body-s">
              From <Link to={ex.hours_lost.standard.link}>{ex.hours_lost.standard.code} {ex.hours_lost.standard.title}</Link>, the
              series derived from the reports.
            </p>
          )}
          <HoursChart points={ex.hours_lost.points} periodLabel="Week starting" />
        </div>
        <div className="nhsuk-grid-column-one-third">
          <h3 className="nhsuk-heading-s">Systems losing most time</h3>
          <TimeLostList items={ex.top_systems} what="system" />
          <h3 className="nhsuk-heading-s">Sites losing most time</h3>
          <TimeLostList items={ex.top_sites} what="site" />
        </div>
      </div>
      <h3 className="nhsuk-heading-s">Reports with moderate or worse harm to patients</h3>
      {ex.harm.count === 0 ? (
        <p>None in these weeks.</p>
      ) : (
        <>
          <p>
            {plural(ex.harm.count, 'report', 'reports')} of moderate or worse harm.
            {canTriage && (
              <>
                {' '}
                <Link to={ex.harm.link}>See them all</Link>.
              </>
            )}
          </p>
          <ul className="nhsuk-list app-harm-list">
            {ex.harm.reports.map((r) => (
              <li key={r.id}>
                <Link to={r.link}>{r.title}</Link>
                <span className="app-harm-list__detail">
                  {harmWords[r.harm] ?? r.harm}
                  {r.care_delayed ? ', care delayed' : ''}
                  {r.care_not_given ? ', care not given' : ''} · {r.system?.name ?? 'system not known'}, {r.site.name} ·{' '}
                  {formatDay(r.started_at.slice(0, 10))}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
