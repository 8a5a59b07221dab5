import { Link } from 'react-router';
import type { Dashboard, DashboardRow } from '../../api/dashboard';
import MdcIconAssurance from '../../components/MdcIconAssurance';
import MdcIconVariation from '../../components/MdcIconVariation';
import Sparkline from '../../components/Sparkline';
import { assuranceShort, variationShort } from '../../lib/spc';
import { formatPeriod, formatRate, formatValue } from './format';
import { cellsOf, sparkPoints } from './matrix';
import { sparklineLabel } from './sparkline';
import StatusMark from './StatusMark';
import StatusTag from './StatusTag';

interface Props {
  matrix: Dashboard['matrix'];
}

function Spark({ row }: { row: DashboardRow }) {
  const points = sparkPoints(row);
  return (
    <Sparkline
      points={points}
      label={sparklineLabel(points, row.standard.unit, row.standard.period)}
      reference={row.standard.threshold}
    />
  );
}

function Icons({ row, showLabel = false }: { row: DashboardRow; showLabel?: boolean }) {
  return (
    <span className={showLabel ? 'app-icons app-icons--labelled' : 'app-icons'}>
      <span className="app-mdc-icon-pair">
        <MdcIconVariation variation={row.variation} size={30} />
        {showLabel && <span className="app-mdc-icon__label">{variationShort(row.variation)}</span>}
      </span>
      <span className="app-mdc-icon-pair">
        <MdcIconAssurance assurance={row.assurance} size={30} />
        {showLabel && <span className="app-mdc-icon__label">{assuranceShort(row.assurance)}</span>}
      </span>
      {row.provisional && <span className="app-provisional">Provisional limits (fewer than 13 points)</span>}
    </span>
  );
}

function CardSystems({ row, matrix }: { row: DashboardRow; matrix: Dashboard['matrix'] }) {
  const cells = cellsOf(row, matrix);
  if (cells.length === 0) return null;
  return (
    <ul className="app-matrix-card__systems" aria-label={`${row.standard.code} by system`}>
      {cells.map((c) => (
        <li key={c.system.id}>
          <StatusMark
            status={c.status}
            to={c.link}
            detail={`${row.standard.code} at ${c.system.name}, ${formatValue(c.value, row.standard.unit)}`}
          />{' '}
          <span aria-hidden="true">{c.system.name}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * ComplianceMatrix shows every standard in view against every system in
 * view for its last complete period: a table on wide screens, a list of
 * cards on narrow ones. Every mark links to the chart behind it.
 */
export default function ComplianceMatrix({ matrix }: Props) {
  if (matrix.rows.length === 0) {
    return (
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>No active standard matches these filters.</p>
      </div>
    );
  }
  // Rotated system names need as much height as the longest of them.
  const longest = Math.max(0, ...matrix.systems.map((s) => s.name.length));
  const headerHeight = `${Math.min(11.5, Math.max(3, longest * 0.6 + 1))}em`;
  return (
    <>
      <div className="app-matrix-scroll" role="region" aria-label="Compliance matrix (scrolls sideways)" tabIndex={0}>
        <table className="nhsuk-table app-matrix">
          <caption className="nhsuk-u-visually-hidden">
            Each active standard in its last complete period: the organisation&rsquo;s status, the Making Data Count
            icons, the last 12 periods, the rolling compliance rate, and each system&rsquo;s status.
          </caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Standard</th>
              <th scope="col">Last period</th>
              <th scope="col">Icons</th>
              <th scope="col">Trend</th>
              <th scope="col">Rolling</th>
              {matrix.systems.map((s) => (
                <th scope="col" key={s.id} className="app-matrix__system" style={{ height: headerHeight }}>
                  <Link to={s.link} className="app-matrix__system-name">
                    {s.name}
                  </Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {matrix.rows.map((r) => {
              const cells = new Map(cellsOf(r, matrix).map((c) => [c.system.id, c]));
              return (
                <tr key={r.standard.id}>
                  <th scope="row" className="app-matrix__standard">
                    <Link to={r.link}>{r.standard.code}</Link>
                    <span className="app-matrix__title">{r.standard.title}</span>
                  </th>
                  <td className="app-matrix__status">
                    <StatusTag status={r.status} />
                    <span className="app-matrix__value">{formatValue(r.organisation.value, r.standard.unit)}</span>
                    <span className="app-matrix__period">{formatPeriod(r.period_start, r.standard.period)}</span>
                  </td>
                  <td>
                    <Icons row={r} />
                  </td>
                  <td>
                    <Spark row={r} />
                  </td>
                  <td className="app-matrix__rate">{formatRate(r.rolling_rate)}</td>
                  {matrix.systems.map((s) => {
                    const c = cells.get(s.id);
                    return (
                      <td key={s.id} className="app-matrix__cell">
                        {c ? (
                          <StatusMark
                            status={c.status}
                            to={c.link}
                            detail={`${r.standard.code} at ${c.system.name}, ${formatValue(c.value, r.standard.unit)}`}
                          />
                        ) : (
                          <span className="app-mark app-mark--none">
                            <span aria-hidden="true">·</span>
                            <span className="nhsuk-u-visually-hidden">Does not apply</span>
                          </span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <ul className="app-matrix-list">
        {matrix.rows.map((r) => (
          <li key={r.standard.id} className="app-matrix-card">
            <h3 className="nhsuk-heading-s app-matrix-card__heading">
              <Link to={r.link}>
                {r.standard.code} {r.standard.title}
              </Link>
            </h3>
            <p className="app-matrix-card__status">
              <StatusTag status={r.status} />{' '}
              {r.organisation.value === null
                ? `no data for ${formatPeriod(r.period_start, r.standard.period)}`
                : `${formatValue(r.organisation.value, r.standard.unit)} in ${formatPeriod(r.period_start, r.standard.period)}`}{' '}
              · rolling {formatRate(r.rolling_rate)}
            </p>
            <div className="app-matrix-card__charts">
              <Icons row={r} showLabel />
              <Spark row={r} />
            </div>
            <CardSystems row={r} matrix={matrix} />
          </li>
        ))}
      </ul>

      <p className="nhsuk-body-s app-matrix-legend">
        <span className="app-mark app-mark--met" aria-hidden="true">✓</span> met{' '}
        <span className="app-mark app-mark--breached" aria-hidden="true">✗</span> breached{' '}
        <span className="app-mark app-mark--excepted" aria-hidden="true">E</span> excepted{' '}
        <span className="app-mark app-mark--missing" aria-hidden="true">?</span> missing data{' '}
        <span className="app-mark app-mark--none" aria-hidden="true">·</span> does not apply. Icons: the Making Data
        Count variation (is it changing?) and assurance (will it reliably meet the threshold?) icons of each
        standard&rsquo;s chart.
      </p>
    </>
  );
}
