/** Machine-readable error codes carried by every {@link RateLimitError}. */
export type RateLimitErrorCode =
  | 'RL_INVALID_CONFIG'
  | 'RL_INVALID_ARGUMENT'
  | 'RL_INVALID_IDENTIFIER'
  | 'RL_STORE_UNAVAILABLE'
  | 'RL_STORE_TIMEOUT'
  | 'RL_SCRIPT_ERROR'
  | 'RL_UNSUPPORTED'
  | 'RL_CLOSED';

/**
 * The one error class of @rl. `code` is stable and meant for programs; `message` says what
 * happened and what to do; `cause` carries the underlying error when there is one.
 *
 * A denied request is never an error: it resolves a Decision with `allowed: false`.
 *
 * @example
 * try { fixedWindow({ limit: 0, window: '1m' }) }
 * catch (e) { if (e instanceof RateLimitError && e.code === 'RL_INVALID_CONFIG') console.error(e.message) }
 */
export class RateLimitError extends Error {
  readonly code: RateLimitErrorCode;
  /** Extra structured context, such as the option name and the rejected value. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: RateLimitErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RateLimitError';
    this.code = code;
    this.details = Object.freeze({ ...(options.details ?? {}) });
  }
}

/** True when `error` is a {@link RateLimitError}, optionally with the given code. */
export function isRateLimitError(error: unknown, code?: RateLimitErrorCode): error is RateLimitError {
  return error instanceof RateLimitError && (code === undefined || error.code === code);
}

/** Renders any value for an error message: strings quoted, long values cut, never throws. */
export function describeValue(value: unknown): string {
  let text: string;
  try {
    if (typeof value === 'string') text = JSON.stringify(value);
    else if (typeof value === 'number' || typeof value === 'boolean' || value == null) text = String(value);
    else if (typeof value === 'bigint') text = `${value}n`;
    else if (typeof value === 'function') text = '[function]';
    else text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Builds the `RL_INVALID_CONFIG` error for option `option` holding `value`. */
export function invalidConfig(option: string, value: unknown, expected: string): RateLimitError {
  return new RateLimitError(
    'RL_INVALID_CONFIG',
    `Invalid option "${option}": got ${describeValue(value)}, expected ${expected}.`,
    { details: { option, value, expected } },
  );
}
