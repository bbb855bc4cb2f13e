import { invalidConfig } from '@rl/core';
import { normaliseMethod, normalisePath } from '../path/path-normalise.js';

/** A path pattern: `/api/users/:id`, `/api/*` (the prefix and everything under it), `*`, or a RegExp. */
export type PathPattern = string | RegExp;

/** Tests a normalised method and path. */
export type RouteMatcher = (method: string, path: string) => boolean;

function compilePattern(pattern: PathPattern, caseSensitive: boolean): (path: string) => boolean {
  if (pattern instanceof RegExp) return (path) => pattern.test(path);
  if (typeof pattern !== 'string' || pattern.length === 0) {
    throw invalidConfig('path', pattern, 'a path pattern such as "/api/users/:id", "/api/*" or "*", or a RegExp');
  }
  if (pattern === '*' || pattern === '/*') return () => true;
  const wildcard = pattern.endsWith('/*');
  const base = normalisePath(wildcard ? pattern.slice(0, -2) : pattern, caseSensitive);
  const segments = base === '/' ? [] : base.slice(1).split('/');
  return (path) => {
    const parts = path === '/' ? [] : path.slice(1).split('/');
    if (wildcard ? parts.length < segments.length : parts.length !== segments.length) return false;
    return segments.every((segment, i) => segment.startsWith(':') || segment === parts[i]);
  };
}

function compileMethods(methods: string | readonly string[] | undefined): ((method: string) => boolean) | undefined {
  if (methods === undefined || methods === '*') return undefined;
  const list = typeof methods === 'string' ? [methods] : methods;
  if (!Array.isArray(list) || list.length === 0 || list.some((m) => typeof m !== 'string' || !/^[A-Za-z]+$/.test(m))) {
    throw invalidConfig('methods', methods, 'an HTTP method or a list of them, such as ["POST", "PUT"]');
  }
  const set = new Set(list.map(normaliseMethod));
  return (method) => set.has(method);
}

/**
 * Compiles a route's `path` and `methods` into a matcher over normalised requests. Patterns are
 * normalised like requests, so `"/API/Users/"` and `"/api/users"` are the same pattern; a GET route
 * also matches HEAD.
 *
 * @example
 * const match = compileRoute('/api/users/:id', ['GET'], false)
 * match('GET', '/api/users/42') // true
 */
export function compileRoute(
  path: PathPattern | readonly PathPattern[] | undefined,
  methods: string | readonly string[] | undefined,
  caseSensitive: boolean,
): RouteMatcher {
  const patterns = path === undefined ? [] : Array.isArray(path) ? path : [path as PathPattern];
  if (path !== undefined && patterns.length === 0) throw invalidConfig('path', path, 'at least one pattern');
  const paths = patterns.map((pattern) => compilePattern(pattern, caseSensitive));
  const method = compileMethods(methods);
  return (m, p) => (method === undefined || method(m)) && (paths.length === 0 || paths.some((test) => test(p)));
}
