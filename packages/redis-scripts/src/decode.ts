import { type ConsumeResponse, RateLimitError, type RuleResult } from '@rl/core';
import { endsWithTag, mismatchedReply } from './reply-tag.js';

function badReply(reply: unknown, expected: string): RateLimitError {
  let shown: string;
  try {
    shown = JSON.stringify(reply)?.slice(0, 200) ?? String(reply);
  } catch {
    shown = String(reply);
  }
  return new RateLimitError(
    'RL_SCRIPT_ERROR',
    `The rate-limit script answered ${shown}, expected ${expected}. Check that the server runs the @rl scripts unmodified (Redis ≥ 5 or a compatible service).`,
    { details: { reply } },
  );
}

/** A reply element as an integer (a REST client may answer numeric strings), or NaN. */
function integerOf(item: unknown): number {
  const value = typeof item === 'number' ? item : typeof item === 'string' ? Number(item) : Number.NaN;
  return Number.isSafeInteger(value) ? value : Number.NaN;
}

/** Whether the first `length` elements of `reply` are integers. */
function integers(reply: readonly unknown[], length: number): boolean {
  for (let i = 0; i < length; i++) if (Number.isNaN(integerOf(reply[i]))) return false;
  return true;
}

/**
 * Reads `reply[0 .. length - 1]` as `[now, allowed, ...per check: allowed, remaining, resetAt,
 * retryAfterMs]` (integers, or numeric strings from a REST client).
 */
function readDecision(reply: readonly unknown[], length: number, checks: number): ConsumeResponse {
  const expected = 2 + 4 * checks;
  if (length !== expected || !integers(reply, length)) {
    throw badReply(length === reply.length ? reply : reply.slice(0, length), `an array of ${expected} integers`);
  }
  const results: RuleResult[] = [];
  for (let i = 2; i < expected; i += 4) {
    results.push({
      allowed: integerOf(reply[i]) === 1,
      remaining: integerOf(reply[i + 1]),
      resetAt: integerOf(reply[i + 2]),
      retryAfterMs: integerOf(reply[i + 3]),
    });
  }
  return { allowed: integerOf(reply[1]) === 1, now: integerOf(reply[0]), results };
}

/** Parses `[now, allowed, ...per check: allowed, remaining, resetAt, retryAfterMs]`. */
export function decodeDecision(reply: unknown, checks: number): ConsumeResponse {
  if (!Array.isArray(reply)) throw badReply(reply, `an array of ${2 + 4 * checks} integers`);
  return readDecision(reply, reply.length, checks);
}

/** {@link decodeDecision} of a tagged reply: throws a MismatchedReplyError unless it ends with `tag`. */
export function decodeTaggedDecision(reply: unknown, tag: string, checks: number): ConsumeResponse {
  if (!endsWithTag(reply, tag)) throw mismatchedReply(reply, tag);
  return readDecision(reply, reply.length - 1, checks);
}

/** Parses the release reply `[now, released]` (`length`: how much of `reply` to read). */
function readRelease(reply: readonly unknown[], length: number): boolean {
  if (length !== 2 || !integers(reply, 2)) {
    throw badReply(length === reply.length ? reply : reply.slice(0, length), 'an array of 2 integers');
  }
  return integerOf(reply[1]) === 1;
}

/** Parses the release reply `[now, released]`. */
export function decodeRelease(reply: unknown): boolean {
  if (!Array.isArray(reply)) throw badReply(reply, 'an array of 2 integers');
  return readRelease(reply, reply.length);
}

/** {@link decodeRelease} of a tagged reply: throws a MismatchedReplyError unless it ends with `tag`. */
export function decodeTaggedRelease(reply: unknown, tag: string): boolean {
  if (!endsWithTag(reply, tag)) throw mismatchedReply(reply, tag);
  return readRelease(reply, reply.length - 1);
}
