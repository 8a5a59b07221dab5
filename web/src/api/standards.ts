// Hooks for issue 5: sites, systems, the standards catalogue (revisions,
// exceptions, rebases), compliance, SPC charts and the SPC calculator.
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { ProblemError } from './problem';
import type { components } from './schema';
import { useMe } from './useMe';

type Schemas = components['schemas'];
export type Standard = Schemas['Standard'];
export type StandardCategory = Schemas['StandardCategory'];
export type StandardStatus = Schemas['StandardStatus'];
export type StandardDirection = Schemas['StandardDirection'];
export type StandardPeriod = Schemas['StandardPeriod'];
export type StandardUnit = Schemas['StandardUnit'];
export type StandardRollup = Schemas['StandardRollup'];
export type StandardReference = Schemas['StandardReference'];
export type CreateStandardRequest = Schemas['CreateStandardRequest'];
export type UpdateStandardRequest = Schemas['UpdateStandardRequest'];
export type StandardRevision = Schemas['StandardRevision'];
export type StandardException = Schemas['StandardException'];
export type StandardRebase = Schemas['StandardRebase'];
export type ComplianceStatus = Schemas['ComplianceStatus'];
export type Compliance = Schemas['Compliance'];
export type CompliancePeriod = Schemas['CompliancePeriod'];
export type SpcRequest = Schemas['SpcRequest'];
export type SpcResult = Schemas['SpcResult'];
export type SpcPoint = Schemas['SpcPoint'];
export type StandardSpc = Schemas['StandardSpc'];
export type SpcAnnotation = Schemas['SpcAnnotation'];
export type Site = Schemas['Site'];
export type SiteDetail = Schemas['SiteDetail'];
export type System = Schemas['System'];
export type SystemDetail = Schemas['SystemDetail'];
export type SystemRef = Schemas['SystemRef'];
export type Criticality = Schemas['Criticality'];
export type CreateSystemRequest = Schemas['CreateSystemRequest'];
export type UpdateSystemRequest = Schemas['UpdateSystemRequest'];
export type CreateSiteRequest = Schemas['CreateSiteRequest'];
export type UpdateSiteRequest = Schemas['UpdateSiteRequest'];

export const categories: readonly StandardCategory[] = [
  'availability',
  'performance',
  'reliability',
  'security',
  'backup_recovery',
  'clinician_experience',
  'service_support',
];
export const statuses: readonly StandardStatus[] = ['draft', 'active', 'retired'];
export const complianceStatuses: readonly ComplianceStatus[] = ['met', 'breached', 'excepted', 'missing'];
export const directions: readonly StandardDirection[] = ['higher_is_better', 'lower_is_better', 'neither'];
export const periods: readonly StandardPeriod[] = ['day', 'week', 'month'];
export const units: readonly StandardUnit[] = ['percent', 'count', 'seconds', 'minutes', 'hours', 'days', 'number'];
export const rollups: readonly StandardRollup[] = ['mean', 'sum', 'min', 'max'];
export const criticalities: readonly Criticality[] = ['critical', 'high', 'standard'];

// Everything about the catalogue shares a prefix, so a change (or a
// measurement upload) refreshes every list, chart and compliance table.
export const catalogueKeys = {
  standards: ['standards'] as const,
  standardList: (f: StandardFilters) => ['standards', 'list', f] as const,
  lastCompliance: ['standards', 'last-compliance'] as const,
  standard: (id: string) => ['standards', 'one', id] as const,
  spc: (id: string, systemId: string | undefined) => ['standards', 'one', id, 'spc', systemId ?? 'all'] as const,
  compliance: (id: string, systemId: string | undefined) => ['standards', 'one', id, 'compliance', systemId ?? 'all'] as const,
  revisions: (id: string) => ['standards', 'one', id, 'revisions'] as const,
  exceptions: (id: string) => ['standards', 'one', id, 'exceptions'] as const,
  rebases: (id: string) => ['standards', 'one', id, 'rebases'] as const,
  systems: ['systems'] as const,
  system: (id: string) => ['systems', 'one', id] as const,
  sites: ['sites'] as const,
  site: (id: string) => ['sites', 'one', id] as const,
};

/** Lists are read whole: a trust has tens of standards and systems, not thousands. */
const maxPage = 500;
const maxPages = 20;

