import type { ReactNode } from 'react';

interface Props {
  /** The column heading, repeated beside the value on narrow screens. */
  heading: string;
  children: ReactNode;
}

/**
 * TableCell is a cell of an NHS.UK responsive table: on a phone each row
 * becomes a block, and every value is shown beside its column heading.
 */
export default function TableCell({ heading, children }: Props) {
  return (
    <td className="nhsuk-table__cell" role="cell">
      <span className="nhsuk-table__heading" aria-hidden="true">
        {heading}{' '}
      </span>
      {/* A long email address or label wraps instead of widening a phone's page. */}
      <span className="app-break-anywhere">{children}</span>
    </td>
  );
}
