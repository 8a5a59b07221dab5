import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useAuditEvents } from '../../api/audit';
import { ProblemError, validationProblem, type Problem } from '../../api/problem';
import ErrorSummary from '../../components/ErrorSummary';
import LoadingMessage from '../../components/LoadingMessage';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import { explainProblem } from '../admin/explainProblem';
import AuditEventCard from './AuditEventCard';
import AuditFilterForm from './AuditFilterForm';
import { filtersFromParams, filtersToParams, hasFilters, toAuditQuery, validateFilters } from './auditFilters';

const labels = { entity_id: 'The ID', actor: 'Changed by', from: 'The "from" date', to: 'The "to" date' };

/**
 * AuditPage reads the audit trail, newest first: every change, who made it,
 * when, and what it was before and after. The filters live in the address,
 * so a filtered view can be shared or bookmarked.
 */
export default function AuditPage({ title }: PageProps) {
  const [params, setParams] = useSearchParams();
  const paramsKey = params.toString();
  const filters = useMemo(() => filtersFromParams(new URLSearchParams(paramsKey)), [paramsKey]);
  const invalid = useMemo(() => {
    const errors = validateFilters(filters);
    return errors.length > 0 ? validationProblem(errors) : null;
  }, [filters]);
  const query = useMemo(() => (invalid ? {} : toAuditQuery(filters)), [filters, invalid]);
  const events = useAuditEvents(query, invalid === null);
  const problem: Problem | null =
    invalid ?? (events.error instanceof ProblemError ? explainProblem(events.error.problem, labels) : null);
  usePageTitle(title, problem !== null);

  const items = invalid ? [] : (events.data?.pages.flatMap((p) => p.items) ?? []);
  const filtered = hasFilters(filters);

  return (
    <>
      {problem && <ErrorSummary problem={problem} />}
      <h1>{title}</h1>
      <p>
        Every change made in Assure, who made it and when, with what it was before and after. Entries cannot be
        changed or removed.
      </p>
      <AuditFilterForm value={filters} problem={problem} onApply={(v) => setParams(filtersToParams(v))} />

      <h2>{filtered ? 'Matching events' : 'Latest events'}</h2>
      {!invalid && events.isPending && <LoadingMessage text="Loading events…" />}
      {!invalid && events.isSuccess && (
        <>
          <p role="status" className="nhsuk-body-s">
            {items.length === 0
              ? filtered
                ? 'No events match these filters.'
                : 'Nothing has been recorded yet.'
              : `Showing ${items.length} ${items.length === 1 ? 'event' : 'events'}, newest first.${events.hasNextPage ? ' There are older ones.' : ''}`}
          </p>
          {items.length > 0 && (
            <ol className="app-audit-events" aria-label="Events, newest first">
              {items.map((e) => (
                <AuditEventCard key={e.seq} event={e} />
              ))}
            </ol>
          )}
          {events.hasNextPage && (
            <button
              className="nhsuk-button nhsuk-button--secondary"
              type="button"
              disabled={events.isFetchingNextPage}
              onClick={() => void events.fetchNextPage()}
            >
              {events.isFetchingNextPage ? 'Loading older events…' : 'Older events'}
            </button>
          )}
        </>
      )}
    </>
  );
}
