/** SparklinePoint is one period: its value (null when none was recorded) and whether it met the standard. */
export interface SparklinePoint {
  value: number | null;
  status?: 'met' | 'breached' | 'excepted' | 'missing';
}

interface Props {
  points: readonly SparklinePoint[];
  /** The text equivalent, read instead of the picture. */
  label: string;
  /** A horizontal line, such as the threshold, when it falls inside the range shown. */
  reference?: number | null;
  width?: number;
  height?: number;
}

const statusColour: Record<string, string> = {
  met: '#007f3b',
  breached: '#d5281b',
  excepted: '#4c6272',
  missing: '#ed8b00',
};

/**
 * Sparkline is a small line of recent values, drawn as plain SVG (no chart
 * library): gaps where a period has no value, a dot on the last value in the
 * colour of its status. The picture is hidden from assistive technology,
 * which reads `label` instead.
 */
export default function Sparkline({ points, label, reference, width = 96, height = 28 }: Props) {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const pad = 3;
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (reference !== null && reference !== undefined && values.length > 0) {
    // Show the threshold only if it is near the data; otherwise it flattens the line.
    const span = hi - lo || Math.abs(hi) || 1;
    if (reference >= lo - span && reference <= hi + span) {
      lo = Math.min(lo, reference);
      hi = Math.max(hi, reference);
    }
  }
  if (!(hi > lo)) {
    hi = (Number.isFinite(hi) ? hi : 0) + 1;
    lo = (Number.isFinite(lo) ? lo : 0) - 1;
  }
  const n = points.length;
  const x = (i: number) => pad + (n <= 1 ? (width - 2 * pad) / 2 : (i * (width - 2 * pad)) / (n - 1));
  const y = (v: number) => height - pad - ((v - lo) * (height - 2 * pad)) / (hi - lo);

  const runs: string[] = [];
  let run: string[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (run.length) runs.push(run.join(' '));
      run = [];
      return;
    }
    run.push(`${x(i).toFixed(1)},${y(p.value).toFixed(1)}`);
  });
  if (run.length) runs.push(run.join(' '));

  const lastIndex = points.length - 1;
  const last = points[lastIndex];
  return (
    <span className="app-sparkline">
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
        {reference !== null && reference !== undefined && reference >= lo && reference <= hi && (
          <line x1={pad} x2={width - pad} y1={y(reference)} y2={y(reference)} stroke="#768692" strokeDasharray="2 2" strokeWidth="1" />
        )}
        {runs.map((r) =>
          r.includes(' ') ? (
            <polyline key={r} points={r} fill="none" stroke="#425563" strokeWidth="1.5" strokeLinejoin="round" />
          ) : (
            <circle key={r} cx={r.split(',')[0]} cy={r.split(',')[1]} r="1.5" fill="#425563" />
          ),
        )}
        {last && last.value !== null && (
          <circle cx={x(lastIndex)} cy={y(last.value)} r="3" fill={statusColour[last.status ?? 'met'] ?? '#425563'} />
        )}
        {last && last.value === null && (
          <circle cx={x(lastIndex)} cy={height / 2} r="2.5" fill="none" stroke={statusColour.missing} strokeWidth="1.5" />
        )}
      </svg>
      <span className="nhsuk-u-visually-hidden">{label}</span>
    </span>
  );
}
