/**
 * Errors of `@upstash/redis`, rewritten so that the store's error message says what happened.
 *
 * - A rejected call's message ends with `, command was: [...]`, the whole command — for an EVAL, the
 *   whole Lua source. That tail is dropped (NOSCRIPT detection only needs the head), and so is the
 *   `Command failed: ` that auto-pipelined commands' errors start with.
 * - 401 `WRONGPASS invalid or missing auth token` becomes "the REST token was rejected".
 * - `NOPERM` (a read-only token) says that the token cannot run scripts.
 * - `fetch failed` gets its cause's code (`ECONNREFUSED`, `ECONNRESET`, ...).
 */
export class UpstashCallError extends Error {
  constructor(message: string, name: string, cause: unknown) {
    super(message, { cause });
    this.name = name;
  }
}

const COMMAND_TAIL = /, command was: [\s\S]*$/;
/** What an auto-pipelined command's error starts with. */
const PIPELINE_HEAD = /^Command failed: /;

function causeCode(error: Error): string | undefined {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (cause === null || typeof cause !== 'object') return undefined;
  if (typeof cause.code === 'string') return cause.code;
  return typeof cause.message === 'string' ? cause.message : undefined;
}

/** Rewrites an error of `@upstash/redis` (or of `fetch` under it); anything else passes unchanged. */
export function normalizeUpstashError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const message = error.message.replace(COMMAND_TAIL, '').replace(PIPELINE_HEAD, '');
  if (/WRONGPASS|invalid or missing auth token|\b401\b.*unauthori[sz]ed/i.test(message)) {
    return new UpstashCallError(
      `Upstash rejected the REST token (${message}). Set UPSTASH_REDIS_REST_TOKEN (or the token passed to new Redis()) to the database's REST token from the Upstash console.`,
      error.name,
      error,
    );
  }
  if (/NOPERM/.test(message)) {
    return new UpstashCallError(
      `The Upstash token may not run the rate-limit scripts (${message}): a read-only token cannot; use the database's standard REST token.`,
      error.name,
      error,
    );
  }
  if (message === 'fetch failed') {
    const code = causeCode(error);
    return new UpstashCallError(
      code ? `fetch failed (${code}): the Upstash REST endpoint is unreachable` : message,
      error.name,
      error,
    );
  }
  if (message !== error.message) return new UpstashCallError(message, error.name, error);
  return error;
}

/**
 * The error for a call made through a client whose `signal` is a fixed AbortSignal that has fired:
 * `@upstash/redis` then answers every request with a stand-in reply (or a TypeError inside an
 * auto-pipeline) instead of rejecting. Named `AbortError`, so it is classified as `RL_STORE_TIMEOUT`.
 */
export function abortedSignalError(cause: unknown): UpstashCallError {
  return new UpstashCallError(
    "The request was aborted by the client's `signal`: it is a single AbortSignal that has fired, so every later request is aborted too. Create the client with `signal: () => AbortSignal.timeout(ms)` (a function, @upstash/redis ≥ 1.35.1), or leave the deadline to the store's `timeoutMs`.",
    'AbortError',
    cause,
  );
}
