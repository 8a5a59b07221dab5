import type { ReactNode } from 'react';

interface Props {
  /** The column's name, shown beside the value on narrow screens. */
  heading: string;
  children: ReactNode;
  numeric?: boolean;
}

/** TableCell is a cell of an NHS.UK responsive table (`nhsuk-table--responsive`). */
export default function TableCell({ heading, children, numeric }: Props) {
  return (
    <td role="cell" className={`nhsuk-table__cell${numeric ? ' nhsuk-table__cell--numeric' : ''}`}>
      <span className="nhsuk-table__heading" aria-hidden="true">
        {heading}{' '}
      </span>
      <span>{children}</span>
    </td>
  );
}
