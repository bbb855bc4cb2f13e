import { defineRule, invalidConfig, RateLimitError, type Rule, type RuleInput } from '@rl/core';
import type { HttpLimiterOptions, RouteLimit, RouteOptions } from '../core/options.js';
import { checkKeySpec, type KeySpec } from '../identity/key-parts.js';
import { preset } from './presets.js';
import { compileRoute, type RouteMatcher } from './route-match.js';

/** One independently keyed rule set of a route; `name` is undefined for a route's only, unnamed limit. */
export interface CompiledLimit<Ctx> {
  readonly name: string | undefined;
  readonly rules: readonly Rule[];
  readonly key: KeySpec<Ctx>;
  readonly failure: RouteOptions<Ctx>['failure'];
}

/** A route ready to match and limit. */
export interface CompiledRoute<Ctx> {
  readonly name: string;
  /** Every rule of the route (of all its limits). */
  readonly rules: readonly Rule[];
  readonly matches: RouteMatcher;
  /** The route's key (its first limit's, for a route with `limits`). */
  readonly key: KeySpec<Ctx>;
  readonly cost: RouteOptions<Ctx>['cost'];
  readonly failure: RouteOptions<Ctx>['failure'];
  /** What is charged, in order: one unnamed limit, or the route's `limits`. */
  readonly limits: readonly CompiledLimit<Ctx>[];
}

const NAME = /^[A-Za-z0-9._-]{1,32}$/;

function rulesOf(route: Pick<RouteOptions, 'preset' | 'rules'>, where: string): Rule[] {
  const rules: Rule[] = [];
  if (route.preset !== undefined) rules.push(preset(route.preset));
  if (route.rules !== undefined) {
    const inputs = (Array.isArray(route.rules) ? route.rules : [route.rules]) as RuleInput[];
    rules.push(...inputs.map((input) => defineRule(input)));
  }
  if (rules.length === 0) {
    throw invalidConfig(`${where}.rules`, undefined, 'a preset ("read", "write", "auth", "public", "health") or rules');
  }
  const concurrent = rules.find((rule) => rule.algorithm === 'concurrency');
  if (concurrent) {
    throw new RateLimitError(
      'RL_UNSUPPORTED',
      `Rule "${concurrent.name}" in ${where} is a concurrency rule; HTTP adapters limit request rates. Use createLimiter().acquire()/release() for concurrency.`,
      { details: { option: `${where}.rules`, value: concurrent.name } },
    );
  }
  return rules;
}

function checkName(name: unknown, where: string): string {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw invalidConfig(`${where}.name`, name, '1 to 32 characters from A-Z a-z 0-9 . _ -');
  }
  return name;
}

/** Compiles a route's `limits`: named, each with its own rules, key and failure policy. */
function compileLimits<Ctx>(
  route: RouteOptions<Ctx>,
  where: string,
  key: KeySpec<Ctx>,
  failure: RouteOptions<Ctx>['failure'],
): CompiledLimit<Ctx>[] {
  const limits = route.limits as readonly RouteLimit<Ctx>[];
  if (!Array.isArray(limits) || limits.length === 0) {
    throw invalidConfig(`${where}.limits`, limits, 'a non-empty array of { name, key, preset or rules }');
  }
  if (route.preset !== undefined || route.rules !== undefined) {
    throw invalidConfig(`${where}.limits`, 'with preset or rules', 'either limits or preset/rules on one route');
  }
  const seen = new Set<string>();
  return limits.map((limit, j) => {
    const at = `${where}.limits[${j}]`;
    if (limit === null || typeof limit !== 'object') throw invalidConfig(at, limit, 'a limit object');
    const name = checkName(limit.name, at);
    if (seen.has(name)) throw invalidConfig(`${where}.limits`, name, 'limits with distinct names');
    seen.add(name);
    return {
      name,
      rules: rulesOf(limit, at),
      key: limit.key === undefined ? key : checkKeySpec(limit.key, `${at}.key`),
      failure: limit.failure ?? failure,
    };
  });
}

/** A route from its options: one unnamed limit, or its `limits`. */
function compileOne<Ctx>(
  route: RouteOptions<Ctx>,
  where: string,
  name: string,
  defaults: { key: KeySpec<Ctx>; cost: RouteOptions<Ctx>['cost']; failure: RouteOptions<Ctx>['failure'] },
  matches: RouteMatcher,
): CompiledRoute<Ctx> {
  const key = route.key === undefined ? defaults.key : checkKeySpec(route.key, `${where}.key`);
  const failure = route.failure ?? defaults.failure;
  const cost = route.cost ?? defaults.cost;
  if (route.limits !== undefined) {
    const limits = compileLimits(route, where, key, failure);
    const first = limits[0] as CompiledLimit<Ctx>;
    return { name, rules: limits.flatMap((l) => l.rules), matches, key: first.key, cost, failure, limits };
  }
  const rules = rulesOf(route, where);
  return { name, rules, matches, key, cost, failure, limits: [{ name: undefined, rules, key, failure }] };
}

/**
 * Compiles `routes` plus the top-level rule set (a catch-all placed last) into the table a request
 * is matched against. Throws `RL_INVALID_CONFIG` for a route without rules, a bad name or pattern,
 * or two routes with one name.
 */
export function compileRoutes<Ctx>(options: HttpLimiterOptions<Ctx>, caseSensitive: boolean): CompiledRoute<Ctx>[] {
  const key = checkKeySpec(options.key);
  const routes = options.routes ?? [];
  if (!Array.isArray(routes)) throw invalidConfig('routes', routes, 'an array of routes');
  const table = routes.map((route: RouteOptions<Ctx>, i): CompiledRoute<Ctx> => {
    const where = `routes[${i}]`;
    if (route === null || typeof route !== 'object') throw invalidConfig(where, route, 'a route object');
    const name = checkName(route.name ?? route.preset ?? `route-${i}`, where);
    const matches = compileRoute(route.path, route.methods, caseSensitive);
    return compileOne(route, where, name, { key, cost: options.cost, failure: options.failure }, matches);
  });
  if (options.rules !== undefined || options.preset !== undefined) {
    const name = checkName(options.name ?? options.preset ?? 'default', 'options');
    const all = { preset: options.preset, rules: options.rules } as RouteOptions<Ctx>;
    table.push(compileOne(all, 'options', name, { key, cost: options.cost, failure: options.failure }, () => true));
  }
  if (table.length === 0) {
    throw invalidConfig(
      'rules',
      undefined,
      'rules, a preset, or routes, such as { preset: "read" } or { rules: { maxRequests: 50, windowMs: 60000 } }',
    );
  }
  const seen = new Set<string>();
  for (const route of table) {
    if (seen.has(route.name)) throw invalidConfig('routes', route.name, 'routes with distinct names');
    seen.add(route.name);
  }
  return table;
}
