import type { Compliance } from '../../api/standards';
import SpcChartComplianceTag from '../../components/SpcChartComplianceTag';
import { formatPeriod } from '../../lib/spc';

interface Props {
  compliance: Compliance;
}

/** ComplianceSummary says how the last period went and the compliance rate over the last 12. */
export default function ComplianceSummary({ compliance }: Props) {
  const last = compliance.periods[compliance.periods.length - 1];
  const c = compliance.counts;
  const judged = c.met + c.breached + c.excepted + c.missing;
  if (!last) {
    return (
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>No complete period has been judged yet.</p>
      </div>
    );
  }
  return (
    <dl className="nhsuk-summary-list app-cat-compliance-summary">
      <div className="nhsuk-summary-list__row">
        <dt className="nhsuk-summary-list__key">Last complete period</dt>
        <dd className="nhsuk-summary-list__value">
          {formatPeriod(last.period_start, compliance.period)}: <SpcChartComplianceTag status={last.status} />
        </dd>
      </div>
      <div className="nhsuk-summary-list__row">
        <dt className="nhsuk-summary-list__key">Compliance rate</dt>
        <dd className="nhsuk-summary-list__value">
          {compliance.rate === null ? 'Not known' : `${Math.round(compliance.rate * 100)}%`}
          <span className="app-cat-muted">
            {' '}
            over the last {judged} {judged === 1 ? 'period' : 'periods'}: {c.met} met, {c.breached} breached, {c.excepted}{' '}
            excepted, {c.missing} missing
          </span>
        </dd>
      </div>
    </dl>
  );
}
