export type ComplianceTagStatus = 'met' | 'breached' | 'excepted' | 'missing';

const tags: Record<ComplianceTagStatus, { label: string; colour: string }> = {
  met: { label: 'Met', colour: 'green' },
  breached: { label: 'Breached', colour: 'red' },
  excepted: { label: 'Excepted', colour: 'yellow' },
  missing: { label: 'Missing data', colour: 'orange' },
};

/** complianceLabel names a compliance status in words. */
export function complianceLabel(status: ComplianceTagStatus): string {
  return tags[status].label;
}

/**
 * SpcChartComplianceTag is a period's compliance with a standard as an
 * NHS.UK tag: met, breached, excepted or missing (no data is a finding,
 * never a pass).
 */
export default function SpcChartComplianceTag({ status }: { status: ComplianceTagStatus }) {
  const t = tags[status];
  return <strong className={`nhsuk-tag nhsuk-tag--${t.colour}`}>{t.label}</strong>;
}