async function allPages<T>(load: (cursor: string | undefined) => Promise<{ items: T[]; next_cursor: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await load(cursor);
    items.push(...page.items);
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return items;
}

/** StandardFilters narrows the catalogue; empty fields do not filter. */
export interface StandardFilters {
  category?: StandardCategory;
  status?: StandardStatus;
  owner_id?: string;
  system_id?: string;
  compliance?: ComplianceStatus;
  q?: string;
}

export function standardsQuery(filters: StandardFilters) {
  return queryOptions({
    queryKey: catalogueKeys.standardList(filters),
    queryFn: ({ signal }) =>
      allPages((cursor) =>
        unwrap(
          api.GET('/api/v1/standards', {
            params: {
              query: {
                category: filters.category,
                status: filters.status,
                owner_id: filters.owner_id || undefined,
                system_id: filters.system_id || undefined,
                compliance: filters.compliance,
                q: filters.q || undefined,
                limit: maxPage,
                cursor,
              },
            },
            signal,
          }),
        ),
      ),
  });
}

/** useStandards is the catalogue, filtered, in code order. */
export function useStandards(filters: StandardFilters = {}) {
  return useQuery(standardsQuery(filters));
}

/**
 * useLastCompliance maps each active standard's id to its organisation
 * roll-up's status in the last complete period. The standard itself does
 * not carry it, so this asks the catalogue once per status.
 */
export function useLastCompliance() {
  return useQuery({
    queryKey: catalogueKeys.lastCompliance,
    queryFn: async ({ signal }) => {
      const lists = await Promise.all(
        complianceStatuses.map(async (status) => {
          const items = await allPages((cursor) =>
            unwrap(api.GET('/api/v1/standards', { params: { query: { compliance: status, limit: maxPage, cursor } }, signal })),
          );
          return items.map((s) => [s.id, status] as const);
        }),
      );
      return new Map<string, ComplianceStatus>(lists.flat());
    },
  });
}

export function useStandard(id: string, enabled = true) {
  return useQuery({
    queryKey: catalogueKeys.standard(id),
    enabled: enabled && id !== '',
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/standards/{id}', { params: { path: { id } }, signal })),
  });
}

/** useStandardSpc is the standard's chart: the roll-up, or one system's series. */
export function useStandardSpc(id: string, systemId?: string) {
  return useQuery({
    queryKey: catalogueKeys.spc(id, systemId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/standards/{id}/spc', {
          params: { path: { id }, query: { system_id: systemId || undefined } },
          signal,
        }),
      ),
  });
}

/** useStandardCompliance is each period's status (met, breached…) and the rate. */
export function useStandardCompliance(id: string, systemId?: string) {
  return useQuery({
    queryKey: catalogueKeys.compliance(id, systemId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/standards/{id}/compliance', {
          params: { path: { id }, query: { system_id: systemId || undefined } },
          signal,
        }),
      ),
  });
}

export function useStandardRevisions(id: string) {
  return useQuery({
    queryKey: catalogueKeys.revisions(id),
    queryFn: ({ signal }) =>
      allPages((cursor) =>
        unwrap(api.GET('/api/v1/standards/{id}/revisions', { params: { path: { id }, query: { limit: maxPage, cursor } }, signal })),
      ),
  });
}

export function useStandardExceptions(id: string) {
  return useQuery({
    queryKey: catalogueKeys.exceptions(id),
    queryFn: ({ signal }) =>
      allPages((cursor) =>
        unwrap(api.GET('/api/v1/standards/{id}/exceptions', { params: { path: { id }, query: { limit: maxPage, cursor } }, signal })),
      ),
  });
}

export function useStandardRebases(id: string) {
  return useQuery({
    queryKey: catalogueKeys.rebases(id),
    queryFn: ({ signal }) =>
      allPages((cursor) =>
        unwrap(api.GET('/api/v1/standards/{id}/rebases', { params: { path: { id }, query: { limit: maxPage, cursor } }, signal })),
      ),
  });
}

/** invalidateCatalogue refreshes everything derived from standards and measurements. */
export function invalidateCatalogue(qc: QueryClient): Promise<unknown> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: catalogueKeys.standards }),
    qc.invalidateQueries({ queryKey: catalogueKeys.systems }),
    qc.invalidateQueries({ queryKey: catalogueKeys.sites }),
    // Changes write audit events, and move the dashboard's figures.
    qc.invalidateQueries({ queryKey: ['audit'] }),
    qc.invalidateQueries({ queryKey: ['dashboard'] }),
  ]);
}

export interface NewRebase {
  period: string;
  reason: string;
}

/** useCreateRebase records a recalculation of the limits (owners and admins). */
export function useCreateRebase(standardId: string) {
  const qc = useQueryClient();
  return useMutation<StandardRebase, ProblemError, NewRebase>({
    mutationFn: (body) => unwrap(api.POST('/api/v1/standards/{id}/rebases', { params: { path: { id: standardId } }, body })),
    // Not awaited: the caller moves on at once, and the pages it shows refetch.
    onSuccess: () => {
      void invalidateCatalogue(qc);
    },
  });
}

function ifMatch(version: number): { 'If-Match': string } {
  return { 'If-Match': `"${version}"` };
}

export type SaveStandard =
  | { kind: 'create'; body: CreateStandardRequest }
  | { kind: 'update'; id: string; version: number; body: UpdateStandardRequest };

