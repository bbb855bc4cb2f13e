import { compileTrust, createWarnings, type HttpRequestView, ipKey, resolveClientIp } from '@rl/http';
import type { NetworkOptions } from '../config/network.ts';

/** Finds a request's client key. */
export type ClientKeyOf = (view: HttpRequestView) => string;

/**
 * The client key for what the HTTP middleware does not see (the open-stream lease, the viewer's
 * quota): the address exactly as @rl/http resolves it for the same `trustProxy` / `ipHeader` —
 * IPv6 grouped by /56 — or `unknown`.
 *
 * @example
 * const keyOf = clientKeyResolver({ trustProxy: 1, ipHeader: 'cf-connecting-ip' })
 * keyOf({ method: 'GET', path: '/', headers: (n) => req.headers.get(n) ?? undefined, remoteAddress: undefined })
 */
export function clientKeyResolver(network: NetworkOptions): ClientKeyOf {
  const trust = compileTrust(network.trustProxy);
  const warnings = createWarnings({ validate: false });
  return (view) => {
    const ip = resolveClientIp(view, trust, network.ipHeader, warnings);
    return ip ? ipKey(ip) : 'unknown';
  };
}
