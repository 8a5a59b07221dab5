import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  categories,
  complianceStatuses,
  statuses,
  useLastCompliance,
  usePeople,
  useStandards,
  type ComplianceStatus,
  type StandardFilters,
} from '../../api/standards';
import { useMe } from '../../api/useMe';
import type { ProblemError } from '../../api/problem';
import ErrorSummary from '../../components/ErrorSummary';
import LoadingMessage from '../../components/LoadingMessage';
import SpcChartComplianceTag, { complianceLabel } from '../../components/SpcChartComplianceTag';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import { categoryLabels, statusLabels, statusTagColours } from './labels';
import SelectField from '../../components/SelectField';
import TableCell from './TableCell';
import './catalogue.css';

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** filtersFrom reads the catalogue's filters from the address, ignoring anything unknown. */
function filtersFrom(params: URLSearchParams): StandardFilters {
  return {
    category: pick(params.get('category'), categories),
    status: pick(params.get('status'), statuses),
    compliance: pick(params.get('compliance'), complianceStatuses),
    owner_id: params.get('owner') ?? undefined,
    q: params.get('q') ?? undefined,
  };
}

/** StandardsPage is the standards catalogue: every standard, filterable, with last period's compliance. */
export default function StandardsPage({ title }: PageProps) {
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const { data: me } = useMe();
  const all = useStandards();
  const list = useStandards(filters);
  const last = useLastCompliance();
  const { people } = usePeople();
  const error = (list.error ?? all.error) as ProblemError | null;
  usePageTitle(title, error !== null);

  const [q, setQ] = useState(filters.q ?? '');
  const [category, setCategory] = useState<string>(filters.category ?? '');
  const [status, setStatus] = useState<string>(filters.status ?? '');
  const [owner, setOwner] = useState<string>(filters.owner_id ?? '');
  const [compliance, setCompliance] = useState<string>(filters.compliance ?? '');

  const ownerIds = [...new Set((all.data ?? []).map((s) => s.owner_id).filter((id): id is string => id !== null))];
  const ownerName = (id: string | null) => (id === null ? 'No owner' : (people.get(id)?.name ?? 'Named owner'));
  const ownerOptions = ownerIds
    .map((id) => ({ value: id, label: ownerName(id) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const canManage = me?.permissions.includes('standards.manage') ?? false;
  const filtered = Object.values(filters).some((v) => v !== undefined && v !== '');

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (q.trim()) next.set('q', q.trim());
    if (category) next.set('category', category);
    if (status) next.set('status', status);
    if (owner) next.set('owner', owner);
    if (compliance) next.set('compliance', compliance);
    setParams(next);
  }

  function clear() {
    setQ('');
    setCategory('');
    setStatus('');
    setOwner('');
    setCompliance('');
    setParams(new URLSearchParams());
  }

  const rows = list.data ?? [];

  return (
    <>
      <h1>{title}</h1>
      <p className="nhsuk-body-l">
        The minimum standards clinical IT is held to: what is measured, the threshold it must meet and who is
        accountable for it.
      </p>
      <p>
        See also the <Link to="/systems">IT systems</Link> the standards apply to and the <Link to="/sites">sites</Link>{' '}
        that use them.
      </p>
      {canManage && (
        <Link to="/standards/new" className="nhsuk-button nhsuk-button--secondary" role="button" draggable="false">
          Add a standard
        </Link>
      )}

      {error && <ErrorSummary problem={error.problem} />}

      <form className="app-cat-filters" onSubmit={apply} aria-labelledby="filters-heading" role="search">
        <h2 className="nhsuk-heading-s" id="filters-heading">
          Filter the standards
        </h2>
        <div className="app-cat-filters__fields">
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="q">
              Code, title or metric
            </label>
            <input className="nhsuk-input" id="q" name="q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
          <SelectField
            id="category"
            label="Category"
            value={category}
            onChange={(e) => setCategory(e.target.value)}
            options={categories.map((c) => ({ value: c, label: categoryLabels[c] }))}
            placeholder="Any category"
          />
          <SelectField
            id="status"
            label="Status"
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            options={statuses.map((s) => ({ value: s, label: statusLabels[s] }))}
            placeholder="Any status"
          />
          <SelectField id="owner" label="Owner" value={owner} onChange={(e) => setOwner(e.target.value)} options={ownerOptions} placeholder="Anyone" />
          <SelectField
            id="compliance"
            label="Last period"
            value={compliance}
            onChange={(e) => setCompliance(e.target.value)}
            options={complianceStatuses.map((c) => ({ value: c, label: complianceLabel(c) }))}
            placeholder="Any result"
          />
        </div>
        <div className="app-cat-filters__actions">
          <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit">
            Apply filters
          </button>
          {filtered && (
            <button className="nhsuk-button nhsuk-button--reverse nhsuk-button--small" type="button" onClick={clear}>
              Clear filters
            </button>
          )}
        </div>
      </form>

      {list.isLoading ? (
        <LoadingMessage text="Loading the standards…" />
      ) : (
        <>
          <p role="status" className="app-cat-result-count">
            {rows.length === 1 ? '1 standard' : `${rows.length} standards`}
            {filtered ? ' match these filters.' : '.'}
          </p>
          {rows.length === 0 ? (
            <div className="nhsuk-inset-text">
              <span className="nhsuk-u-visually-hidden">Information: </span>
              <p>{filtered ? 'No standard matches these filters.' : 'There are no standards yet.'}</p>
            </div>
          ) : (
            <table className="nhsuk-table nhsuk-table--responsive app-cat-standards-table" role="table">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Standards</caption>
              <thead className="nhsuk-table__head" role="rowgroup">
                <tr className="nhsuk-table__row" role="row">
                  <th role="columnheader" scope="col" className="nhsuk-table__header">
                    Code
                  </th>
                  <th role="columnheader" scope="col" className="nhsuk-table__header">
                    Standard
                  </th>
                  <th role="columnheader" scope="col" className="nhsuk-table__header">
                    Category
                  </th>
                  <th role="columnheader" scope="col" className="nhsuk-table__header">
                    Owner
                  </th>
                  <th role="columnheader" scope="col" className="nhsuk-table__header">
                    Status
                  </th>
                  <th role="columnheader" scope="col" className="nhsuk-table__header">
                    Last period
                  </th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {rows.map((s) => {
                  const result: ComplianceStatus | undefined = last.data?.get(s.id);
                  return (
                    <tr key={s.id} className="nhsuk-table__row" role="row">
                      <TableCell heading="Code">
                        <span className="app-cat-code">{s.code}</span>
                      </TableCell>
                      <TableCell heading="Standard">
                        <Link to={`/standards/${s.id}`}>{s.title}</Link>
                      </TableCell>
                      <TableCell heading="Category">{categoryLabels[s.category]}</TableCell>
                      <TableCell heading="Owner">{ownerName(s.owner_id)}</TableCell>
                      <TableCell heading="Status">
                        <strong className={`nhsuk-tag nhsuk-tag--${statusTagColours[s.status]}`}>
                          {statusLabels[s.status]}
                        </strong>
                      </TableCell>
                      <TableCell heading="Last period">
                        {result ? (
                          <SpcChartComplianceTag status={result} />
                        ) : s.status === 'active' ? (
                          last.isLoading ? (
                            'Loading…'
                          ) : (
                            'Not judged yet'
                          )
                        ) : (
                          'Not judged'
                        )}
                      </TableCell>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}
