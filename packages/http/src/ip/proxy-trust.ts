import { invalidConfig } from '@rl/core';
import { type Cidr, cidrContains, parseCidrs } from './cidr.js';
import type { IpAddress } from './ip-address.js';

/**
 * Which proxies in front of the app are trusted to report the client's address:
 * - `false` or `0` (default): none; the socket peer is the client and forwarding headers are ignored;
 * - a number N: the peer and the N − 1 proxies before it (Express's `trust proxy` hop count);
 * - addresses, CIDRs or `loopback` / `linklocal` / `uniquelocal`: proxies inside those ranges;
 * - `true`: every proxy — anyone can then choose their own key; warned about.
 *
 * Where there is no socket (Workers, Next edge), the platform that delivered the request counts as
 * the first hop: `trustProxy: 1` then means "believe the address header the platform sets".
 */
export type TrustProxy = boolean | number | string | readonly string[];

/** A compiled {@link TrustProxy}. `hop` 0 is the peer (undefined address: the platform). */
export interface ProxyTrust {
  readonly kind: 'none' | 'all' | 'hops' | 'ranges';
  trusts(hop: number, address: IpAddress | undefined): boolean;
}

const EXPECTED = 'false, a number of hops, true, or trusted proxy addresses / CIDRs';

/**
 * Compiles the `trustProxy` option. Throws `RL_INVALID_CONFIG` naming the bad value.
 *
 * @example
 * compileTrust(1).trusts(0, peer) // true: the peer is a trusted proxy
 * compileTrust(['10.0.0.0/8']).trusts(1, parseIp('10.1.2.3')) // true
 */
export function compileTrust(option: TrustProxy | undefined): ProxyTrust {
  if (option === undefined || option === false || option === 0) return { kind: 'none', trusts: () => false };
  if (option === true) return { kind: 'all', trusts: () => true };
  if (typeof option === 'number') {
    if (!Number.isSafeInteger(option) || option < 0) throw invalidConfig('trustProxy', option, EXPECTED);
    return { kind: 'hops', trusts: (hop) => hop < option };
  }
  if (typeof option === 'string' || Array.isArray(option)) {
    const ranges: Cidr[] = parseCidrs(option as string | readonly string[], 'trustProxy');
    return {
      kind: 'ranges',
      trusts: (hop, address) =>
        address === undefined ? hop === 0 : ranges.some((range) => cidrContains(range, address)),
    };
  }
  throw invalidConfig('trustProxy', option, EXPECTED);
}
