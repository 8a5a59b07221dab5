// Hooks for issue 7: PDSA cycles, improvement actions, board reviews and the
// notification inbox, over the generated client.
import { keepPreviousData, useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { ProblemError, toProblem } from './problem';
import type { components, operations } from './schema';
import { useSession } from './useSession';

type Schemas = components['schemas'];
export type Cycle = Schemas['Cycle'];
export type CycleStage = Schemas['CycleStage'];
export type CycleRequest = Schemas['CycleRequest'];
export type CycleMeasure = Schemas['CycleMeasure'];
export type CycleMeasureRequest = Schemas['CycleMeasureRequest'];
export type CycleEvidence = Schemas['CycleEvidence'];
export type CycleMeasureEvidence = Schemas['CycleMeasureEvidence'];
export type ImprovementEvent = Schemas['ImprovementEvent'];
export type Action = Schemas['Action'];
export type ActionStatus = Schemas['ActionStatus'];
export type ActionRequest = Schemas['ActionRequest'];
export type Review = Schemas['Review'];
export type ReviewItem = Schemas['ReviewItem'];
export type ReviewDecision = Schemas['ReviewDecision'];
export type ReviewPack = Schemas['ReviewPack'];
export type ReviewFigure = Schemas['ReviewFigure'];
export type CreateReviewRequest = Schemas['CreateReviewRequest'];
export type UpdateReviewRequest = Schemas['UpdateReviewRequest'];
export type ReviewItemRequest = Schemas['ReviewItemRequest'];
export type Notification = Schemas['Notification'];
export type CycleQuery = NonNullable<operations['listCycles']['parameters']['query']>;
export type ActionQuery = NonNullable<operations['listActions']['parameters']['query']>;

/** A person to pick as an owner, team member or board member. */
export interface Person {
  id: string;
  name: string;
  roles: readonly string[];
}

/** A standard to pick as a measure or link an action to. */
export interface StandardOption {
  id: string;
  code: string;
  title: string;
  unit: string;
}

// Everything here shares a prefix, so any change refreshes what depends on
// it (a transition changes the board, the evidence and the timeline).
export const improvementKeys = {
  all: ['improvement'] as const,
  cycles: (q: CycleQuery) => ['improvement', 'cycles', q] as const,
  cycle: (id: string) => ['improvement', 'cycle', id] as const,
  evidence: (id: string) => ['improvement', 'cycle', id, 'evidence'] as const,
  cycleTimeline: (id: string) => ['improvement', 'cycle', id, 'timeline'] as const,
  actions: (q: ActionQuery) => ['improvement', 'actions', q] as const,
  action: (id: string) => ['improvement', 'action', id] as const,
  actionTimeline: (id: string) => ['improvement', 'action', id, 'timeline'] as const,
  reviews: ['improvement', 'reviews'] as const,
  review: (id: string) => ['improvement', 'review', id] as const,
  pack: (id: string) => ['improvement', 'review', id, 'pack'] as const,
  people: ['improvement', 'people'] as const,
  standardOptions: ['improvement', 'standard-options'] as const,
  standardChart: (id: string) => ['improvement', 'standard-chart', id] as const,
  notifications: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
};

function useInvalidate() {
  const qc = useQueryClient();
  // A change to improvement work may change the charts of standards too.
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: improvementKeys.all }),
      qc.invalidateQueries({ queryKey: ['standards'] }),
    ]);
}

// -- cycles --

/** useCycles lists cycles (the board reads them all, at most 500). */
export function useCycles(query: CycleQuery = { limit: 500 }): UseQueryResult<Cycle[], ProblemError> {
  return useQuery({
    queryKey: improvementKeys.cycles(query),
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/cycles', { params: { query }, signal }))).items,
    placeholderData: keepPreviousData,
  });
}

