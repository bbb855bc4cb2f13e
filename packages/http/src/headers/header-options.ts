import { invalidConfig } from '@rl/core';

/** How `X-RateLimit-Reset` is written: epoch seconds (seed default), ISO 8601, or seconds from now. */
export type ResetFormat = 'epoch' | 'iso' | 'delta';

/** Which header families are sent; each can be switched off. */
export interface HeaderOptions {
  /** `X-RateLimit-Limit/-Remaining/-Reset`. `true` = `'epoch'`. Default `'epoch'`. */
  legacy?: boolean | ResetFormat;
  /** IETF `RateLimit` + `RateLimit-Policy` (draft-ietf-httpapi-ratelimit-headers-11). Default true. */
  ietf?: boolean;
  /** `Retry-After` (whole seconds ≥ 1) on every 429. Default true. */
  retryAfter?: boolean;
}

/** Header options after validation. */
export interface ResolvedHeaderOptions {
  readonly legacy: ResetFormat | false;
  readonly ietf: boolean;
  readonly retryAfter: boolean;
}

/** Validates `headers`: `true` (defaults), `false` (none) or {@link HeaderOptions}. */
export function resolveHeaderOptions(option: boolean | HeaderOptions | undefined): ResolvedHeaderOptions {
  if (option === undefined || option === true) return { legacy: 'epoch', ietf: true, retryAfter: true };
  if (option === false) return { legacy: false, ietf: false, retryAfter: false };
  if (option === null || typeof option !== 'object') {
    throw invalidConfig('headers', option, 'true, false or { legacy, ietf, retryAfter }');
  }
  const legacy = option.legacy ?? 'epoch';
  if (legacy !== false && legacy !== true && legacy !== 'epoch' && legacy !== 'iso' && legacy !== 'delta') {
    throw invalidConfig('headers.legacy', legacy, 'true, false, "epoch", "iso" or "delta"');
  }
  for (const name of ['ietf', 'retryAfter'] as const) {
    if (option[name] !== undefined && typeof option[name] !== 'boolean') {
      throw invalidConfig(`headers.${name}`, option[name], 'true or false');
    }
  }
  return {
    legacy: legacy === true ? 'epoch' : legacy,
    ietf: option.ietf ?? true,
    retryAfter: option.retryAfter ?? true,
  };
}
