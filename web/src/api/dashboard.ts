// Hooks for issue 8: the executive dashboard, the supplier and
// accountability views, and the exports.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { ProblemError, toProblem } from './problem';
import type { components } from './schema';

type Schemas = components['schemas'];
export type Dashboard = Schemas['Dashboard'];
export type DashboardRow = Schemas['DashboardMatrixRow'];
export type DashboardCounts = Schemas['DashboardCounts'];
export type DashboardJudged = Schemas['DashboardJudged'];
export type DashboardStandardRef = Schemas['DashboardStandardRef'];
export type DashboardRef = Schemas['DashboardRef'];
export type DashboardTimeLost = Schemas['DashboardTimeLost'];
export type DashboardHarmReport = Schemas['DashboardHarmReport'];
export type DashboardEffect = Schemas['DashboardEffect'];
export type DashboardAwaiting = Schemas['DashboardAwaiting'];
export type Variation = Schemas['DashboardVariation'];
export type Assurance = Schemas['DashboardAssurance'];
export type ComplianceStatus = Schemas['ComplianceStatus'];
export type SupplierList = Schemas['SupplierList'];
export type SupplierSummary = Schemas['SupplierSummary'];
export type Supplier = Schemas['Supplier'];
export type SupplierSystem = Schemas['SupplierSystem'];
export type OwnerList = Schemas['OwnerList'];
export type OwnerSummary = Schemas['OwnerSummary'];
export type Owner = Schemas['Owner'];
export type Transparency = Schemas['Transparency'];

/** DashboardFilter is the dashboard's filters; empty strings do not filter. */
export interface DashboardFilter {
  site_id: string;
  system_id: string;
  category: string;
}

function filterQuery(f: DashboardFilter): { site_id?: string; system_id?: string; category?: Schemas['StandardCategory'] } {
  const q: { site_id?: string; system_id?: string; category?: Schemas['StandardCategory'] } = {};
  if (f.site_id) q.site_id = f.site_id;
  if (f.system_id) q.system_id = f.system_id;
  if (f.category) q.category = f.category as Schemas['StandardCategory'];
  return q;
}

// The server keeps one summary until the data change; a minute here spares
// a round trip when moving between the dashboard's pages.
const staleTime = 60_000;

export const dashboardQuery = (f: DashboardFilter) =>
  queryOptions({
    queryKey: ['dashboard', 'dashboard', f.site_id, f.system_id, f.category],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/dashboard', { params: { query: filterQuery(f) }, signal })),
    staleTime,
  });

/** useDashboard loads the dashboard; changing filters keeps the last one on screen until the next arrives. */
export function useDashboard(f: DashboardFilter) {
  return useQuery({ ...dashboardQuery(f), placeholderData: keepPreviousData });
}

export function useSuppliers() {
  return useQuery({
    queryKey: ['dashboard', 'suppliers'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/suppliers', { params: { query: { limit: 500 } }, signal })),
    staleTime,
  });
}

export function useSupplier(name: string) {
  return useQuery({
    queryKey: ['dashboard', 'supplier', name],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/suppliers/{name}', { params: { path: { name } }, signal })),
    staleTime,
  });
}

export function useOwners() {
  return useQuery({
    queryKey: ['dashboard', 'owners'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/owners', { params: { query: { limit: 500 } }, signal })),
    staleTime,
  });
}

export function useOwner(id: string) {
  return useQuery({
    queryKey: ['dashboard', 'owner', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/owners/{user_id}', { params: { path: { user_id: id } }, signal })),
    staleTime,
  });
}

export function useTransparency(quarter: string) {
  return useQuery({
    queryKey: ['dashboard', 'transparency', quarter],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/transparency', { params: { query: quarter ? { quarter } : {} }, signal })),
    staleTime,
    placeholderData: keepPreviousData,
  });
}

/** saveBlob offers data to the user as a file download. */
function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function filenameOf(response: Response, fallback: string): string {
  const m = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '');
  return m?.[1] ?? fallback;
}

/**
 * downloadDashboardCsv fetches the dashboard's CSV (with the session's
 * token, which a plain link could not send) and saves it.
 */
export async function downloadDashboardCsv(f: DashboardFilter): Promise<void> {
  const { data, error, response } = await api.GET('/api/v1/dashboard.csv', {
    params: { query: filterQuery(f) },
    parseAs: 'blob',
  });
  if (data === undefined) throw new ProblemError(toProblem(error, response));
  saveBlob(data, filenameOf(response, 'assure-dashboard.csv'));
}

/** downloadTransparencyCsv saves a quarter's transparency report as CSV. */
export async function downloadTransparencyCsv(quarter: string): Promise<void> {
  const { data, error, response } = await api.GET('/api/v1/transparency.csv', {
    params: { query: quarter ? { quarter } : {} },
    parseAs: 'blob',
  });
  if (data === undefined) throw new ProblemError(toProblem(error, response));
  saveBlob(data, filenameOf(response, 'assure-transparency.csv'));
}
