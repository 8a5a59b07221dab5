import {
  assuranceShort,
  assuranceText,
  formatDate,
  formatPeriod,
  formatValue,
  shortSegments,
  spanText,
  specialCauseSentence,
  variationShort,
  variationText,
  type Assurance,
  type ChartPoint,
  type ChartSegment,
  type Period,
  type Variation,
} from '../lib/spc';
import MdcIconAssurance from './MdcIconAssurance';
import MdcIconVariation from './MdcIconVariation';
import SpcChartLegend from './SpcChartLegend';
import SpcChartMarks, { markText, type SpcMark } from './SpcChartMarks';
import SpcChartPlot from './SpcChartPlot';
import SpcChartTable, { type PointStatus } from './SpcChartTable';
import './SpcChart.css';

/** SpcAnalysis is what POST /spc and GET /standards/{id}/spc both return. */
export interface SpcAnalysis {
  points: ChartPoint[];
  segments: ChartSegment[];
  variation: Variation | null;
  assurance: Assurance | null;
}

interface Props {
  analysis: SpcAnalysis;
  /** The chart's name, e.g. "AV-01 EPR availability, whole organisation". */
  title: string;
  /** Unique on the page; prefixes the ids the chart's parts refer to. */
  idPrefix: string;
  threshold?: number | null;
  target?: number | null;
  annotations?: readonly { date: string; kind: string; label: string }[];
  period?: Period;
  unit?: string;
  statuses?: ReadonlyMap<string, PointStatus>;
  /** What assurance is judged against, in words: "the threshold of 99.9%". */
  assuranceAgainst?: string;
  /** The name of the line assurance is judged against. */
  thresholdLabel?: string;
  /** Open the table of values at first. */
  tableOpen?: boolean;
}

/**
 * SpcChart is a Making Data Count chart with its text equivalent: a caption
 * saying in words what the variation and assurance icons show, the SVG
 * chart, a key, a note on provisional limits, the numbered marks and the
 * table of values.
 */
export default function SpcChart({
  analysis,
  title,
  idPrefix,
  threshold,
  target,
  annotations = [],
  period,
  unit,
  statuses,
  assuranceAgainst = 'the threshold',
  thresholdLabel = 'Threshold',
  tableOpen = false,
}: Props) {
  const { points, segments, variation, assurance } = analysis;
  const withValues = points.filter((p) => p.value !== null);
  const latest = withValues[withValues.length - 1];
  const marks: SpcMark[] = [...annotations]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((a, i) => ({ number: i + 1, date: a.date, kind: a.kind, label: a.label }));
  const short = shortSegments(segments);
  const hasLimits = segments.some((s) => s.lower_limit !== null || s.upper_limit !== null);
  const captionId = `${idPrefix}-caption`;

  if (points.length === 0) {
    return (
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>There are no values to chart yet.</p>
      </div>
    );
  }

  const span = spanText(points, period);
  const latestText = latest
    ? `Latest value: ${formatValue(latest.value, unit, 3)} (${formatPeriod(latest.period, period).replace(/^Week/, 'week')}).`
    : 'No period has a value.';
  const description = [
    `${span}.`,
    latestText,
    variationText(variation),
    assuranceText(assurance, assuranceAgainst),
    specialCauseSentence(points),
    marks.length > 0 ? `${marks.length} numbered ${marks.length === 1 ? 'mark' : 'marks'}: ${marks.map((m) => `${m.number}, ${formatDate(m.date)}: ${markText(m)}`).join('; ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <>
      <figure className="app-spc" aria-labelledby={captionId}>
        <figcaption id={captionId} className="app-spc__caption">
          <span className="nhsuk-u-visually-hidden">{title}. </span>
          <span className="app-spc__icons">
            <span className="app-spc__icon">
              {/* The words beside the icon are its text equivalent. */}
              <span aria-hidden="true" className="app-spc__icon-image">
                <MdcIconVariation variation={variation} />
              </span>
              <span className="app-spc__icon-text">
                <strong>Variation: {variationShort(variation)}</strong>
                <span>{variationText(variation)}</span>
              </span>
            </span>
            <span className="app-spc__icon">
              <span aria-hidden="true" className="app-spc__icon-image">
                <MdcIconAssurance assurance={assurance} />
              </span>
              <span className="app-spc__icon-text">
                <strong>Assurance: {assuranceShort(assurance)}</strong>
                <span>{assuranceText(assurance, assuranceAgainst)}</span>
              </span>
            </span>
          </span>
          <span className="app-spc__facts">
            {latestText} {specialCauseSentence(points)} {span}.
          </span>
        </figcaption>
        <SpcChartPlot
          points={points}
          segments={segments}
          threshold={threshold}
          target={target}
          marks={marks}
          period={period}
          unit={unit}
          title={title}
          description={description}
          idPrefix={idPrefix}
        />
        <SpcChartLegend
          points={points}
          hasLimits={hasLimits}
          threshold={threshold}
          target={target}
          hasMarks={marks.length > 0}
          thresholdLabel={thresholdLabel}
        />
      </figure>

      {short.length > 0 && (
        <div className="nhsuk-inset-text app-spc__provisional">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            <strong>Provisional limits (fewer than 13 points).</strong>{' '}
            {short
              .map((s) => `The limits from ${formatPeriod(s.start, period).replace(/^Week/, 'the week')} rest on ${s.points} ${s.points === 1 ? 'point' : 'points'}`)
              .join('; ')}
            . They may move as more data arrives, so treat signals against them with care.
          </p>
        </div>
      )}

      <SpcChartMarks marks={marks} headingId={`${idPrefix}-marks`} />

      <details className="nhsuk-details app-spc__details" open={tableOpen || undefined}>
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Show the values as a table ({points.length} periods)</span>
        </summary>
        <div className="nhsuk-details__text">
          <SpcChartTable points={points} period={period} unit={unit} statuses={statuses} caption={`Values: ${title}`} />
        </div>
      </details>
    </>
  );
}
