// Reports of IT problems ("issues" in the API) and the problems that group
// them: TanStack Query hooks over the generated client.
import { keepPreviousData, useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { ProblemError } from './problem';
import type { components, operations } from './schema';

export type Issue = components['schemas']['Issue'];
export type IssueStatus = components['schemas']['IssueStatus'];
export type Harm = components['schemas']['Harm'];
export type IssueEvent = components['schemas']['IssueEvent'];
export type SimilarIssue = components['schemas']['SimilarIssue'];
export type ITProblem = components['schemas']['ITProblem'];
export type CreateIssueRequest = components['schemas']['CreateIssueRequest'];
export type UpdateIssueRequest = components['schemas']['UpdateIssueRequest'];
export type CreateProblemRequest = components['schemas']['CreateProblemRequest'];
export type UpdateProblemRequest = components['schemas']['UpdateProblemRequest'];
export type IssueQuery = NonNullable<operations['listIssues']['parameters']['query']>;
export type CatalogueSite = components['schemas']['Site'];
export type CatalogueSystem = components['schemas']['System'];

/** Query keys: everything about reports sits under ['issues']. */
export const issueKeys = {
  all: ['issues'] as const,
  list: (q: IssueQuery) => ['issues', 'list', q] as const,
  one: (id: string) => ['issues', 'one', id] as const,
  timeline: (id: string) => ['issues', 'timeline', id] as const,
  similar: (systemId: string, siteId: string) => ['issues', 'similar', systemId, siteId] as const,
  problems: ['issues', 'problems'] as const,
  problem: (id: string) => ['issues', 'problems', id] as const,
  sites: ['issues', 'catalogue', 'sites'] as const,
  systems: ['issues', 'catalogue', 'systems'] as const,
};

/** useIssues lists reports: the triage queue, or "My reports" with mine=true. */
export function useIssues(query: IssueQuery): UseQueryResult<components['schemas']['IssueList'], ProblemError> {
  return useQuery({
    queryKey: issueKeys.list(query),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/issues', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** useIssue loads one report. */
export function useIssue(id: string): UseQueryResult<Issue, ProblemError> {
  return useQuery({
    queryKey: issueKeys.one(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/issues/{id}', { params: { path: { id } }, signal })),
  });
}

/** useTimeline loads everything that happened to a report, comments included. */
export function useTimeline(id: string): UseQueryResult<components['schemas']['IssueEventList'], ProblemError> {
  return useQuery({
    queryKey: issueKeys.timeline(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/issues/{id}/timeline', { params: { path: { id } }, signal })),
  });
}

/** useSimilar suggests open reports for the same system and site from the last day. */
export function useSimilar(systemId: string, siteId: string): UseQueryResult<components['schemas']['SimilarIssueList'], ProblemError> {
  return useQuery({
    queryKey: issueKeys.similar(systemId, siteId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/issues/similar', { params: { query: { system_id: systemId, site_id: siteId } }, signal })),
    enabled: systemId !== '' && siteId !== '',
  });
}

/** useReportSites lists every site, for the report form and filters. */
export function useReportSites(): UseQueryResult<CatalogueSite[], ProblemError> {
  return useQuery({
    queryKey: issueKeys.sites,
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/sites', { params: { query: { limit: 500 } }, signal }))).items,
    staleTime: 5 * 60_000,
  });
}

/** useReportSystems lists every system, for the report form and filters. */
export function useReportSystems(): UseQueryResult<CatalogueSystem[], ProblemError> {
  return useQuery({
    queryKey: issueKeys.systems,
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/systems', { params: { query: { limit: 500 } }, signal }))).items,
    staleTime: 5 * 60_000,
  });
}

/** useCreateIssue files a report. */
export function useCreateIssue() {
  const qc = useQueryClient();
  return useMutation<Issue, ProblemError, CreateIssueRequest>({
    mutationFn: (body) => unwrap(api.POST('/api/v1/issues', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: issueKeys.all }),
  });
}

/** useUpdateIssue changes a report, with its version as If-Match. */
export function useUpdateIssue(id: string) {
  const qc = useQueryClient();
  return useMutation<Issue, ProblemError, { body: UpdateIssueRequest; version: number }>({
    mutationFn: ({ body, version }) =>
      unwrap(api.PATCH('/api/v1/issues/{id}', { params: { path: { id }, header: { 'If-Match': `"${version}"` } }, body })),
    onSuccess: (issue) => {
      qc.setQueryData(issueKeys.one(id), issue);
      return qc.invalidateQueries({ queryKey: issueKeys.all });
    },
  });
}

/** useTransition moves a report to another status. */
export function useTransition(id: string) {
  const qc = useQueryClient();
  return useMutation<Issue, ProblemError, { to: IssueStatus; note?: string }>({
    mutationFn: (body) => unwrap(api.POST('/api/v1/issues/{id}/transitions', { params: { path: { id } }, body })),
    onSuccess: (issue) => {
      qc.setQueryData(issueKeys.one(id), issue);
      return qc.invalidateQueries({ queryKey: issueKeys.all });
    },
  });
}

/** useAddAffected says the signed-in user was affected by a report's problem too. */
export function useAddAffected() {
  const qc = useQueryClient();
  return useMutation<Issue, ProblemError, { id: string; minutesLost: number }>({
    mutationFn: ({ id, minutesLost }) =>
      unwrap(api.POST('/api/v1/issues/{id}/affected', { params: { path: { id } }, body: { minutes_lost: minutesLost } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: issueKeys.all }),
  });
}

/** useAddComment adds to a report's thread. */
export function useAddComment(id: string) {
  const qc = useQueryClient();
  return useMutation<IssueEvent, ProblemError, string>({
    mutationFn: (body) => unwrap(api.POST('/api/v1/issues/{id}/comments', { params: { path: { id } }, body: { body } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: issueKeys.timeline(id) }),
  });
}

/** useProblems lists problems, newest first. */
export function useProblems(status?: components['schemas']['ProblemStatus']): UseQueryResult<components['schemas']['ProblemList'], ProblemError> {
  return useQuery({
    queryKey: [...issueKeys.problems, 'list', status ?? 'all'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/problems', { params: { query: status ? { status } : {} }, signal })),
  });
}

/** useProblem loads one problem with the reports the user may see. */
export function useProblem(id: string): UseQueryResult<ITProblem, ProblemError> {
  return useQuery({
    queryKey: issueKeys.problem(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/problems/{id}', { params: { path: { id } }, signal })),
  });
}

/** useCreateProblem records a problem, grouping reports under it. */
export function useCreateProblem() {
  const qc = useQueryClient();
  return useMutation<ITProblem, ProblemError, CreateProblemRequest>({
    mutationFn: (body) => unwrap(api.POST('/api/v1/problems', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: issueKeys.all }),
  });
}

/** useUpdateProblem changes a problem, with its version as If-Match. */
export function useUpdateProblem(id: string) {
  const qc = useQueryClient();
  return useMutation<ITProblem, ProblemError, { body: UpdateProblemRequest; version: number }>({
    mutationFn: ({ body, version }) =>
      unwrap(api.PATCH('/api/v1/problems/{id}', { params: { path: { id }, header: { 'If-Match': `"${version}"` } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: issueKeys.all }),
  });
}

/** useGroupIssue puts a report under a problem, or takes it out (remove). */
export function useGroupIssue() {
  const qc = useQueryClient();
  return useMutation<ITProblem, ProblemError, { problemId: string; issueId: string; remove?: boolean }>({
    mutationFn: ({ problemId, issueId, remove }) =>
      remove
        ? unwrap(api.DELETE('/api/v1/problems/{id}/issues/{issue_id}', { params: { path: { id: problemId, issue_id: issueId } } }))
        : unwrap(api.POST('/api/v1/problems/{id}/issues', { params: { path: { id: problemId } }, body: { issue_id: issueId } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: issueKeys.all }),
  });
}
