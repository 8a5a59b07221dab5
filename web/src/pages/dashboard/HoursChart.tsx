import { formatDay, formatNumber } from './format';

interface Props {
  points: readonly { period_start: string; hours: number | null }[];
  /** How the periods are named in the table ("Week of"). */
  periodLabel: string;
}

/**
 * HoursChart draws hours lost per period as bars (plain SVG), with the same
 * figures as a table for anyone who cannot see the picture.
 */
export default function HoursChart({ points, periodLabel }: Props) {
  const width = 560;
  const height = 160;
  const left = 44;
  const bottom = 24;
  const top = 8;
  const max = Math.max(1, ...points.map((p) => p.hours ?? 0));
  const step = points.length ? (width - left) / points.length : 0;
  const y = (h: number) => top + (height - top - bottom) * (1 - h / max);
  const ticks = [0, max / 2, max];
  return (
    <div className="app-hours-chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" aria-hidden="true" focusable="false" className="app-hours-chart__svg">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={left} x2={width} y1={y(t)} y2={y(t)} stroke="#d8dde0" />
            <text x={left - 4} y={y(t) + 5} textAnchor="end" fontSize="14" fill="#4c6272">
              {formatNumber(t, 1)}
            </text>
          </g>
        ))}
        {points.map((p, i) => {
          const h = p.hours ?? 0;
          return (
            <g key={p.period_start}>
              <rect x={left + i * step + 3} y={y(h)} width={Math.max(step - 6, 2)} height={y(0) - y(h)} fill="#005eb8" />
              {(i % 3 === 0 || points.length <= 6) && (
                <text x={left + i * step + step / 2} y={height - 4} textAnchor="middle" fontSize="14" fill="#4c6272">
                  {formatDay(p.period_start).replace(/ \d{4}$/, '')}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Show the hours lost as a table</span>
        </summary>
        <div className="nhsuk-details__text">
          <table className="nhsuk-table">
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">{periodLabel}</th>
                <th scope="col" className="nhsuk-table__header--numeric">
                  Hours lost
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {points.map((p) => (
                <tr key={p.period_start}>
                  <td>{formatDay(p.period_start)}</td>
                  <td className="nhsuk-table__cell--numeric">{p.hours === null ? 'no value' : formatNumber(p.hours)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
