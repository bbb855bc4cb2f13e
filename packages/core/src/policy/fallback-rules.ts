import { describeValue, invalidConfig, RateLimitError } from '../errors.js';
import { concurrency, defineRule, MAX_LIMIT, tokenBucket } from '../rules/define.js';
import type { Rule } from '../rules/types.js';

/** The per-instance limit of rules decided by the fallback store. */
export type FallbackLimit = number | Readonly<Record<string, number>> | ((rule: Rule) => number);

/**
 * `rule` with another limit (a token bucket keeps its refill rate in proportion).
 *
 * @example
 * withLimit(fixedWindow({ limit: 100, window: '1m', name: 'api' }), 25) // the same rule, 25 per minute
 */
export function withLimit(rule: Rule, limit: number): Rule {
  if (limit === rule.limit) return rule;
  const name = rule.name;
  switch (rule.algorithm) {
    case 'token-bucket': {
      const refillRate = Math.max(1, Math.min(limit, Math.round((rule.refillRate * limit) / rule.limit)));
      return tokenBucket({ name, limit, refillRate, interval: rule.intervalMs });
    }
    case 'concurrency':
      return concurrency({ name, limit, leaseMs: rule.leaseMs });
    default:
      return defineRule({ algorithm: rule.algorithm, name, limit, window: rule.windowMs });
  }
}

function checkLimit(value: unknown, option: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > MAX_LIMIT) {
    throw invalidConfig(option, value, `a whole number from 1 to ${MAX_LIMIT}`);
  }
  return value;
}

/**
 * The rule each fallback-decided rule becomes: a number caps every rule's limit (never raising
 * one), a record sets limits by rule name, a function computes each. Omitted: the rules as they are.
 */
export function fallbackRules(rules: readonly Rule[], limit: FallbackLimit | undefined): Rule[] {
  const option = 'failure.fallback.limit';
  if (limit === undefined) return [...rules];
  if (typeof limit === 'number') {
    const cap = checkLimit(limit, option);
    return rules.map((rule) => withLimit(rule, Math.min(cap, rule.limit)));
  }
  if (typeof limit === 'function') {
    return rules.map((rule) => withLimit(rule, checkLimit(limit(rule), `${option} (rule "${rule.name}")`)));
  }
  if (limit === null || typeof limit !== 'object') {
    throw invalidConfig(option, limit, 'a number, a record of limits by rule name, or a function of the rule');
  }
  const names = new Set(rules.map((rule) => rule.name));
  for (const name of Object.keys(limit)) {
    if (!names.has(name)) {
      throw new RateLimitError(
        'RL_INVALID_CONFIG',
        `Invalid option "${option}": got a limit for ${describeValue(name)}, which is not one of the limiter's rules (${[...names].join(', ')}).`,
        { details: { option, value: name } },
      );
    }
  }
  return rules.map((rule) => {
    const value = limit[rule.name];
    return value === undefined ? rule : withLimit(rule, checkLimit(value, `${option}.${rule.name}`));
  });
}
