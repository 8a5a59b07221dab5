import { useEffect, useRef, useState } from 'react';
import {
  axisLabel,
  formatPeriod,
  formatValue,
  indexScale,
  labelIndexes,
  linearScale,
  markerIndex,
  niceTicks,
  pointColour,
  pointTypeLabel,
  segmentRuns,
  specialCauseLabel,
  stackRows,
  valueDomain,
  valuePaths,
  type ChartPoint,
  type ChartSegment,
  type Period,
} from '../lib/spc';

/** A numbered mark on the chart; the number matches the list below the chart. */
export interface ChartMark {
  number: number;
  date: string;
  kind: string;
}

interface Props {
  points: readonly ChartPoint[];
  segments: readonly ChartSegment[];
  threshold?: number | null;
  target?: number | null;
  marks?: readonly ChartMark[];
  period?: Period;
  unit?: string;
  /** The chart's accessible name and description (the caption says the rest). */
  title: string;
  description: string;
  idPrefix: string;
}

const colours = {
  text: '#4c6272',
  axis: '#aeb7bd',
  grid: '#e8edee',
  line: '#425563',
  mean: '#212b32',
  limit: '#768692',
  threshold: '#d5281b',
  target: '#007f3b',
  mark: '#330072',
};

/** Diameter of a mark's numbered badge. */
const badgeSize = 18;

/** useWidth follows an element's width, so the chart draws at real pixel size. */
function useWidth<T extends HTMLElement>(initial: number) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const w = Math.floor(el.getBoundingClientRect().width);
      if (w > 0) setWidth(w);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return { ref, width };
}

/**
 * SpcChartPlot draws an XmR chart as SVG: values, each segment's mean and
 * process limits (restarting at every rebase), the threshold and target
 * lines, special-cause points in Making Data Count colours and numbered
 * marks. It is one image to assistive technology; SpcChart gives the
 * caption, legend and table that say the same in words.
 */
