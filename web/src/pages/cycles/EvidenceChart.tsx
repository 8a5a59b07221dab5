import type { CycleMeasureEvidence } from '../../api/improvement';
import SpcChart from '../../components/SpcChart';
import { formatDay, predictionText, roleLabels, ruleLabels, verdictLabels, withUnit } from './labels';
import SummaryItem from './SummaryItem';

interface Props {
  measure: CycleMeasureEvidence;
  doStartedOn: string;
  index: number;
}

function signalSummary(m: CycleMeasureEvidence): string {
  if (m.signals.length === 0) return 'None: only common-cause variation since the change.';
  const byRule = new Map<string, number>();
  for (const s of m.signals) byRule.set(s.rule, (byRule.get(s.rule) ?? 0) + 1);
  const rules = [...byRule].map(([rule, n]) => `${n} ${n === 1 ? 'point' : 'points'} ${ruleLabels[rule] ?? rule}`).join('; ');
  const up = m.signals.filter((s) => s.direction === 'increase').length;
  const down = m.signals.length - up;
  return `${rules}. ${up} upward, ${down} downward.`;
}

/**
 * EvidenceChart is one measure's Study evidence: the standard's SPC chart
 * with the limits recalculated at the change (the change marked), the mean
 * before and after, and the special causes since the change against the
 * prediction.
 */
export default function EvidenceChart({ measure: m, doStartedOn, index }: Props) {
  const prediction = predictionText(m);
  const headingId = `evidence-${index}-heading`;
  return (
    <section className="app-evidence" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {m.code} {m.title} <span className="nhsuk-caption-m">{roleLabels[m.role]} measure</span>
      </h3>
      <dl className="nhsuk-summary-list">
        <SummaryItem label="Predicted">{prediction}</SummaryItem>
        <SummaryItem label="Mean before the change">
          {withUnit(m.mean_before, m.unit)}
          {m.before ? ` (${m.before.points} periods)` : ''}
        </SummaryItem>
        <SummaryItem label="Mean since the change">
          {withUnit(m.mean_after, m.unit)}
          {m.after ? ` (${m.after.points} periods from ${formatDay(m.change_period)})` : ''}
        </SummaryItem>
        <SummaryItem label="Change in the mean">
          {m.mean_change === null ? '–' : `${m.mean_change > 0 ? '+' : ''}${withUnit(m.mean_change, m.unit)}`}
          {m.mean_change_in_predicted_direction !== null && (m.mean_change_in_predicted_direction ? ', in the predicted direction' : ', against the prediction')}
          {m.predicted_size_reached !== null && (m.predicted_size_reached ? '; the predicted size was reached' : '; short of the predicted size')}
        </SummaryItem>
        <SummaryItem label="Signals since the change">
          {signalSummary(m)}
          {m.judged_against === 'all_points' && ' (judged against provisional limits: fewer than 12 periods before the change)'}
        </SummaryItem>
        <SummaryItem label="Verdict">
          <strong>{verdictLabels[m.verdict] ?? m.verdict}</strong>
        </SummaryItem>
      </dl>
      <SpcChart
        analysis={m.chart}
        title={`${m.code} ${m.title}, before and after the change`}
        idPrefix={`evidence-${index}`}
        threshold={m.threshold}
        annotations={[
          { date: m.change_period, kind: 'rebase', label: `the change, introduced on ${formatDay(doStartedOn)}: limits recalculated from here` },
        ]}
        period={m.period}
        unit={m.unit}
        assuranceAgainst={`the threshold of ${withUnit(m.threshold, m.unit)}`}
      />
    </section>
  );
}
