import {
  formatPeriod,
  formatValue,
  pointColour,
  pointTypeLabel,
  specialCauseLabel,
  type ChartPoint,
  type Period,
} from '../lib/spc';
import ComplianceTag from './SpcChartComplianceTag';

export type PointStatus = 'met' | 'breached' | 'excepted' | 'missing';

interface Props {
  points: readonly ChartPoint[];
  period?: Period;
  unit?: string;
  /** Compliance status by period start, when the series is a standard's. */
  statuses?: ReadonlyMap<string, PointStatus>;
  caption: string;
}

/** SpcChartTable is the chart as a table: every period's value, status and special cause. */
export default function SpcChartTable({ points, period, unit, statuses, caption }: Props) {
  return (
    <div className="app-spc__scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="nhsuk-table app-spc__table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              Period
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              Value
            </th>
            {statuses && (
              <th scope="col" className="nhsuk-table__header">
                Status
              </th>
            )}
            <th scope="col" className="nhsuk-table__header">
              Special cause
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              Mean (limits)
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {points.map((p) => {
            const status = statuses?.get(p.period);
            return (
              <tr key={p.period} className="nhsuk-table__row" data-period={p.period}>
                <th scope="row" className="nhsuk-table__header app-spc__period">
                  {formatPeriod(p.period, period, true)}
                </th>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">
                  {p.value === null ? <span className="app-spc__muted">No value</span> : formatValue(p.value, unit, 3)}
                </td>
                {statuses && <td className="nhsuk-table__cell">{status ? <ComplianceTag status={status} /> : '—'}</td>}
                <td className="nhsuk-table__cell">
                  {p.value === null ? (
                    '—'
                  ) : (
                    <>
                      <span className="app-spc__dot" style={{ background: pointColour(p.point_type) }} aria-hidden="true" />
                      {pointTypeLabel(p.point_type)}
                      {p.special_cause && <span className="app-spc__rule">{specialCauseLabel(p.special_cause)}</span>}
                    </>
                  )}
                </td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">
                  {p.mean === null ? '—' : formatValue(p.mean, unit, 3)}
                  {p.lower_limit !== null && p.upper_limit !== null && (
                    <span className="app-spc__limits">
                      {' '}
                      ({formatValue(p.lower_limit, unit, 3)} to {formatValue(p.upper_limit, unit, 3)})
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