export default function SpcChartPlot({ points, segments, threshold, target, marks = [], period, unit, title, description, idPrefix }: Props) {
  const { ref, width } = useWidth<HTMLDivElement>(720);
  const narrow = width < 560;
  const height = narrow ? 280 : 360;
  const [lo, hi] = valueDomain(points, [threshold, target], unit === 'percent' ? [0, 100] : unit && unit !== 'number' ? [0, Infinity] : undefined);
  const ticks = niceTicks(lo, hi, narrow ? 4 : 6);
  const tickText = ticks.map((t) => formatValue(t, unit, 3));
  const longest = Math.max(0, ...tickText.map((t) => t.length));
  const left = Math.max(36, longest * 7 + 14);
  const right = narrow ? 8 : 16;
  const plotRight = width - right;
  const { x, step } = indexScale(points.length, [left, plotRight]);
  // Numbered badges above the plot; close ones stack into rows.
  const placed = marks
    .map((m) => ({ mark: m, index: markerIndex(points, m.date) }))
    .filter((p): p is { mark: ChartMark; index: number } => p.index !== null);
  const rows = stackRows(
    placed.map((p) => x(p.index)),
    badgeSize + 2,
  );
  const rowCount = rows.length === 0 ? 0 : Math.max(...rows) + 1;
  const margin = { top: 14 + rowCount * (badgeSize + 2), right, bottom: 40, left };
  const plotBottom = height - margin.bottom;
  const y = linearScale([lo, hi], [plotBottom, margin.top]);
  const runs = segmentRuns(points, segments);
  const paths = valuePaths(points, x, y);
  const labels = labelIndexes(points.length, Math.max(2, Math.floor((plotRight - margin.left) / (period === 'month' ? 64 : 84))));
  const r = Math.max(2.2, Math.min(4.5, step / 3));
  const inPlot = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);
  const halfStep = step / 2;

  return (
    <div className="app-spc__plot" ref={ref}>
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${idPrefix}-title`}
        aria-describedby={`${idPrefix}-desc`}
        fontFamily="inherit"
      >
        <title id={`${idPrefix}-title`}>{title}</title>
        <desc id={`${idPrefix}-desc`}>{description}</desc>

        {ticks.map((t, i) => (
          <g key={t}>
            <line x1={margin.left} x2={plotRight} y1={y(t)} y2={y(t)} stroke={colours.grid} />
            <text x={margin.left - 6} y={y(t)} dy="0.32em" textAnchor="end" fontSize="12" fill={colours.text}>
              {tickText[i]}
            </text>
          </g>
        ))}
        <line x1={margin.left} x2={margin.left} y1={margin.top} y2={plotBottom} stroke={colours.axis} />
        <line x1={margin.left} x2={plotRight} y1={plotBottom} y2={plotBottom} stroke={colours.axis} />

        {labels.map((i) => {
          const p = points[i];
          if (!p) return null;
          const text = axisLabel(p.period, period);
          // Keep the first and last labels inside the chart.
          const half = text.length * 3.4;
          const anchor = x(i) - half < 0 ? 'start' : x(i) + half > width ? 'end' : 'middle';
          const tx = anchor === 'start' ? Math.max(0, x(i) - 4) : anchor === 'end' ? Math.min(width, x(i) + 4) : x(i);
          return (
            <g key={p.period}>
              <line x1={x(i)} x2={x(i)} y1={plotBottom} y2={plotBottom + 4} stroke={colours.axis} />
              <text x={tx} y={plotBottom + 18} textAnchor={anchor} fontSize="12" fill={colours.text}>
                {text}
              </text>
            </g>
          );
        })}

        {runs.map((run) => {
          const x1 = x(run.first) - (run.first === 0 ? 0 : halfStep);
          const x2 = x(run.last) + (run.last === points.length - 1 ? 0 : halfStep);
          const dash = run.short ? '2 4' : '6 4';
          return (
            <g key={`${run.segment}-${run.first}`} className="app-spc__segment">
              {inPlot(run.upper) && (
                <line x1={x1} x2={x2} y1={y(run.upper)} y2={y(run.upper)} stroke={colours.limit} strokeWidth="1.5" strokeDasharray={dash} />
              )}
              {inPlot(run.lower) && (
                <line x1={x1} x2={x2} y1={y(run.lower)} y2={y(run.lower)} stroke={colours.limit} strokeWidth="1.5" strokeDasharray={dash} />
              )}
              {inPlot(run.mean) && <line x1={x1} x2={x2} y1={y(run.mean)} y2={y(run.mean)} stroke={colours.mean} strokeWidth="1.5" />}
            </g>
          );
        })}

        {inPlot(threshold) && (
          <line
            x1={margin.left}
            x2={plotRight}
            y1={y(threshold)}
            y2={y(threshold)}
            stroke={colours.threshold}
            strokeWidth="2"
            strokeDasharray="8 4"
            className="app-spc__threshold"
          />
        )}
        {inPlot(target) && target !== threshold && (
          <line
            x1={margin.left}
            x2={plotRight}
            y1={y(target)}
            y2={y(target)}
            stroke={colours.target}
            strokeWidth="2"
            strokeDasharray="2 3"
            className="app-spc__target"
          />
        )}

        {placed.map(({ mark: m, index }, k) => {
          const mx = x(index);
          const cy = margin.top - 4 - badgeSize / 2 - (rows[k] ?? 0) * (badgeSize + 2);
          return (
            <g key={`${m.number}-${m.date}`} className="app-spc__mark">
              <line x1={mx} x2={mx} y1={cy} y2={plotBottom} stroke={colours.mark} strokeWidth="1.5" strokeDasharray="1 3" />
              <circle cx={mx} cy={cy} r={badgeSize / 2} fill={colours.mark} />
              <text x={mx} y={cy} dy="0.35em" textAnchor="middle" fontSize="11" fontWeight="bold" fill="#fff">
                {m.number}
              </text>
            </g>
          );
        })}

        {paths.map((d) => (
          <path key={d} d={d} fill="none" stroke={colours.line} strokeWidth="1.5" strokeLinejoin="round" />
        ))}

        {points.map((p, i) =>
          p.value === null ? null : (
            <circle
              key={p.period}
              className="app-spc__point"
              data-period={p.period}
              data-point-type={p.point_type}
              cx={x(i)}
              cy={y(p.value)}
              r={p.point_type === 'common_cause' ? r : r + 1}
              fill={pointColour(p.point_type)}
              stroke="#fff"
              strokeWidth="1"
            >
              <title>
                {`${formatPeriod(p.period, period)}: ${formatValue(p.value, unit)} — ${pointTypeLabel(p.point_type)}${p.special_cause ? ` (${specialCauseLabel(p.special_cause)})` : ''}`}
              </title>
            </circle>
          ),
        )}
      </svg>
    </div>
  );
}
