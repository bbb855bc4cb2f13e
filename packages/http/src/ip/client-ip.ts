import { invalidConfig } from '@rl/core';
import type { HttpRequestView } from '../core/request-view.js';
import type { Warnings } from '../core/warnings.js';
import { forwardedEntries, MAX_HOPS } from './forwarded-entries.js';
import { type IpAddress, parseIp } from './ip-address.js';
import type { ProxyTrust } from './proxy-trust.js';

/** Headers that may carry the client address when the proxy that sets them is trusted. */
export type IpHeader = 'x-forwarded-for' | 'forwarded' | 'x-real-ip' | 'cf-connecting-ip';

export const IP_HEADERS: readonly IpHeader[] = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'cf-connecting-ip'];

/** Validates the `ipHeader` option (default `x-forwarded-for`). */
export function checkIpHeader(value: unknown): IpHeader {
  if (value === undefined) return 'x-forwarded-for';
  const lower = typeof value === 'string' ? value.toLowerCase() : value;
  if (!IP_HEADERS.includes(lower as IpHeader))
    throw invalidConfig('ipHeader', value, `one of ${IP_HEADERS.join(', ')}`);
  return lower as IpHeader;
}

/**
 * The client's address: the socket peer unless it is a trusted proxy, in which case the address
 * that proxy reports in `header` — walking an `X-Forwarded-For` / `Forwarded` chain from the right
 * for as long as the hops are trusted. An entry that is not an address stops the walk at the last
 * trusted hop, so a forged header can never mint new keys. Undefined when nothing identifies the
 * client (no socket and no trusted header). `parse` reads an address (default {@link parseIp}; the
 * limiter passes one that remembers recent addresses).
 *
 * @example
 * resolveClientIp({ remoteAddress: '10.0.0.2', headers: h, ... }, compileTrust(1), 'x-forwarded-for', warnings)
 */
export function resolveClientIp(
  view: HttpRequestView,
  trust: ProxyTrust,
  header: IpHeader,
  warnings: Warnings,
  parse: (text: string | undefined) => IpAddress | undefined = parseIp,
): IpAddress | undefined {
  const peer = view.remoteAddress === undefined ? undefined : parse(view.remoteAddress);
  if (trust.kind === 'none') {
    if (
      peer &&
      warnings.pending('RL_W_UNTRUSTED_FORWARDED_HEADER') &&
      (view.headers('x-forwarded-for') !== undefined || view.headers('forwarded') !== undefined)
    ) {
      warnings.warn(
        'RL_W_UNTRUSTED_FORWARDED_HEADER',
        'A request carries X-Forwarded-For or Forwarded but trustProxy is off, so every client behind that proxy shares one limit. If the app runs behind a proxy, set trustProxy to its hop count or address range.',
      );
    }
    return peer;
  }
  if (view.remoteAddress !== undefined && !peer) return undefined;
  if (!trust.trusts(0, peer)) return peer;
  const raw = view.headers(header);
  if (raw === undefined) return peer;
  if (header === 'x-real-ip' || header === 'cf-connecting-ip') return parse(raw) ?? peer;
  let current = peer;
  const entries = forwardedEntries(raw, header, MAX_HOPS, parse);
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry === undefined) return current;
    current = entry;
    if (!trust.trusts(i + 1, entry)) return entry;
  }
  return current;
}
