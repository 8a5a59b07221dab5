import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ProblemError } from '../../api/problem';
import { criticalities, usePeople, useSites, useSystems, type Criticality, type SystemFilters } from '../../api/standards';
import { useMe } from '../../api/useMe';
import ErrorSummary from '../../components/ErrorSummary';
import LoadingMessage from '../../components/LoadingMessage';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import { criticalityLabels, criticalityTagColours } from '../standards/labels';
import SelectField from '../../components/SelectField';
import TableCell from '../standards/TableCell';
import '../standards/catalogue.css';

function filtersFrom(params: URLSearchParams): SystemFilters {
  const c = params.get('criticality');
  return {
    q: params.get('q') ?? undefined,
    criticality: c !== null && (criticalities as readonly string[]).includes(c) ? (c as Criticality) : undefined,
    site_id: params.get('site') ?? undefined,
  };
}

/** SystemsPage lists the IT systems clinicians depend on, who supplies and who owns each. */
export default function SystemsPage({ title }: PageProps) {
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const { data: me } = useMe();
  const systems = useSystems(filters);
  const all = useSystems();
  const sites = useSites();
  const { people } = usePeople();
  const error = systems.error as ProblemError | null;
  usePageTitle(title, error !== null);
  const [q, setQ] = useState(filters.q ?? '');
  const [criticality, setCriticality] = useState<string>(filters.criticality ?? '');
  const [site, setSite] = useState(filters.site_id ?? '');
  const canManage = me?.permissions.includes('sites.manage') ?? false;
  const names = new Map((all.data ?? []).map((s) => [s.id, s.name]));
  const filtered = Boolean(filters.q || filters.criticality || filters.site_id);

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (q.trim()) next.set('q', q.trim());
    if (criticality) next.set('criticality', criticality);
    if (site) next.set('site', site);
    setParams(next);
  }

  function clear() {
    setQ('');
    setCriticality('');
    setSite('');
    setParams(new URLSearchParams());
  }

  const rows = systems.data ?? [];
  return (
    <>
      <h1>{title}</h1>
      <p className="nhsuk-body-l">
        The IT services clinicians depend on, who supplies them, how critical they are and who is accountable for each.
      </p>
      <p>
        See also the <Link to="/sites">sites</Link> and the <Link to="/standards">standards</Link>.
      </p>
      {canManage && (
        <Link to="/systems/new" className="nhsuk-button nhsuk-button--secondary" role="button" draggable="false">
          Add a system
        </Link>
      )}
      {error && <ErrorSummary problem={error.problem} />}

      <form className="app-cat-filters" onSubmit={apply} role="search" aria-labelledby="filters-heading">
        <h2 className="nhsuk-heading-s" id="filters-heading">
          Filter the systems
        </h2>
        <div className="app-cat-filters__fields">
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="q">
              Name, supplier or description
            </label>
            <input className="nhsuk-input" id="q" name="q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
          <SelectField
            id="criticality"
            label="Criticality"
            value={criticality}
            onChange={(e) => setCriticality(e.target.value)}
            placeholder="Any"
            options={criticalities.map((c) => ({ value: c, label: criticalityLabels[c] }))}
          />
          <SelectField
            id="site"
            label="Used at"
            value={site}
            onChange={(e) => setSite(e.target.value)}
            placeholder="Any site"
            options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
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

      {systems.isLoading ? (
        <LoadingMessage text="Loading the systems…" />
      ) : rows.length === 0 ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>{filtered ? 'No system matches these filters.' : 'There are no systems yet.'}</p>
        </div>
      ) : (
        <table className="nhsuk-table nhsuk-table--responsive" role="table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">
            {rows.length === 1 ? '1 system' : `${rows.length} systems`}
          </caption>
          <thead className="nhsuk-table__head" role="rowgroup">
            <tr className="nhsuk-table__row" role="row">
              {['System', 'Supplier', 'Criticality', 'Owner', 'Depends on'].map((h) => (
                <th key={h} role="columnheader" scope="col" className="nhsuk-table__header">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {rows.map((s) => (
              <tr key={s.id} className="nhsuk-table__row" role="row">
                <TableCell heading="System">
                  <Link to={`/systems/${s.id}`}>{s.name}</Link>
                </TableCell>
                <TableCell heading="Supplier">{s.supplier || 'Not recorded'}</TableCell>
                <TableCell heading="Criticality">
                  <strong className={`nhsuk-tag nhsuk-tag--${criticalityTagColours[s.criticality]}`}>
                    {criticalityLabels[s.criticality]}
                  </strong>
                </TableCell>
                <TableCell heading="Owner">{s.owner_id === null ? 'No owner' : (people.get(s.owner_id)?.name ?? 'Named owner')}</TableCell>
                <TableCell heading="Depends on">
                  {s.depends_on_ids.length === 0 ? 'Nothing' : s.depends_on_ids.map((id) => names.get(id) ?? 'A system').join(', ')}
                </TableCell>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
