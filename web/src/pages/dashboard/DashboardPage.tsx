import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { downloadDashboardCsv, useDashboard, type DashboardFilter } from '../../api/dashboard';
import { useMe } from '../../api/useMe';
import LoadingMessage from '../../components/LoadingMessage';
import { firstName } from '../../lib/roles';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import ClinicianExperience from './ClinicianExperience';
import ComplianceMatrix from './ComplianceMatrix';
import DashboardFilters from './DashboardFilters';
import DashboardWelcome from './DashboardWelcome';
import { filterFrom } from './filter';
import './dashboard.css';
import Headline from './Headline';
import ImprovementSection from './ImprovementSection';
import LoadProblem from './LoadProblem';
import { useRenderMark } from './useRenderMark';

interface Props extends PageProps {
  /** Shown as the home page: greet the reader. */
  greeting?: boolean;
}

/**
 * DashboardPage is where the organisation stands, in one call: the headline,
 * the compliance matrix, clinician experience and improvement, each linking
 * to its evidence. Executives and board members land on it.
 */
export default function DashboardPage({ title, greeting = false }: Props) {
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const { data: me } = useMe();
  const q = useDashboard(filter);
  const [csvError, setCsvError] = useState<string | null>(null);
  usePageTitle(title, q.isError);
  useRenderMark('dashboard-rendered', q.data !== undefined);

  function applyFilter(f: DashboardFilter) {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v) next.set(k, v);
    setParams(next);
  }

  const heading = greeting && me ? `Hello, ${firstName(me.name)}` : title === 'Home' ? 'Dashboard' : title;
  const byPlace = filter.site_id !== '' || filter.system_id !== '';
  const d = q.data;
  return (
    <div className="app-dashboard">
      <h1 className="app-dashboard__title">{heading}</h1>
      <p className="nhsuk-body-l app-dashboard__lead">
        {greeting ? 'Here is where the organisation stands' : 'Where the organisation stands'} against its IT minimum
        standards, what clinicians report, and the improvement under way.
      </p>
      {greeting && me && <DashboardWelcome roles={me.roles} />}
      <nav className="app-dashboard__views" aria-label="Dashboard views and exports">
        <ul className="app-dashboard__views-list">
          <li>
            <Link to="/suppliers">Suppliers</Link>
          </li>
          <li>
            <Link to="/owners">Accountability</Link>
          </li>
          <li>
            <Link to={`/dashboard/print${params.toString() ? `?${params.toString()}` : ''}`}>Printable summary</Link>
          </li>
          <li>
            <Link to="/transparency">Transparency report</Link>
          </li>
          <li>
            <button
              type="button"
              className="app-dashboard__csv"
              onClick={() => {
                setCsvError(null);
                downloadDashboardCsv(filter).catch(() => setCsvError('The CSV could not be downloaded. Try again.'));
              }}
            >
              Download as CSV
            </button>
          </li>
        </ul>
        {csvError && (
          <p className="nhsuk-error-message" role="alert">
            <span className="nhsuk-u-visually-hidden">Error:</span> {csvError}
          </p>
        )}
      </nav>

      {q.isPending && <LoadingMessage text="Loading the dashboard…" />}
      {q.isError && <LoadProblem error={q.error} what="dashboard" onRetry={() => void q.refetch()} />}
      {d && (
        <>
          <DashboardFilters filter={filter} options={d.options} onChange={applyFilter} />
          <div aria-busy={q.isFetching} className={q.isPlaceholderData ? 'app-dashboard__stale' : undefined}>
            <Headline headline={d.headline} category={filter.category} byPlace={byPlace} />

            <section aria-labelledby="matrix-heading">
              <h2 id="matrix-heading">Compliance with each standard</h2>
              <ComplianceMatrix matrix={d.matrix} />
            </section>

            <section aria-labelledby="experience-heading">
              <h2 id="experience-heading">Clinician experience</h2>
              <ClinicianExperience
                experience={d.clinician_experience}
                canTriage={me?.permissions.includes('issues.triage') ?? false}
              />
            </section>

            <section aria-labelledby="improvement-heading">
              <h2 id="improvement-heading">Improvement</h2>
              <ImprovementSection improvement={d.improvement} />
            </section>

            <p className="nhsuk-body-s app-dashboard__generated">
              Figures as of {new Date(d.generated_at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}.
            </p>
          </div>
        </>
      )}
    </div>
  );
}
