import { mdcColours, type ChartPoint } from '../lib/spc';

interface Props {
  points: readonly ChartPoint[];
  hasLimits: boolean;
  threshold?: number | null;
  target?: number | null;
  hasMarks: boolean;
  /** What the threshold line is called here ("Threshold", "Target"). */
  thresholdLabel?: string;
}

type Swatch = { kind: 'line'; colour: string; dash?: string; width?: number } | { kind: 'dot'; colour: string };

function SwatchIcon({ swatch }: { swatch: Swatch }) {
  return (
    <svg width="28" height="14" viewBox="0 0 28 14" aria-hidden="true" focusable="false" className="app-spc__swatch">
      {swatch.kind === 'line' ? (
        <line x1="1" x2="27" y1="7" y2="7" stroke={swatch.colour} strokeWidth={swatch.width ?? 2} strokeDasharray={swatch.dash} />
      ) : (
        <circle cx="14" cy="7" r="5" fill={swatch.colour} />
      )}
    </svg>
  );
}

/** SpcChartLegend names every line and colour the chart uses, in words. */
export default function SpcChartLegend({ points, hasLimits, threshold, target, hasMarks, thresholdLabel = 'Threshold' }: Props) {
  const types = new Set(points.filter((p) => p.value !== null).map((p) => p.point_type));
  const items: { label: string; swatch: Swatch }[] = [
    { label: 'Values', swatch: { kind: 'line', colour: '#425563', width: 1.5 } },
    { label: 'Mean', swatch: { kind: 'line', colour: '#212b32', width: 1.5 } },
  ];
  if (hasLimits) items.push({ label: 'Process limits', swatch: { kind: 'line', colour: '#768692', dash: '6 4', width: 1.5 } });
  if (threshold !== null && threshold !== undefined)
    items.push({ label: thresholdLabel, swatch: { kind: 'line', colour: '#d5281b', dash: '8 4' } });
  if (target !== null && target !== undefined && target !== threshold)
    items.push({ label: 'Target', swatch: { kind: 'line', colour: '#007f3b', dash: '2 3' } });
  items.push({ label: 'Common cause', swatch: { kind: 'dot', colour: mdcColours.common_cause } });
  if (types.has('improvement')) items.push({ label: 'Special cause: improvement', swatch: { kind: 'dot', colour: mdcColours.improvement } });
  if (types.has('concern')) items.push({ label: 'Special cause: concern', swatch: { kind: 'dot', colour: mdcColours.concern } });
  if (types.has('neutral_high') || types.has('neutral_low'))
    items.push({ label: 'Special cause: neither better nor worse', swatch: { kind: 'dot', colour: mdcColours.neutral } });
  if (hasMarks) items.push({ label: 'Numbered mark (listed below)', swatch: { kind: 'line', colour: '#330072', dash: '1 3' } });

  return (
    <ul className="app-spc__legend" aria-label="Key to the chart">
      {items.map((item) => (
        <li key={item.label}>
          <SwatchIcon swatch={item.swatch} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
