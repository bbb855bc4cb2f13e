import { RateLimitError } from '@rl/core';
import type { Warnings } from '../core/warnings.js';
import { formatIp, type IpAddress } from '../ip/ip-address.js';
import { ipKey } from '../ip/ipv6-prefix.js';
import { encodePart, type KeyInfo, type KeyPart, type KeySpec, MISSING_PART } from './key-parts.js';

type MaybePromise<T> = T | Promise<T>;

/** How to read the optional parts of a key from the framework's context. */
export interface IdentitySources<Ctx> {
  readonly userId?: ((ctx: Ctx) => string | undefined | Promise<string | undefined>) | undefined;
  /** A header name (read from the request) or a function. */
  readonly apiKey?: string | ((ctx: Ctx) => string | undefined | Promise<string | undefined>) | undefined;
}

/** One request's facts, already normalised. */
export interface IdentityInput {
  readonly ip: IpAddress | undefined;
  readonly ipv6Subnet: number | false;
  /** `ipKey(ip, ipv6Subnet)` when the caller already has it (the limiter remembers it per address). */
  readonly ipKey?: string | undefined;
  readonly path: string;
  readonly method: string;
  readonly route: string;
  /** Reads a request header by lower-case name. */
  readonly header: (name: string) => string | undefined;
}

function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | undefined)?.then === 'function';
}

/** The client part of a key: the address as limits see it (IPv6 grouped), or `unknown`. */
function clientPart(input: IdentityInput): string {
  if (input.ipKey !== undefined) return input.ipKey;
  return input.ip ? ipKey(input.ip, input.ipv6Subnet) : 'unknown';
}

const sourced = (value: string | undefined): string =>
  typeof value === 'string' && value.length > 0 ? encodePart(value) : MISSING_PART;

function part<Ctx>(name: KeyPart, ctx: Ctx, input: IdentityInput, sources: IdentitySources<Ctx>): MaybePromise<string> {
  switch (name) {
    case 'ip':
      return clientPart(input);
    case 'route':
      return encodePart(input.path);
    case 'method':
      return input.method;
    default: {
      const source = name === 'user' ? sources.userId : sources.apiKey;
      if (typeof source === 'string') return sourced(input.header(source.toLowerCase()));
      if (!source) return MISSING_PART;
      const value = source(ctx);
      return isPromise(value) ? value.then(sourced) : sourced(value);
    }
  }
}

function checked(key: unknown, input: IdentityInput, warnings: Warnings): string {
  if (typeof key !== 'string' || key.length === 0) {
    throw new RateLimitError(
      'RL_INVALID_IDENTIFIER',
      `The "key" function returned ${typeof key === 'string' ? 'an empty string' : typeof key}; it must return a non-empty string such as info.ip or a user id.`,
      { details: { option: 'key', value: key } },
    );
  }
  if (input.ip?.version === 6 && input.ipv6Subnet !== false && warnings.pending('RL_W_KEY_RAW_IPV6')) {
    if (key.toLowerCase().includes(formatIp(input.ip))) {
      warnings.warn(
        'RL_W_KEY_RAW_IPV6',
        `The "key" function returned a whole IPv6 address, so a client can dodge the limit by rotating through its /${input.ipv6Subnet} subnet. Use info.ip (already grouped) instead.`,
      );
    }
  }
  return key;
}

/**
 * {@link identify} without a promise when nothing asynchronous is involved (key parts read from the
 * request, synchronous `userId` / `apiKey` / key functions): the limiter's per-request path.
 * A key function that throws synchronously throws here.
 */
export function identifyNow<Ctx>(
  spec: KeySpec<Ctx>,
  ctx: Ctx,
  input: IdentityInput,
  sources: IdentitySources<Ctx>,
  warnings: Warnings,
): MaybePromise<string> {
  if (typeof spec === 'string') return part(spec as KeyPart, ctx, input, sources);
  if (typeof spec !== 'function') {
    const parts = spec as readonly KeyPart[];
    if (parts.length === 1) return part(parts[0] as KeyPart, ctx, input, sources);
    const values = parts.map((name) => part(name, ctx, input, sources));
    return values.some(isPromise) ? Promise.all(values).then((all) => all.join(':')) : values.join(':');
  }
  const info: KeyInfo = { ip: clientPart(input), path: input.path, method: input.method, route: input.route };
  const key = spec(ctx, info);
  return isPromise(key) ? key.then((value) => checked(value, input, warnings)) : checked(key, input, warnings);
}

/**
 * The identifier a request is limited under: the key parts joined with `:` (the seeds'
 * `${path}:${ip}:${userId}`), or what a custom key function returns. Warns once
 * (`RL_W_KEY_RAW_IPV6`) when a key function returns a whole IPv6 address instead of its subnet.
 *
 * @example
 * await identify(['route', 'ip', 'user'], req, input, { userId: (r) => r.user?.id }, warnings)
 * // '/api/items:203.0.113.9:u_42'
 */
export async function identify<Ctx>(
  spec: KeySpec<Ctx>,
  ctx: Ctx,
  input: IdentityInput,
  sources: IdentitySources<Ctx>,
  warnings: Warnings,
): Promise<string> {
  return identifyNow(spec, ctx, input, sources, warnings);
}
