import type { FormEvent } from 'react';
import type { Dashboard, DashboardFilter } from '../../api/dashboard';
import SelectField from '../../components/SelectField';
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
  const fields = [
    { name: 'site_id', id: 'filter-site', label: 'Site', placeholder: 'All sites', options: options.sites.map((s) => ({ value: s.id, label: s.name })) },
    { name: 'system_id', id: 'filter-system', label: 'System', placeholder: 'All systems', options: options.systems.map((s) => ({ value: s.id, label: s.name })) },
    { name: 'category', id: 'filter-category', label: 'Category', placeholder: 'All categories', options: options.categories.map((c) => ({ value: c, label: categoryWords[c] ?? c })) },
  ] as const;
  const any = filter.site_id !== '' || filter.system_id !== '' || filter.category !== '';
  return (
    <form className="app-dashboard-filters" onSubmit={submit} aria-label="Filter the dashboard">
      {fields.map(({ name, ...field }) => (
        <SelectField key={`${name}-${filter[name]}`} name={name} defaultValue={filter[name]} {...field} />
      ))}
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
