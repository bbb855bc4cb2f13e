import type { Decision, RuleDecision } from '@rl/core';
import type { ResetFormat, ResolvedHeaderOptions } from './header-options.js';

const seconds = (ms: number): number => Math.max(0, Math.ceil(ms / 1000));

/** `Retry-After` for a denial: whole seconds, never below 1. */
export function retryAfterSeconds(decision: Pick<Decision, 'retryAfterMs'>): number {
  return Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
}

// The reset time changes once per window, not per request: its ISO text is remembered.
let lastIsoAt = Number.NaN;
let lastIso = '';

function resetValue(decision: Decision, format: ResetFormat): string {
  if (format === 'epoch') return String(Math.ceil(decision.resetAt / 1000));
  if (format === 'delta') return String(seconds(decision.resetAt - decision.now));
  if (decision.resetAt !== lastIsoAt) {
    lastIso = new Date(decision.resetAt).toISOString();
    lastIsoAt = decision.resetAt;
  }
  return lastIso;
}

function addLegacy(headers: Record<string, string>, decision: Decision, format: ResetFormat): void {
  headers['X-RateLimit-Limit'] = String(decision.limit);
  headers['X-RateLimit-Remaining'] = String(Math.max(0, decision.remaining));
  headers['X-RateLimit-Reset'] = resetValue(decision, format);
}

/** `X-RateLimit-Limit`, `-Remaining` and `-Reset` of the deciding rule. */
export function legacyHeaders(decision: Decision, format: ResetFormat): Record<string, string> {
  const headers: Record<string, string> = {};
  addLegacy(headers, decision, format);
  return headers;
}

function quotaUnit(rule: RuleDecision): string {
  return rule.algorithm === 'concurrency' ? ';qu="concurrent-requests"' : '';
}

function addIetf(headers: Record<string, string>, decision: Decision, partitionKey: string | undefined): void {
  const pk = partitionKey === undefined ? '' : `;pk=:${partitionKey}:`;
  const { rules, now } = decision;
  let policy = '';
  let limits = '';
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as RuleDecision;
    const separator = i === 0 ? '' : ', ';
    policy += `${separator}"${rule.name}";q=${rule.limit}${quotaUnit(rule)};w=${Math.max(1, seconds(rule.windowMs))}${pk}`;
    limits += `${separator}"${rule.name}";r=${Math.max(0, rule.remaining)};t=${seconds(rule.resetAt - now)}${pk}`;
  }
  headers['RateLimit-Policy'] = policy;
  headers.RateLimit = limits;
}

/**
 * `RateLimit-Policy` and `RateLimit` per draft-ietf-httpapi-ratelimit-headers-11: one List item per
 * rule, named after it, with `pk` (a Byte Sequence) when a partition key is given.
 *
 * @example
 * ietfHeaders(decision, 'q1w2e3r4t5y6u7i8')
 * // RateLimit-Policy: "read";q=100;w=60;pk=:q1w2e3r4t5y6u7i8:
 * // RateLimit: "read";r=99;t=40;pk=:q1w2e3r4t5y6u7i8:
 */
export function ietfHeaders(decision: Decision, partitionKey?: string): Record<string, string> {
  const headers: Record<string, string> = {};
  addIetf(headers, decision, partitionKey);
  return headers;
}

/**
 * {@link rateLimitHeaders} with the partition key already computed (undefined: no `pk`), built
 * straight into one object in a fixed order, as the limiter does on every request.
 */
export function buildRateLimitHeaders(
  decision: Decision,
  options: ResolvedHeaderOptions,
  partitionKey: string | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (options.legacy !== false) addLegacy(headers, decision, options.legacy);
  if (options.ietf && decision.rules.length > 0) addIetf(headers, decision, partitionKey);
  if (!decision.allowed && options.retryAfter) headers['Retry-After'] = String(retryAfterSeconds(decision));
  return headers;
}

/**
 * Every rate-limit header a decision calls for under `options`: legacy, IETF, and `Retry-After` when
 * denied. `partitionKey` is only called when IETF headers are sent.
 *
 * @example
 * rateLimitHeaders(decision, { legacy: 'iso', ietf: false, retryAfter: true })
 */
export function rateLimitHeaders(
  decision: Decision,
  options: ResolvedHeaderOptions,
  partitionKey?: () => string,
): Record<string, string> {
  const ietf = options.ietf && decision.rules.length > 0;
  return buildRateLimitHeaders(decision, options, ietf ? partitionKey?.() : undefined);
}
