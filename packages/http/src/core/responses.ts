import { invalidConfig } from '@rl/core';

/** The body of a refusal: the seeds' JSON, or RFC 9457 problem details as the IETF draft defines them. */
export type ResponseFormat = 'json' | 'problem';

/** A ready-to-send refusal. */
export interface Rejection {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export const DEFAULT_MESSAGE = 'Too many requests. Please try again later.';
export const UNAVAILABLE_MESSAGE = 'Rate limiting is temporarily unavailable. Please try again later.';
const PROBLEM_BASE = 'https://iana.org/assignments/http-problem-types';

/** Validates `response`: `"json"` (default) or `"problem"`. */
export function checkResponseFormat(value: unknown): ResponseFormat {
  if (value === undefined) return 'json';
  if (value !== 'json' && value !== 'problem') throw invalidConfig('response', value, '"json" or "problem"');
  return value;
}

/**
 * The 429 for an exceeded limit: `{"error":{"code":"RATE_LIMIT_EXCEEDED","message":...,"retryAfter":N}}`,
 * or `application/problem+json` of type `quota-exceeded` naming the violated policies.
 *
 * @example
 * limitExceeded('json', 'Too many requests.', 45, ['read']).body
 * // '{"error":{"code":"RATE_LIMIT_EXCEEDED","message":"Too many requests.","retryAfter":45}}'
 */
export function limitExceeded(
  format: ResponseFormat,
  message: string,
  retryAfter: number,
  violatedPolicies: readonly string[],
): Rejection {
  if (format === 'problem') {
    return {
      status: 429,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        type: `${PROBLEM_BASE}#quota-exceeded`,
        title: 'Request cannot be satisfied as assigned quota has been exceeded',
        status: 429,
        detail: message,
        'violated-policies': violatedPolicies,
      }),
    };
  }
  return {
    status: 429,
    contentType: 'application/json',
    body: JSON.stringify({ error: { code: 'RATE_LIMIT_EXCEEDED', message, retryAfter } }),
  };
}

/**
 * The 503 sent when the store fails under `failure: "fail-closed"`: never disguised as an
 * exceeded limit. Problem type `temporary-reduced-capacity` in the problem format.
 */
export function limiterUnavailable(format: ResponseFormat): Rejection {
  if (format === 'problem') {
    return {
      status: 503,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        type: `${PROBLEM_BASE}#temporary-reduced-capacity`,
        title: 'Request cannot be satisfied due to temporary server capacity constraints',
        status: 503,
        detail: UNAVAILABLE_MESSAGE,
      }),
    };
  }
  return {
    status: 503,
    contentType: 'application/json',
    body: JSON.stringify({ error: { code: 'RATE_LIMITER_UNAVAILABLE', message: UNAVAILABLE_MESSAGE, retryAfter: 1 } }),
  };
}
