import type { Standard, StandardException, StandardRebase, StandardRevision } from '../../api/standards';
import { formatDate, formatValue } from '../../lib/spc';
import { directionLabels, periodLabels } from './labels';
import TableCell from './TableCell';

interface Props {
  standard: Standard;
  revisions: readonly StandardRevision[];
  rebases: readonly StandardRebase[];
  exceptions: readonly StandardException[];
  systemName: (id: string) => string;
  siteName: (id: string) => string;
  personName: (id: string) => string | null;
}

function Header({ children }: { children: string }) {
  return (
    <th role="columnheader" scope="col" className="nhsuk-table__header">
      {children}
    </th>
  );
}

function Empty({ children }: { children: string }) {
  return <p className="app-cat-muted">{children}</p>;
}

/** StandardHistory lists a standard's revisions, recalculations of its limits and its exceptions. */
export default function StandardHistory({ standard, revisions, rebases, exceptions, systemName, siteName, personName }: Props) {
  const today = new Date().toISOString().slice(0, 10);
  const unit = standard.unit;
  return (
    <>
      <section className="app-cat-section" aria-labelledby="rebases-heading">
        <h2 id="rebases-heading">Recalculations of the limits</h2>
        {rebases.length === 0 ? (
          <Empty>The limits have never been recalculated: every period shares one set.</Empty>
        ) : (
          <table className="nhsuk-table nhsuk-table--responsive" role="table">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Recalculations of the limits</caption>
            <thead className="nhsuk-table__head" role="rowgroup">
              <tr className="nhsuk-table__row" role="row">
                <Header>From</Header>
                <Header>Why</Header>
                <Header>Recorded as</Header>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {rebases.map((r) => (
                <tr key={r.id} className="nhsuk-table__row" role="row">
                  <TableCell heading="From">{formatDate(r.period)}</TableCell>
                  <TableCell heading="Why">{r.reason}</TableCell>
                  <TableCell heading="Recorded as">
                    {r.source === 'cycle' ? 'A PDSA cycle’s change was adopted' : 'A recalculation'}
                    {r.created_by && personName(r.created_by) ? ` by ${personName(r.created_by) ?? ''}` : ''}
                  </TableCell>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="app-cat-section" aria-labelledby="revisions-heading">
        <h2 id="revisions-heading">Revisions</h2>
        <p>Each period is judged by the revision in force when it started.</p>
        {revisions.length === 0 ? (
          <Empty>No revisions.</Empty>
        ) : (
          <table className="nhsuk-table nhsuk-table--responsive" role="table">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Revisions</caption>
            <thead className="nhsuk-table__head" role="rowgroup">
              <tr className="nhsuk-table__row" role="row">
                <Header>Effective from</Header>
                <Header>Threshold</Header>
                <Header>Target</Header>
                <Header>Direction</Header>
                <Header>Period</Header>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {[...revisions].reverse().map((r) => (
                <tr key={r.id} className="nhsuk-table__row" role="row">
                  <TableCell heading="Effective from">{formatDate(r.effective_from)}</TableCell>
                  <TableCell heading="Threshold">{formatValue(r.threshold, unit, 3)}</TableCell>
                  <TableCell heading="Target">{r.target === null ? 'None' : formatValue(r.target, unit, 3)}</TableCell>
                  <TableCell heading="Direction">{directionLabels[r.direction]}</TableCell>
                  <TableCell heading="Period">{periodLabels[r.period]}</TableCell>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="app-cat-section" aria-labelledby="exceptions-heading">
        <h2 id="exceptions-heading">Exceptions</h2>
        <p>An approved exception excuses the standard for a system, a site or the whole organisation for a time.</p>
        {exceptions.length === 0 ? (
          <Empty>No exceptions have been approved.</Empty>
        ) : (
          <table className="nhsuk-table nhsuk-table--responsive" role="table">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Exceptions</caption>
            <thead className="nhsuk-table__head" role="rowgroup">
              <tr className="nhsuk-table__row" role="row">
                <Header>Applies to</Header>
                <Header>Reason</Header>
                <Header>Dates</Header>
                <Header>Approved by</Header>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {exceptions.map((e) => {
                const current = e.starts_on <= today && today <= e.expires_on;
                return (
                  <tr key={e.id} className="nhsuk-table__row" role="row">
                    <TableCell heading="Applies to">
                      {e.system_id ? systemName(e.system_id) : e.site_id ? siteName(e.site_id) : 'The whole organisation'}
                    </TableCell>
                    <TableCell heading="Reason">{e.reason}</TableCell>
                    <TableCell heading="Dates">
                      {formatDate(e.starts_on)} to {formatDate(e.expires_on)}{' '}
                      {current ? (
                        <strong className="nhsuk-tag nhsuk-tag--yellow">In force</strong>
                      ) : e.expires_on < today ? (
                        <strong className="nhsuk-tag nhsuk-tag--grey">Expired</strong>
                      ) : (
                        <strong className="nhsuk-tag nhsuk-tag--blue">Upcoming</strong>
                      )}
                    </TableCell>
                    <TableCell heading="Approved by">{personName(e.approved_by) ?? 'An administrator'}</TableCell>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
