import { Link } from 'react-router';
import { useStandardChart, type CycleMeasure } from '../../api/improvement';
import LoadingMessage from '../../components/LoadingMessage';
import SpcChart from '../../components/SpcChart';
import { formatDay, withUnit } from './labels';

/**
 * RebasedChart shows an outcome standard's SPC chart as it is now, after the
 * cycle's change was adopted: its limits recalculated from the change.
 */
export default function RebasedChart({ measure, index }: { measure: CycleMeasure; index: number }) {
  const chart = useStandardChart(measure.standard_id);
  if (chart.isPending) return <LoadingMessage />;
  if (chart.isError) return <p>The chart of {measure.code} could not be loaded.</p>;
  const c = chart.data;
  return (
    <section aria-labelledby={`rebased-${index}`}>
      <h3 id={`rebased-${index}`}>
        <Link to={`/standards/${measure.standard_id}`}>{measure.code}</Link> {measure.title}: the chart now
      </h3>
      <p>
        {c.segments.length > 1
          ? `The limits are recalculated from ${formatDay(c.segments[c.segments.length - 1]?.start)}: the mean is now ${withUnit(c.segments[c.segments.length - 1]?.mean, c.unit)}.`
          : 'One set of limits.'}
      </p>
      <SpcChart
        analysis={c}
        title={`${measure.code} ${measure.title}, whole organisation`}
        idPrefix={`rebased-${index}`}
        threshold={c.threshold}
        target={c.target}
        annotations={c.annotations}
        period={c.period}
        unit={c.unit}
        assuranceAgainst={`the threshold of ${withUnit(c.threshold, c.unit)}`}
      />
    </section>
  );
}