/** useCycle loads one cycle. */
export function useCycle(id: string): UseQueryResult<Cycle, ProblemError> {
  return useQuery({
    queryKey: improvementKeys.cycle(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/cycles/{id}', { params: { path: { id } }, signal })),
  });
}

/** useCycleEvidence loads the before/after evidence once Do has a start date. */
export function useCycleEvidence(id: string, enabled: boolean): UseQueryResult<CycleEvidence, ProblemError> {
  return useQuery({
    queryKey: improvementKeys.evidence(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/cycles/{id}/evidence', { params: { path: { id } }, signal })),
    enabled,
  });
}

/** useCycleTimeline loads what happened to a cycle. */
export function useCycleTimeline(id: string): UseQueryResult<ImprovementEvent[], ProblemError> {
  return useQuery({
    queryKey: improvementKeys.cycleTimeline(id),
    queryFn: async ({ signal }) =>
      (await unwrap(api.GET('/api/v1/cycles/{id}/timeline', { params: { path: { id } }, signal }))).items,
  });
}

/** useCreateCycle plans a new cycle. */
export function useCreateCycle() {
  const invalidate = useInvalidate();
  return useMutation<Cycle, ProblemError, CycleRequest>({
    mutationFn: (body) => unwrap(api.POST('/api/v1/cycles', { body })),
    onSuccess: () => invalidate(),
  });
}

/** useUpdateCycle changes a cycle, sending the version it was read at. */
export function useUpdateCycle(id: string) {
  const invalidate = useInvalidate();
  return useMutation<Cycle, ProblemError, { body: CycleRequest; version: number }>({
    mutationFn: ({ body, version }) =>
      unwrap(api.PATCH('/api/v1/cycles/{id}', { params: { path: { id }, header: { 'If-Match': `"${version}"` } }, body })),
    onSuccess: () => invalidate(),
  });
}

/** useTransitionCycle moves a cycle to another stage. */
export function useTransitionCycle(id: string) {
  const invalidate = useInvalidate();
  return useMutation<Cycle, ProblemError, { to: CycleStage; note?: string; version: number }>({
    mutationFn: ({ to, note, version }) =>
      unwrap(
        api.POST('/api/v1/cycles/{id}/transitions', {
          params: { path: { id }, header: { 'If-Match': `"${version}"` } },
          body: note ? { to, note } : { to },
        }),
      ),
    onSuccess: () => invalidate(),
  });
}

// -- actions --

/** useActions lists actions, soonest due first. */
export function useActions(query: ActionQuery): UseQueryResult<Action[], ProblemError> {
  return useQuery({
    queryKey: improvementKeys.actions(query),
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/actions', { params: { query }, signal }))).items,
    placeholderData: keepPreviousData,
  });
}

/** useAction loads one action. */
export function useAction(id: string): UseQueryResult<Action, ProblemError> {
  return useQuery({
    queryKey: improvementKeys.action(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/actions/{id}', { params: { path: { id } }, signal })),
  });
}

/** useActionTimeline loads what happened to an action. */
export function useActionTimeline(id: string): UseQueryResult<ImprovementEvent[], ProblemError> {
  return useQuery({
    queryKey: improvementKeys.actionTimeline(id),
    queryFn: async ({ signal }) =>
      (await unwrap(api.GET('/api/v1/actions/{id}/timeline', { params: { path: { id } }, signal }))).items,
  });
}

/** useCreateAction creates an action. */
export function useCreateAction() {
  const invalidate = useInvalidate();
  return useMutation<Action, ProblemError, ActionRequest>({
    mutationFn: (body) => unwrap(api.POST('/api/v1/actions', { body })),
    onSuccess: () => invalidate(),
  });
}

/** useUpdateAction changes an action. */
export function useUpdateAction(id: string) {
  const invalidate = useInvalidate();
  return useMutation<Action, ProblemError, { body: ActionRequest; version: number }>({
    mutationFn: ({ body, version }) =>
      unwrap(api.PATCH('/api/v1/actions/{id}', { params: { path: { id }, header: { 'If-Match': `"${version}"` } }, body })),
    onSuccess: () => invalidate(),
  });
}

// -- board reviews --

/** useReviews lists board reviews, latest meeting first. */
export function useReviews(): UseQueryResult<Review[], ProblemError> {
  return useQuery({
    queryKey: improvementKeys.reviews,
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/reviews', { params: { query: { limit: 100 } }, signal }))).items,
  });
}

/** useReview loads one review with its agenda. */
export function useReview(id: string): UseQueryResult<Review, ProblemError> {
  return useQuery({
    queryKey: improvementKeys.review(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/reviews/{id}', { params: { path: { id } }, signal })),
  });
}

/** useReviewPack loads the board pack: the review and every chart's figures. */
export function useReviewPack(id: string): UseQueryResult<ReviewPack, ProblemError> {
  return useQuery({
    queryKey: improvementKeys.pack(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/reviews/{id}/pack', { params: { path: { id } }, signal })),
  });
}

/** useCreateReview schedules a review; its agenda is built by the server. */
export function useCreateReview() {
  const invalidate = useInvalidate();
  return useMutation<Review, ProblemError, CreateReviewRequest>({
    mutationFn: (body) => unwrap(api.POST('/api/v1/reviews', { body })),
    onSuccess: () => invalidate(),
  });
}

function ifMatch(version: number) {
  return { 'If-Match': `"${version}"` };
}

/** useReviewChanges are the changes the board makes to an open review. */
export function useReviewChanges(id: string) {
  const invalidate = useInvalidate();
  const path = { id };
  const update = useMutation<Review, ProblemError, { body: UpdateReviewRequest; version: number }>({
    mutationFn: ({ body, version }) => unwrap(api.PATCH('/api/v1/reviews/{id}', { params: { path, header: ifMatch(version) }, body })),
    onSuccess: () => invalidate(),
  });
  const addItem = useMutation<Review, ProblemError, { body: ReviewItemRequest; version: number }>({
    mutationFn: ({ body, version }) =>
      unwrap(api.POST('/api/v1/reviews/{id}/items', { params: { path, header: ifMatch(version) }, body })),
    onSuccess: () => invalidate(),
  });
  const decide = useMutation<Review, ProblemError, { itemId: string; decision: ReviewDecision; text: string; version: number }>({
    mutationFn: ({ itemId, decision, text, version }) =>
      unwrap(
        api.PUT('/api/v1/reviews/{id}/items/{item_id}/decision', {
          params: { path: { id, item_id: itemId }, header: ifMatch(version) },
          body: { decision, text },
        }),
      ),
    onSuccess: () => invalidate(),
  });
  const refresh = useMutation<Review, ProblemError, { version: number }>({
    mutationFn: ({ version }) => unwrap(api.POST('/api/v1/reviews/{id}/agenda/refresh', { params: { path, header: ifMatch(version) } })),
    onSuccess: () => invalidate(),
  });
  const close = useMutation<Review, ProblemError, { version: number }>({
    mutationFn: ({ version }) => unwrap(api.POST('/api/v1/reviews/{id}/close', { params: { path, header: ifMatch(version) } })),
    onSuccess: () => invalidate(),
  });
  return { update, addItem, decide, refresh, close };
}

function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * downloadPackCsv fetches a review's board pack CSV with the session's token
 * (a plain link could not send it) and saves it.
 */
export async function downloadPackCsv(id: string): Promise<void> {
  const { data, error, response } = await api.GET('/api/v1/reviews/{id}/pack.csv', {
    params: { path: { id } },
    parseAs: 'blob',
  });
  if (data === undefined) throw new ProblemError(toProblem(error, response));
  const m = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '');
  saveBlob(data, m?.[1] ?? 'board-pack.csv');
}

// -- pickers --

/** usePeople lists active users for owner and member pickers (needs users.read). */
export function usePeople(enabled = true): UseQueryResult<Person[], ProblemError> {
  return useQuery({
    queryKey: improvementKeys.people,
    queryFn: async ({ signal }) => {
      const page = await unwrap(api.GET('/api/v1/users', { params: { query: { limit: 500, active: true } }, signal }));
      return page.items
        .map((u) => ({ id: u.id, name: u.name, roles: u.roles }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** useStandardOptions lists standards to measure or link to, by code. */
export function useStandardOptions(): UseQueryResult<StandardOption[], ProblemError> {
  return useQuery({
    queryKey: improvementKeys.standardOptions,
    queryFn: async ({ signal }) => {
      const page = await unwrap(api.GET('/api/v1/standards', { params: { query: { limit: 500 } }, signal }));
      return page.items
        .map((s) => ({ id: s.id, code: s.code, title: s.title, unit: s.unit }))
        .sort((a, b) => a.code.localeCompare(b.code));
    },
    staleTime: 5 * 60_000,
  });
}

/** useStandardChart loads a standard's SPC chart (to show a rebase after adoption). */
export function useStandardChart(id: string, enabled = true) {
  return useQuery({
    queryKey: improvementKeys.standardChart(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/standards/{id}/spc', { params: { path: { id } }, signal })),
    enabled,
  });
}

// -- notifications --

/** useUnreadCount polls the unread count each minute (as often as the scan runs). */
export function useUnreadCount(): UseQueryResult<number, ProblemError> {
  const { status } = useSession();
  return useQuery({
    queryKey: improvementKeys.unread,
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/notifications/unread-count', { signal }))).count,
    enabled: status === 'signed-in',
    refetchInterval: 60_000,
    staleTime: 15_000,
  });
}

/** useNotifications loads the latest notifications, unread first. */
export function useNotifications(enabled: boolean): UseQueryResult<Notification[], ProblemError> {
  return useQuery({
    queryKey: improvementKeys.notifications,
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/notifications', { params: { query: { limit: 20 } }, signal }))).items,
    enabled,
    staleTime: 15_000,
  });
}

/** useMarkRead marks one notification, or all of them, read. */
export function useMarkRead() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: improvementKeys.notifications });
  const one = useMutation<Notification, ProblemError, string>({
    mutationFn: (id) => unwrap(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: done,
  });
  const all = useMutation<{ marked: number }, ProblemError, null>({
    mutationFn: () => unwrap(api.POST('/api/v1/notifications/read-all')),
    onSuccess: done,
  });
  return { one, all };
}
