import type { IpHeader, TrustProxy } from '@rl/http';
import type { DemoSettings } from './settings.ts';

/** Which of the four servers is running. */
export type ServerName = 'express' | 'hono' | 'worker' | 'next';

/** How a server finds its clients: the proxies it trusts and the header they report the client in. */
export interface NetworkOptions {
  readonly trustProxy: TrustProxy;
  readonly ipHeader: IpHeader;
}

/**
 * Where each server's client address comes from:
 * - Express and Hono on Node: the socket, or `TRUST_PROXY` hops of `X-Forwarded-For`;
 * - Workers: `CF-Connecting-IP`, set by Cloudflare (and by miniflare locally) — the platform is the one hop;
 * - Next: the platform (`next start`, Vercel) appends the client to `X-Forwarded-For` — one hop.
 *
 * @example
 * networkFor('worker', readSettings(env)) // { trustProxy: 1, ipHeader: 'cf-connecting-ip' }
 */
export function networkFor(server: ServerName, settings: DemoSettings): NetworkOptions {
  switch (server) {
    case 'worker':
      return { trustProxy: 1, ipHeader: 'cf-connecting-ip' };
    case 'next':
      return { trustProxy: 1, ipHeader: 'x-forwarded-for' };
    default:
      return { trustProxy: settings.trustProxy === 0 ? false : settings.trustProxy, ipHeader: 'x-forwarded-for' };
  }
}
