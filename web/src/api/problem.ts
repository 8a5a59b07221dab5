// RFC 9457 problem details, as every Assure API error is shaped, and their
// mapping onto the NHS error summary pattern.

/** A single invalid field in a 422 response. */
export interface FieldError {
  field: string;
  message: string;
}

/** Problem is the client's view of an `application/problem+json` body. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  /** Seconds until a retry may succeed, from a `Retry-After` header (429, 503). */
  retryAfterSeconds?: number;
}

/** ProblemError carries a Problem through code that throws. */
export class ProblemError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
    this.problem = problem;
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function fieldErrors(x: unknown): FieldError[] | undefined {
  if (!Array.isArray(x)) return undefined;
  const out: FieldError[] = [];
  for (const e of x) {
    if (isRecord(e) && typeof e.field === 'string' && typeof e.message === 'string') {
      out.push({ field: e.field, message: e.message });
    }
  }
  return out.length > 0 ? out : undefined;
}

/**
 * parseRetryAfter reads a Retry-After header, which is either a number of
 * seconds or an HTTP date (RFC 9110 §10.2.3).
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

const fallbackTitles: Record<number, string> = {
  400: 'The request was not understood',
  401: 'You need to sign in',
  403: 'You do not have permission to do this',
  404: 'Not found',
  409: 'This conflicts with a change already made',
  412: 'Someone else changed this while you were editing',
  422: 'Some information is missing or not valid',
  429: 'Too many attempts',
  500: 'Sorry, there is a problem with the service',
  503: 'Sorry, the service is unavailable',
};

/**
 * toProblem turns whatever an error response carried into a Problem, so the
 * rest of the app never has to guess at the shape of an error body.
 */
export function toProblem(body: unknown, response?: Response): Problem {
  const status =
    response?.status ?? (isRecord(body) && typeof body.status === 'number' ? body.status : 500);
  const retryAfterSeconds = parseRetryAfter(response?.headers.get('Retry-After'));
  const base: Problem = {
    type: 'about:blank',
    title: fallbackTitles[status] ?? 'Sorry, there is a problem with the service',
    status,
  };
  if (retryAfterSeconds !== undefined) base.retryAfterSeconds = retryAfterSeconds;
  if (!isRecord(body)) return base;
  const problem: Problem = {
    ...base,
    type: typeof body.type === 'string' ? body.type : base.type,
    title: typeof body.title === 'string' && body.title !== '' ? body.title : base.title,
  };
  if (typeof body.detail === 'string' && body.detail !== '') problem.detail = body.detail;
  const errors = fieldErrors(body.errors);
  if (errors) problem.errors = errors;
  if (problem.retryAfterSeconds === undefined) {
    // Some servers also put the wait in the body as an extension member.
    const ext = body.retry_after ?? body.retry_after_seconds;
    if (typeof ext === 'number' && Number.isFinite(ext)) problem.retryAfterSeconds = Math.ceil(ext);
  }
  return problem;
}

/** networkProblem describes a request that never reached the server. */
export function networkProblem(): Problem {
  return {
    type: 'about:blank',
    title: 'Assure could not be reached',
    status: 0,
    detail: 'Assure could not be reached. Check your connection and try again.',
  };
}

/** validationProblem describes errors found before anything was sent. */
export function validationProblem(errors: FieldError[]): Problem {
  return { type: 'about:blank', title: fallbackTitles[422] ?? 'Invalid', status: 422, errors };
}

/** One line of an error summary; href points at the input to correct. */
export interface ErrorSummaryItem {
  text: string;
  href?: string;
}

export interface ErrorSummaryContent {
  title: string;
  items: ErrorSummaryItem[];
}

export interface SummaryOptions {
  /** Maps an API field name (`password`, `items[0].value`) to an input id. */
  fieldIds?: Record<string, string>;
  /** The input a summary item links to when the problem names no field. */
  fallbackField?: string;
  /** Time source for retry messages. */
  now?: number;
}

/** formatWait says how long to wait in plain English: "5 minutes", "30 seconds". */
export function formatWait(seconds: number): string {
  if (seconds < 60) {
    const s = Math.max(1, Math.ceil(seconds));
    return `${s} ${s === 1 ? 'second' : 'seconds'}`;
  }
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  const hours = Math.ceil(minutes / 60);
  return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
}

function clockTime(at: number): string {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** retryMessage explains a 429 in words, including when to try again. */
export function retryMessage(problem: Problem, now: number = Date.now()): string {
  const lead = problem.detail ?? 'You have tried too many times.';
  if (problem.retryAfterSeconds === undefined) return `${lead} Wait a few minutes, then try again.`;
  const at = now + problem.retryAfterSeconds * 1000;
  return `${lead} Try again in ${formatWait(problem.retryAfterSeconds)} (after ${clockTime(at)}).`;
}

/**
 * problemToSummary maps a problem onto the NHS error summary: one linked
 * item per invalid field, or a single item explaining the problem.
 */
export function problemToSummary(problem: Problem, options: SummaryOptions = {}): ErrorSummaryContent {
  const { fieldIds = {}, fallbackField } = options;
  const title = 'There is a problem';
  if (problem.errors && problem.errors.length > 0) {
    return {
      title,
      items: problem.errors.map((e) => {
        const id = fieldIds[e.field] ?? fieldIds[e.field.toLowerCase()] ?? e.field;
        return { text: e.message, href: `#${cssEscapeId(id)}` };
      }),
    };
  }
  const text = problem.status === 429 ? retryMessage(problem, options.now) : (problem.detail ?? problem.title);
  const item: ErrorSummaryItem = { text };
  if (fallbackField) item.href = `#${cssEscapeId(fieldIds[fallbackField] ?? fallbackField)}`;
  return { title, items: [item] };
}

/** fieldMessages indexes a problem's field errors by input id, for inline messages. */
export function fieldMessages(problem: Problem | null | undefined, fieldIds: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) {
    const id = cssEscapeId(fieldIds[e.field] ?? e.field);
    if (!(id in out)) out[id] = e.message;
  }
  return out;
}

// Field names such as `items[0].value` are not valid ids; inputs use the
// same escaping so the summary link and the input id agree.
export function cssEscapeId(field: string): string {
  return field.replace(/[^A-Za-z0-9_-]/g, '-');
}
