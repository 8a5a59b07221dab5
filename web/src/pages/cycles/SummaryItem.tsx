import type { ReactNode } from 'react';

/** SummaryItem is one row of an NHS.UK summary list. */
export default function SummaryItem({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{children}</dd>
    </div>
  );
}
