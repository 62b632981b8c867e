import { SecretOutputError } from './errors.js';
import { parseRetryAfter, RETRIED_STATUSES, type RetryPolicy, retryDelay, sleep } from './retry.js';

export interface Request {
  readonly fetch: typeof fetch;
  readonly url: string;
  readonly init: RequestInit;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  /** Starts every error message, e.g. `setSecretOutput TOKEN`. */
  readonly what: string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const CONTROL = /[\u0000-\u001f\u007f]/g;
const clean = (text: string, max: number) => text.replace(CONTROL, ' ').slice(0, max);

/** The server's `{ error: { code, message } }`, cleaned for an error message. */
function serverError(text: string): { code: string; message: string } | undefined {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    const { code, message } = body.error ?? {};
    if (typeof code !== 'string' || typeof message !== 'string') return undefined;
    return { code: clean(code, 64), message: clean(message, 500) };
  } catch {
    return undefined;
  }
}

const HINTS: Record<number, string> = {
  401: " (the job's credential is unknown or expired, or its job or run has ended)",
  403: " (the job's credential belongs to another run or job)",
};

/**
 * Sends a request, retrying network errors, timeouts and RETRIED_STATUSES with backoff
 * (honouring Retry-After), never another 4xx. Resolves with the 2xx answer's text; rejects
 * with a SecretOutputError naming the status and the server's code and message.
 */
export async function send(request: Request): Promise<string> {
  const { retry, what } = request;
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= retry.attempts;
    let response: Response;
    try {
      response = await request.fetch(request.url, {
        ...request.init,
        signal: AbortSignal.timeout(request.timeoutMs),
      });
    } catch (error) {
      if (!last) {
        await sleep(retryDelay(retry, attempt));
        continue;
      }
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      const reason = timedOut ? `no answer within ${request.timeoutMs} ms` : describe(error);
      throw new SecretOutputError(
        {
          message: `${what}: could not reach the orchestrator at ${request.url} after ${attempt} attempt(s): ${reason}`,
          status: 0,
          code: timedOut ? 'timeout' : 'unreachable',
          attempts: attempt,
        },
        error,
      );
    }
    const text = await response.text().catch(() => '');
    if (response.ok) return text;
    if (!last && RETRIED_STATUSES.has(response.status)) {
      await sleep(retryDelay(retry, attempt, parseRetryAfter(response.headers.get('retry-after'))));
      continue;
    }
    const error = serverError(text);
    const said = error ? `${error.code}: ${error.message}` : 'no error body';
    const retried = attempt > 1 ? ` after ${attempt} attempts` : '';
    throw new SecretOutputError({
      message: `${what}: the orchestrator answered ${response.status}${retried}, ${said}${HINTS[response.status] ?? ''}`,
      status: response.status,
      code: error?.code ?? 'http_error',
      attempts: attempt,
    });
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return 'the request failed';
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`.slice(0, 300);
}
