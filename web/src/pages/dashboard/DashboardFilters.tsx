import type { FormEvent } from 'react';
import type { Dashboard, DashboardFilter } from '../../api/dashboard';
import { categoryWords } from './format';

interface Props {
  filter: DashboardFilter;
  options: Dashboard['options'];
  onChange: (f: DashboardFilter) => void;
}

/**
 * DashboardFilters narrows the dashboard to a site, a system and a category.
 * The filters live in the address, so a filtered view can be shared.
 */
export default function DashboardFilters({ filter, options, onChange }: Props) {
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    onChange({
      site_id: String(data.get('site_id') ?? ''),
      system_id: String(data.get('system_id') ?? ''),
      category: String(data.get('category') ?? ''),
    });
  }
  const any = filter.site_id !== '' || filter.system_id !== '' || filter.category !== '';
  return (
    <form className="app-dashboard-filters" onSubmit={submit} aria-label="Filter the dashboard">
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="filter-site">
          Site
        </label>
        <select className="nhsuk-select" id="filter-site" name="site_id" defaultValue={filter.site_id} key={`site-${filter.site_id}`}>
          <option value="">All sites</option>
          {options.sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="filter-system">
          System
        </label>
        <select className="nhsuk-select" id="filter-system" name="system_id" defaultValue={filter.system_id} key={`system-${filter.system_id}`}>
          <option value="">All systems</option>
          {options.systems.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="filter-category">
          Category
        </label>
        <select className="nhsuk-select" id="filter-category" name="category" defaultValue={filter.category} key={`category-${filter.category}`}>
          <option value="">All categories</option>
          {options.categories.map((c) => (
            <option key={c} value={c}>
              {categoryWords[c] ?? c}
            </option>
          ))}
        </select>
      </div>
      <div className="app-dashboard-filters__buttons">
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Apply filters
        </button>
        {any && (
          <button
            className="app-link-button app-dashboard-filters__clear"
            type="button"
            onClick={() => onChange({ site_id: '', system_id: '', category: '' })}
          >
            Clear filters
          </button>
        )}
      </div>
    </form>
  );
}