/** useSaveStandard creates a standard, or changes one with If-Match (412 if someone else did first). */
export function useSaveStandard() {
  const qc = useQueryClient();
  return useMutation<Standard, ProblemError, SaveStandard>({
    mutationFn: (save) =>
      save.kind === 'create'
        ? unwrap(api.POST('/api/v1/standards', { body: save.body }))
        : unwrap(
            api.PATCH('/api/v1/standards/{id}', {
              params: { path: { id: save.id }, header: ifMatch(save.version) },
              body: save.body,
            }),
          ),
    // Not awaited: the caller moves on at once, and the pages it shows refetch.
    onSuccess: () => {
      void invalidateCatalogue(qc);
    },
  });
}

/** SystemFilters narrows the systems list. */
export interface SystemFilters {
  q?: string;
  criticality?: Criticality;
  site_id?: string;
  supplier?: string;
}

export function useSystems(filters: SystemFilters = {}) {
  return useQuery({
    queryKey: [...catalogueKeys.systems, 'list', filters],
    queryFn: ({ signal }) =>
      allPages((cursor) =>
        unwrap(
          api.GET('/api/v1/systems', {
            params: {
              query: {
                q: filters.q || undefined,
                criticality: filters.criticality,
                site_id: filters.site_id || undefined,
                supplier: filters.supplier || undefined,
                limit: maxPage,
                cursor,
              },
            },
            signal,
          }),
        ),
      ),
  });
}

export function useSystem(id: string, enabled = true) {
  return useQuery({
    queryKey: catalogueKeys.system(id),
    enabled: enabled && id !== '',
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/systems/{id}', { params: { path: { id } }, signal })),
  });
}

export type SaveSystem =
  | { kind: 'create'; body: CreateSystemRequest }
  | { kind: 'update'; id: string; version: number; body: UpdateSystemRequest };

export function useSaveSystem() {
  const qc = useQueryClient();
  return useMutation<System, ProblemError, SaveSystem>({
    mutationFn: (save) =>
      save.kind === 'create'
        ? unwrap(api.POST('/api/v1/systems', { body: save.body }))
        : unwrap(
            api.PATCH('/api/v1/systems/{id}', {
              params: { path: { id: save.id }, header: ifMatch(save.version) },
              body: save.body,
            }),
          ),
    // Not awaited: the caller moves on at once, and the pages it shows refetch.
    onSuccess: () => {
      void invalidateCatalogue(qc);
    },
  });
}

export function useSites() {
  return useQuery({
    queryKey: [...catalogueKeys.sites, 'list'],
    queryFn: ({ signal }) =>
      allPages((cursor) => unwrap(api.GET('/api/v1/sites', { params: { query: { limit: maxPage, cursor } }, signal }))),
  });
}

export function useSite(id: string, enabled = true) {
  return useQuery({
    queryKey: catalogueKeys.site(id),
    enabled: enabled && id !== '',
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/sites/{id}', { params: { path: { id } }, signal })),
  });
}

export type SaveSite =
  | { kind: 'create'; body: CreateSiteRequest }
  | { kind: 'update'; id: string; version: number; body: UpdateSiteRequest };

export function useSaveSite() {
  const qc = useQueryClient();
  return useMutation<Site, ProblemError, SaveSite>({
    mutationFn: (save) =>
      save.kind === 'create'
        ? unwrap(api.POST('/api/v1/sites', { body: save.body }))
        : unwrap(
            api.PATCH('/api/v1/sites/{id}', {
              params: { path: { id: save.id }, header: ifMatch(save.version) },
              body: save.body,
            }),
          ),
    // Not awaited: the caller moves on at once, and the pages it shows refetch.
    onSuccess: () => {
      void invalidateCatalogue(qc);
    },
  });
}

/** useAnalyseSpc is the SPC calculator: any series in, the analysis out. */
export function useAnalyseSpc() {
  return useMutation<SpcResult, ProblemError, SpcRequest>({
    mutationFn: (body) => unwrap(api.POST('/api/v1/spc', { body })),
  });
}

/** Person is a user as the catalogue pages name them. */
export interface Person {
  id: string;
  name: string;
}

/**
 * usePeople lists users by id, to name owners. Standards and systems carry
 * only an owner's id, and the user list needs `users.read`, which
 * clinicians do not hold: for them the map holds only themselves.
 */
export function usePeople() {
  const { data: me } = useMe();
  const canRead = me?.permissions.includes('users.read') ?? false;
  const query = useQuery({
    queryKey: ['users', 'directory'],
    enabled: canRead,
    staleTime: 5 * 60_000,
    queryFn: ({ signal }) =>
      allPages((cursor) => unwrap(api.GET('/api/v1/users', { params: { query: { limit: maxPage, cursor } }, signal }))),
  });
  const people = new Map<string, Person>();
  for (const u of query.data ?? []) people.set(u.id, { id: u.id, name: u.name });
  if (me) people.set(me.id, { id: me.id, name: me.name });
  return { people, list: query.data ?? [], canRead, isLoading: canRead && query.isLoading };
}
