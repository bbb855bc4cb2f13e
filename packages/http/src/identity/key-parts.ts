import { invalidConfig } from '@rl/core';

/**
 * What a limit is keyed on, combinable in order:
 * - `ip`: the client address (IPv6 grouped by `ipv6Subnet`);
 * - `user`: `userId(ctx)`; `apiKey`: the `apiKey` header or function;
 * - `route`: the normalised path (so `/api/items` and `/API//items/` share);
 * - `method`: the method, HEAD counted as GET.
 * The matched route's name is always part of the storage key (its prefix).
 */
export type KeyPart = 'ip' | 'user' | 'apiKey' | 'route' | 'method';

export const KEY_PARTS: readonly KeyPart[] = ['ip', 'user', 'apiKey', 'route', 'method'];

/** What a custom key function is given besides the framework's context. */
export interface KeyInfo {
  /** The client address as the limit sees it (IPv6 grouped), or `unknown`. */
  readonly ip: string;
  /** The normalised path. */
  readonly path: string;
  /** The normalised method. */
  readonly method: string;
  /** The matched route's name. */
  readonly route: string;
}

/** A custom key function: returns the identifier (a non-empty string) for this request. */
export type KeyFunction<Ctx> = (ctx: Ctx, info: KeyInfo) => string | Promise<string>;

/** The `key` option. */
export type KeySpec<Ctx> = KeyPart | readonly KeyPart[] | KeyFunction<Ctx>;

/** Stands for a missing user id or API key; encoded parts never equal it. */
export const MISSING_PART = '*';

/** Escapes `%`, `:` and `*` so that joined parts can never be confused with one another. */
export function encodePart(value: string): string {
  return value.replace(/[%:*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Validates `key`: a part, a list of parts or a function. */
export function checkKeySpec<Ctx>(spec: KeySpec<Ctx> | undefined, option = 'key'): KeySpec<Ctx> {
  if (spec === undefined) return ['ip'];
  if (typeof spec === 'function') return spec;
  const parts = typeof spec === 'string' ? [spec] : spec;
  if (!Array.isArray(parts) || parts.length === 0 || parts.some((p) => !KEY_PARTS.includes(p as KeyPart))) {
    throw invalidConfig(option, spec, `a key function, or one or more of ${KEY_PARTS.join(', ')}`);
  }
  return parts as readonly KeyPart[];
}
