import type { ReactNode } from 'react';

export interface Column {
  label: string;
  numeric?: boolean;
}

export interface Row {
  key: string;
  /** One per column; the first is the row's header. */
  cells: ReactNode[];
}

interface Props {
  caption: string;
  columns: readonly Column[];
  rows: readonly Row[];
}

/**
 * ResponsiveTable is the NHS.UK responsive table: columns on a desktop, and
 * on a phone each row becomes a card whose cells carry their column's name.
 */
export default function ResponsiveTable({ caption, columns, rows }: Props) {
  return (
    <table className="nhsuk-table nhsuk-table--responsive" role="table">
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
      <thead className="nhsuk-table__head" role="rowgroup">
        <tr className="nhsuk-table__row" role="row">
          {columns.map((c) => (
            <th
              key={c.label}
              className={c.numeric ? 'nhsuk-table__header nhsuk-table__header--numeric' : 'nhsuk-table__header'}
              scope="col"
              role="columnheader"
            >
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {rows.map((r) => (
          <tr key={r.key} className="nhsuk-table__row" role="row">
            {r.cells.map((cell, i) => {
              const col = columns[i];
              const heading = (
                <span className="nhsuk-table__heading" aria-hidden="true">
                  {col?.label}{' '}
                </span>
              );
              return i === 0 ? (
                <th key={i} className="nhsuk-table__header" scope="row" role="rowheader">
                  {heading}
                  <span>{cell}</span>
                </th>
              ) : (
                <td
                  key={i}
                  className={col?.numeric ? 'nhsuk-table__cell nhsuk-table__cell--numeric' : 'nhsuk-table__cell'}
                  role="cell"
                >
                  {heading}
                  <span>{cell}</span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
