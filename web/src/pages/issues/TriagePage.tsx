import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useIssues, useReportSites, useReportSystems } from '../../api/issues';
import LoadingMessage from '../../components/LoadingMessage';
import ServiceProblem from '../../components/ServiceProblem';
import TextInput from '../../components/TextInput';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import { formatDateTime, formatMinutes, harmSummary, statusLabels } from './labels';
import { notSure } from './reportForm';
import SelectField from '../../components/SelectField';
import StatusTag from './StatusTag';
import { filtersFrom, filtersToParams, toQuery, type TriageFilters } from './triageQuery';

/** TriagePage is the triage queue: reports with filters, the most time lost first. */
export default function TriagePage({ title }: PageProps) {
  usePageTitle(title);
  const [params, setParams] = useSearchParams();
  const applied = filtersFrom(params);
  const cursor = params.get('cursor');
  const [draft, setDraft] = useState<TriageFilters>(applied);
  const sites = useReportSites();
  const systems = useReportSystems();
  const reports = useIssues(toQuery(applied, cursor));

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setParams(filtersToParams(draft));
  }
  function set<K extends keyof TriageFilters>(key: K, value: string) {
    setDraft((d) => ({ ...d, [key]: value }));
  }
  const next = reports.data?.next_cursor;
  const nextParams = new URLSearchParams(filtersToParams(applied));
  if (next) nextParams.set('cursor', next);

  return (
    <>
      <h1>{title}</h1>
      <p>
        Reports with the most clinician time lost come first. Group reports of one fault into a problem from a report&rsquo;s
        page; see all <Link to="/problems">problems</Link>.
      </p>
      <details className="nhsuk-details" open={params.toString() !== ''}>
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Filter reports</span>
        </summary>
        <div className="nhsuk-details__text">
          <form onSubmit={apply} noValidate aria-label="Filter reports">
            <SelectField
              id="filter-status"
              label="Status"
              options={[
                { value: 'open', label: 'Open (new, triaged, in progress)' },
                { value: 'all', label: 'Any status' },
                ...(['new', 'triaged', 'in_progress', 'resolved', 'closed'] as const).map((s) => ({ value: s, label: statusLabels[s] })),
              ]}
              value={draft.status}
              onChange={(e) => set('status', e.target.value)}
            />
            <SelectField
              id="filter-system"
              label="System"
              placeholder="Any system"
              options={[...(systems.data ?? []).map((s) => ({ value: s.id, label: s.name })), { value: notSure, label: 'Not sure' }]}
              value={draft.system}
              onChange={(e) => set('system', e.target.value)}
            />
            <SelectField
              id="filter-site"
              label="Site"
              placeholder="Any site"
              options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              value={draft.site}
              onChange={(e) => set('site', e.target.value)}
            />
            <SelectField
              id="filter-harm"
              label="Harm to patients"
              placeholder="Any, including none"
              options={[
                { value: 'low', label: 'Low or worse' },
                { value: 'moderate', label: 'Moderate or worse' },
                { value: 'severe', label: 'Severe or worse' },
                { value: 'fatal', label: 'Fatal' },
              ]}
              value={draft.harm}
              onChange={(e) => set('harm', e.target.value)}
            />
            <TextInput id="filter-from" label="Started on or after" type="date" widthClass="nhsuk-input--width-10" value={draft.from} onChange={(e) => set('from', e.target.value)} />
            <TextInput id="filter-to" label="Started on or before" type="date" widthClass="nhsuk-input--width-10" value={draft.to} onChange={(e) => set('to', e.target.value)} />
            <button className="nhsuk-button nhsuk-button--secondary" type="submit">
              Apply filters
            </button>
          </form>
        </div>
      </details>

      {reports.isPending && <LoadingMessage />}
      {reports.isError && <ServiceProblem problem={reports.error.problem} onRetry={() => void reports.refetch()} />}
      {reports.data && reports.data.items.length === 0 && <p>No reports match these filters.</p>}
      {reports.data && reports.data.items.length > 0 && (
        <table className="nhsuk-table-responsive">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">
            {cursor ? 'More reports' : 'Reports'}, most time lost first
          </caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Report</th>
              <th scope="col">Status</th>
              <th scope="col">System and site</th>
              <th scope="col">Started</th>
              <th scope="col" className="nhsuk-table__header--numeric">
                Time lost
              </th>
              <th scope="col">Harm</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {reports.data.items.map((r) => (
              <tr key={r.id} className="nhsuk-table__row">
                <td className="nhsuk-table__cell">
                  <span className="nhsuk-table-responsive__heading" aria-hidden="true">Report </span>
                  {/* One element beside the heading: on a phone the cell lays its children out in a row. */}
                  <span>
                    <Link to={`/reports/${r.id}`}>{r.title}</Link>
                    {r.problem && (
                      <>
                        <br />
                        <span className="nhsuk-body-s">Problem: {r.problem.name}</span>
                      </>
                    )}
                  </span>
                </td>
                <td className="nhsuk-table__cell">
                  <span className="nhsuk-table-responsive__heading" aria-hidden="true">Status </span>
                  <StatusTag status={r.status} />
                </td>
                <td className="nhsuk-table__cell">
                  <span className="nhsuk-table-responsive__heading" aria-hidden="true">System and site </span>
                  <span>
                    {r.system?.name ?? 'Not sure'}, {r.site.name}
                  </span>
                </td>
                <td className="nhsuk-table__cell">
                  <span className="nhsuk-table-responsive__heading" aria-hidden="true">Started </span>
                  {formatDateTime(r.started_at)}
                </td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">
                  <span className="nhsuk-table-responsive__heading" aria-hidden="true">Time lost </span>
                  <span>
                    {formatMinutes(r.total_minutes_lost)}
                    <span className="nhsuk-body-s"> ({r.people_affected} {r.people_affected === 1 ? 'person' : 'people'})</span>
                  </span>
                </td>
                <td className="nhsuk-table__cell">
                  <span className="nhsuk-table-responsive__heading" aria-hidden="true">Harm </span>
                  {harmSummary(r.physical_harm, r.psychological_harm)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(next || cursor) && (
        <nav className="nhsuk-pagination" role="navigation" aria-label="Pages of reports">
          <ul className="nhsuk-list nhsuk-pagination__list">
            {cursor && (
              <li className="nhsuk-pagination-item--previous">
                <Link className="nhsuk-pagination__link nhsuk-pagination__link--prev" to={{ search: filtersToParams(applied).toString() }}>
                  <span className="nhsuk-pagination__title">First page</span>
                </Link>
              </li>
            )}
            {next && (
              <li className="nhsuk-pagination-item--next">
                <Link className="nhsuk-pagination__link nhsuk-pagination__link--next" to={{ search: nextParams.toString() }}>
                  <span className="nhsuk-pagination__title">Next page</span>
                </Link>
              </li>
            )}
          </ul>
        </nav>
      )}
    </>
  );
}
