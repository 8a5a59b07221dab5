import type { ReactNode } from 'react';
import type { DiffRow } from './auditDiff';

// Ids, hashes, email addresses and values such as higher_is_better have no
// spaces to wrap at, and two of them side by side are wider than a phone; let
// only them break anywhere, so that ordinary words are never split.
const unbroken = /\S{24,}|\S_\S|\S@\S/;

function breakable(text: string): ReactNode {
  return unbroken.test(text) ? <span className="app-break-anywhere">{text}</span> : text;
}

interface Props {
  rows: readonly DiffRow[];
}

/**
 * AuditDiffTable shows what an event changed, field by field. A creation
 * shows only what was recorded, a deletion only what there was; otherwise
 * each field is shown before and after, with changes marked.
 */
export default function AuditDiffTable({ rows }: Props) {
  const allAdded = rows.every((r) => r.change === 'added');
  const allRemoved = rows.every((r) => r.change === 'removed');
  const single = allAdded || allRemoved;
  return (
    <table className="nhsuk-table app-audit-diff">
      <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
        {allAdded ? 'What was recorded' : allRemoved ? 'What there was before' : 'What changed'}
      </caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th className="nhsuk-table__header" scope="col">
            Field
          </th>
          {single ? (
            <th className="nhsuk-table__header" scope="col">
              {allAdded ? 'Recorded' : 'Before'}
            </th>
          ) : (
            <>
              <th className="nhsuk-table__header" scope="col">
                Before
              </th>
              <th className="nhsuk-table__header" scope="col">
                After
              </th>
            </>
          )}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {rows.map((r) => {
          const changed = r.change !== 'same';
          return (
            <tr className={`nhsuk-table__row${changed && !single ? ' app-audit-diff__changed' : ''}`} key={r.key}>
              <th className="nhsuk-table__header" scope="row">
                {r.label}
                {changed && !single && <span className="nhsuk-u-visually-hidden"> ({r.change})</span>}
              </th>
              {single ? (
                <td className="nhsuk-table__cell">
                  {breakable((allAdded ? r.after : r.before) ?? '')}
                </td>
              ) : (
                <>
                  <td className="nhsuk-table__cell">
                    {r.before === null ? (
                      <span className="nhsuk-u-secondary-text-colour">Not recorded</span>
                    ) : (
                      breakable(r.before)
                    )}
                  </td>
                  <td className="nhsuk-table__cell">
                    {r.after === null ? (
                      <span className="nhsuk-u-secondary-text-colour">Not recorded</span>
                    ) : changed ? (
                      <strong>{breakable(r.after)}</strong>
                    ) : (
                      breakable(r.after)
                    )}
                  </td>
                </>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
