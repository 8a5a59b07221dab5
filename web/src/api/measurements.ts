// Hooks for recording measured performance: one value at a time, or a batch
// (CSV or JSON) uploaded with progress.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { api, session, unwrap } from './client';
import { ProblemError, networkProblem, toProblem, type Problem } from './problem';
import type { components } from './schema';
import { invalidateCatalogue } from './standards';

export type MeasurementInput = components['schemas']['MeasurementInput'];
export type MeasurementsWriteResult = components['schemas']['MeasurementsWriteResult'];

/** RowError is one problem of a rejected batch; row 1 is the first data row. */
export interface RowError {
  row?: number;
  field: string;
  message: string;
}

/** UploadError is a rejected upload: the problem, and each row's errors. */
export class UploadError extends ProblemError {
  readonly rows: RowError[];

  constructor(problem: Problem, rows: RowError[]) {
    super(problem);
    this.name = 'UploadError';
    this.rows = rows;
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** rowErrors reads `errors: [{row, field, message}]` from a problem body. */
export function rowErrors(body: unknown): RowError[] {
  if (!isRecord(body) || !Array.isArray(body.errors)) return [];
  const out: RowError[] = [];
  for (const e of body.errors) {
    if (!isRecord(e) || typeof e.field !== 'string' || typeof e.message !== 'string') continue;
    const r: RowError = { field: e.field, message: e.message };
    if (typeof e.row === 'number' && e.row > 0) r.row = e.row;
    out.push(r);
  }
  return out;
}

/** useRecordMeasurement records one value (source `manual`); re-sending corrects it. */
export function useRecordMeasurement() {
  const qc = useQueryClient();
  return useMutation<{ result: MeasurementsWriteResult; replaced: boolean }, ProblemError, MeasurementInput>({
    mutationFn: async (body) => {
      const result = await unwrap(api.POST('/api/v1/measurements', { body }));
      return { result, replaced: result.updated > 0 };
    },
    // Not awaited: the caller moves on at once, and the pages it shows refetch.
    onSuccess: () => {
      void invalidateCatalogue(qc);
    },
  });
}

/** Progress of an upload in bytes; total is 0 when the browser does not know it. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadBatch {
  body: Blob;
  /** `text/csv` or `application/json`. */
  contentType: string;
}

interface RawResponse {
  status: number;
  text: string;
  retryAfter: string | null;
}

// XMLHttpRequest, not fetch: only it reports upload progress in every browser.
function send(batch: UploadBatch, token: string | null, onProgress: (p: UploadProgress) => void): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/measurements/batch');
    xhr.setRequestHeader('Content-Type', batch.contentType);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    if (token !== null) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
    xhr.onload = () =>
      resolve({ status: xhr.status, text: xhr.responseText, retryAfter: xhr.getResponseHeader('Retry-After') });
    xhr.onerror = () => reject(new ProblemError(networkProblem()));
    xhr.onabort = () => reject(new ProblemError(networkProblem()));
    xhr.send(batch.body);
  });
}

function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * useUploadMeasurements sends a batch to POST /measurements/batch, all or
 * nothing, reporting upload progress. A rejected batch throws an
 * UploadError listing each row's problems. Like the API client, it
 * refreshes an expired session once and tries again.
 */
export function useUploadMeasurements() {
  const qc = useQueryClient();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const mutation = useMutation<MeasurementsWriteResult, ProblemError, UploadBatch>({
    mutationFn: async (batch) => {
      setProgress({ loaded: 0, total: batch.body.size });
      let token = session.token;
      let res = await send(batch, token, setProgress);
      if (res.status === 401) {
        const refreshed = await session.refreshAfterUnauthorized(token).catch(() => false);
        token = session.token;
        if (!refreshed || token === null) {
          session.expire();
        } else {
          setProgress({ loaded: 0, total: batch.body.size });
          res = await send(batch, token, setProgress);
          if (res.status === 401) session.expire();
        }
      }
      const body = parseJSON(res.text);
      if (res.status >= 200 && res.status < 300 && isRecord(body)) {
        setProgress({ loaded: batch.body.size, total: batch.body.size });
        return body as MeasurementsWriteResult;
      }
      const headers = new Headers();
      if (res.retryAfter) headers.set('Retry-After', res.retryAfter);
      const status = res.status >= 200 && res.status <= 599 ? res.status : 500;
      const problem = toProblem(body, new Response(null, { status, headers }));
      throw new UploadError(problem, rowErrors(body));
    },
    // Not awaited: the caller moves on at once, and the pages it shows refetch.
    onSuccess: () => {
      void invalidateCatalogue(qc);
    },
  });
  const { reset: resetMutation } = mutation;
  const reset = useCallback(() => {
    setProgress(null);
    resetMutation();
  }, [resetMutation]);
  return { ...mutation, reset, progress };
}
