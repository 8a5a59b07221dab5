import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { downloadTransparencyCsv, useTransparency } from '../../api/dashboard';
import LoadingMessage from '../../components/LoadingMessage';
import { assuranceShort, variationShort } from '../../lib/spc';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import '../dashboard/dashboard.css';
import { formatDay, formatNumber, formatRate, formatValue, plural } from '../dashboard/format';
import LoadProblem from '../dashboard/LoadProblem';
import ResponsiveTable from '../dashboard/ResponsiveTable';
import { describeQuarter, recentQuarters } from './quarters';

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function monthName(ym: string): string {
  const [y, m] = ym.split('-').map(Number);
  return y && m ? `${months[m - 1]} ${y}` : ym;
}

/**
 * TransparencyPage is the quarterly report a trust can publish: compliance
 * with each standard, hours clinicians lost to IT and the improvement done.
 * It holds no patient or reporter detail — the server leaves it out.
 */
export default function TransparencyPage({ title }: PageProps) {
  const [params, setParams] = useSearchParams();
  const quarter = params.get('quarter') ?? '';
  const q = useTransparency(quarter);
  const [csvError, setCsvError] = useState<string | null>(null);
  usePageTitle(title, q.isError);
  const choices = recentQuarters(new Date(), 8);
  const t = q.data;

  function choose(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = String(new FormData(e.currentTarget).get('quarter') ?? '');
    setParams(v ? { quarter: v } : {});
  }

  return (
    <>
      <Link to="/dashboard" className="nhsuk-back-link app-no-print">
        Dashboard
      </Link>
      <h1>{title}</h1>
      <p className="nhsuk-body-l">
        A quarter&rsquo;s summary the organisation can publish: how its clinical IT met the agreed minimum standards,
        how much time IT cost clinicians, and what was done to improve it. It names no patient and no member of staff.
      </p>
      <form className="app-dashboard-filters app-no-print" onSubmit={choose} aria-label="Choose a quarter">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="quarter">
            Quarter
          </label>
          <select className="nhsuk-select" id="quarter" name="quarter" defaultValue={t?.quarter ?? quarter} key={t?.quarter ?? quarter}>
            {choices.map((c) => (
              <option key={c} value={c}>
                {describeQuarter(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="app-dashboard-filters__buttons">
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            Show quarter
          </button>
        </div>
      </form>

      {q.isPending && <LoadingMessage text="Loading the report…" />}
      {q.isError && <LoadProblem error={q.error} what="transparency report" onRetry={() => void q.refetch()} />}
      {t && (
        <div className={q.isPlaceholderData ? 'app-dashboard__stale' : undefined}>
          <h2>
            {describeQuarter(t.quarter)}
            {!t.complete && ' (so far)'}
          </h2>
          {!t.complete && (
            <div className="nhsuk-inset-text">
              <span className="nhsuk-u-visually-hidden">Information: </span>
              <p>This quarter is still running: its figures cover the periods complete so far.</p>
            </div>
          )}
          <p className="app-no-print">
            <button
              type="button"
              className="app-dashboard__csv"
              onClick={() => {
                setCsvError(null);
                downloadTransparencyCsv(t.quarter).catch(() => setCsvError('The CSV could not be downloaded. Try again.'));
              }}
            >
              Download this report as CSV
            </button>{' '}
            ·{' '}
            <button type="button" className="app-dashboard__csv" onClick={() => window.print()}>
              Print it
            </button>
          </p>
          {csvError && (
            <p className="nhsuk-error-message" role="alert">
              <span className="nhsuk-u-visually-hidden">Error:</span> {csvError}
            </p>
          )}
          <ul className="app-summary-figures">
            <li>
              <strong>{formatRate(t.summary.compliance_rate)}</strong> of periods met across {plural(t.summary.standards, 'standard', 'standards')}
            </li>
            <li>
              <strong>{t.summary.standards_always_met}</strong> standards met in every period
            </li>
            <li>
              <strong>{formatNumber(t.hours_lost.hours)}</strong> hours clinicians lost to IT
            </li>
            <li>
              <strong>{t.improvement.adopted}</strong> improvements adopted
            </li>
          </ul>

          <h3>Compliance with each standard</h3>
          <ResponsiveTable
            caption={`Periods of each standard from ${formatDay(t.from)} to ${formatDay(t.to)}`}
            columns={[
              { label: 'Standard' },
              { label: 'Threshold' },
              { label: 'Met', numeric: true },
              { label: 'Breached', numeric: true },
              { label: 'Excepted', numeric: true },
              { label: 'Missing', numeric: true },
              { label: 'Rate', numeric: true },
              { label: 'Chart at quarter end' },
            ]}
            rows={t.standards.map((s) => ({
              key: s.code,
              cells: [
                `${s.code} ${s.title}`,
                `${s.direction === 'lower_is_better' ? 'at most' : s.direction === 'higher_is_better' ? 'at least' : ''} ${formatValue(s.threshold, s.unit)}`.trim(),
                s.met,
                s.breached,
                s.excepted,
                s.missing,
                formatRate(s.compliance_rate),
                s.periods === 0 ? 'No periods' : `${variationShort(s.variation)} · ${assuranceShort(s.assurance)}`,
              ],
            }))}
          />

          <h3>Time clinicians lost to IT</h3>
          <p>
            {formatNumber(t.hours_lost.hours)} hours in {plural(t.hours_lost.reports, 'report', 'reports')};{' '}
            {plural(t.hours_lost.moderate_or_worse_harm_reports, 'report', 'reports')} of moderate or worse harm to a
            patient.
          </p>
          <div className="nhsuk-grid-row">
            <div className="nhsuk-grid-column-one-half">
              <ResponsiveTable
                caption="By month"
                columns={[{ label: 'Month' }, { label: 'Hours', numeric: true }, { label: 'Reports', numeric: true }]}
                rows={t.hours_lost.by_month.map((m) => ({ key: m.month, cells: [monthName(m.month), formatNumber(m.hours), m.reports] }))}
              />
            </div>
            <div className="nhsuk-grid-column-one-half">
              {t.hours_lost.by_system.length > 0 && (
                <ResponsiveTable
                  caption="By system"
                  columns={[{ label: 'System' }, { label: 'Supplier' }, { label: 'Hours', numeric: true }]}
                  rows={t.hours_lost.by_system.map((s, i) => ({
                    key: s.system ?? `unknown-${i}`,
                    cells: [s.system ?? 'System not known', s.supplier ?? '–', formatNumber(s.hours)],
                  }))}
                />
              )}
            </div>
          </div>

          <h3>Improvement done</h3>
          <p>
            {plural(t.improvement.cycles_closed, 'improvement cycle', 'improvement cycles')} finished:{' '}
            {t.improvement.adopted} adopted, {t.improvement.adapted} adapted, {t.improvement.abandoned} abandoned.{' '}
            {plural(t.improvement.actions_completed, 'improvement action', 'improvement actions')} completed.
          </p>
          {t.improvement.changes.length > 0 && (
            <ul className="nhsuk-list nhsuk-list--bullet">
              {t.improvement.changes.map((c) => (
                <li key={`${c.title}-${c.adopted_on}`}>
                  {c.title} (adopted {formatDay(c.adopted_on)})
                  {c.effects.map((e) => (
                    <span key={e.standard_code}>
                      ; {e.standard_code}: {formatValue(e.mean_before, e.unit)} before, {formatValue(e.mean_after, e.unit)} after
                      {e.better === null ? '' : e.better ? ' (better)' : ' (not better)'}
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}
