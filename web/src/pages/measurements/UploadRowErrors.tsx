import type { RowError } from '../../api/measurements';

interface Props {
  rows: readonly RowError[];
  /** The server's one-line account: how many problems, and that nothing was saved. */
  detail?: string;
}

const fieldNames: Record<string, string> = {
  standard: 'standard',
  system: 'system',
  period_start: 'period_start',
  value: 'value',
  note: 'note',
  row: 'the whole row',
  header: 'the header line',
  csv: 'the file',
};

/** UploadRowErrors lists a rejected upload's problems, row by row. */
export default function UploadRowErrors({ rows, detail }: Props) {
  return (
    <section className="app-cat-section" aria-labelledby="upload-errors">
      <h3 className="nhsuk-heading-m" id="upload-errors" tabIndex={-1}>
        Rows to fix
      </h3>
      <div className="nhsuk-warning-callout">
        <h4 className="nhsuk-warning-callout__label">
          <span role="text">
            <span className="nhsuk-u-visually-hidden">Important: </span>
            Nothing was saved
          </span>
        </h4>
        <p>
          {detail ?? 'The upload has problems.'} Fix the rows below and upload the file again. Row 1 is the first row after
          the header line.
        </p>
      </div>
      <table className="nhsuk-table nhsuk-table--responsive" role="table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">
          {rows.length === 1 ? '1 problem' : `${rows.length} problems`}
        </caption>
        <thead className="nhsuk-table__head" role="rowgroup">
          <tr className="nhsuk-table__row" role="row">
            <th role="columnheader" scope="col" className="nhsuk-table__header">
              Row
            </th>
            <th role="columnheader" scope="col" className="nhsuk-table__header">
              Field
            </th>
            <th role="columnheader" scope="col" className="nhsuk-table__header">
              Problem
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {rows.map((r, i) => (
            <tr className="nhsuk-table__row" role="row" key={`${r.row ?? 0}-${r.field}-${i}`}>
              <td role="cell" className="nhsuk-table__cell">
                <span className="nhsuk-table__heading" aria-hidden="true">
                  Row{' '}
                </span>
                {r.row ?? '—'}
              </td>
              <td role="cell" className="nhsuk-table__cell">
                <span className="nhsuk-table__heading" aria-hidden="true">
                  Field{' '}
                </span>
                {fieldNames[r.field] ?? r.field}
              </td>
              <td role="cell" className="nhsuk-table__cell">
                <span className="nhsuk-table__heading" aria-hidden="true">
                  Problem{' '}
                </span>
                {r.message}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
