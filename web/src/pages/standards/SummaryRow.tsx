import type { ReactNode } from 'react';

interface Props {
  label: string;
  children: ReactNode;
}

/** SummaryRow is one row of an NHS.UK summary list. */
export default function SummaryRow({ label, children }: Props) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{children}</dd>
    </div>
  );
}
