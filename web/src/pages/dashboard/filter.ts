import type { DashboardFilter } from '../../api/dashboard';

/** filterFrom reads the dashboard's filters from the address. */
export function filterFrom(params: URLSearchParams): DashboardFilter {
  return {
    site_id: params.get('site_id') ?? '',
    system_id: params.get('system_id') ?? '',
    category: params.get('category') ?? '',
  };
}
