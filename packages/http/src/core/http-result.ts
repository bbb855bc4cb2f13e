import type { RateLimitInfo } from './options.js';
import type { Rejection } from './responses.js';

/** What an adapter does with one request, decided by {@link HttpLimiter.evaluate}. */
export interface HttpResult {
  /** `next`: let the request through; `reject`: send `rejection` (429, or 503 under fail-closed). */
  readonly action: 'next' | 'reject';
  /** The decision, for handlers; undefined when no route matched or `skip` said so. */
  readonly info: RateLimitInfo | undefined;
  /** Headers to put on the response, whichever it is. */
  readonly headers: Readonly<Record<string, string>>;
  /** The refusal to send when `action` is `reject`. */
  readonly rejection: Rejection | undefined;
  /**
   * Call once the response status is known (or with 500 when the handler threw): gives back the
   * charge under `skipSuccessfulRequests` / `skipFailedRequests`. Never rejects.
   */
  finish(status: number): Promise<void>;
}

const done = (): Promise<void> => Promise.resolve();

/** A pass-through result: not limited, no headers. */
export const PASS: HttpResult = Object.freeze({
  action: 'next',
  info: undefined,
  headers: Object.freeze({}),
  rejection: undefined,
  finish: done,
});

/** Builds a result; `finish` defaults to doing nothing. */
export function result(
  action: HttpResult['action'],
  info: RateLimitInfo,
  headers: Record<string, string>,
  rejection?: Rejection,
  finish: (status: number) => Promise<void> = done,
): HttpResult {
  return { action, info, headers, rejection, finish };
}
