import { invalidConfig } from '@rl/core';
import { formatIp, type IpAddress } from './ip-address.js';

/** Default IPv6 grouping: one customer site usually gets a /56, so its addresses share one limit. */
export const DEFAULT_IPV6_SUBNET = 56;

/** Validates the `ipv6Subnet` option: a prefix length from 1 to 128, or `false` to keep whole addresses. */
export function checkIpv6Subnet(value: unknown): number | false {
  if (value === undefined) return DEFAULT_IPV6_SUBNET;
  if (value === false) return false;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 128) {
    throw invalidConfig('ipv6Subnet', value, 'a prefix length from 1 to 128 (48 to 64 is typical), or false');
  }
  return value;
}

/**
 * The part of an address a limit is keyed on: IPv4 as is, IPv6 reduced to its network
 * (`2001:db8:0:ab00::/56`), so a client cannot escape a limit by rotating through its own subnet.
 *
 * @example
 * ipKey(parseIp('2001:db8:0:abcd::1')!, 56) // '2001:db8:0:ab00::/56'
 * ipKey(parseIp('::ffff:10.0.0.1')!, 56)    // '10.0.0.1'
 */
export function ipKey(ip: IpAddress, subnet: number | false = DEFAULT_IPV6_SUBNET): string {
  if (ip.version === 4 || subnet === false) return formatIp(ip);
  const bytes = new Uint8Array(16);
  const whole = subnet >> 3;
  bytes.set(ip.bytes.subarray(0, whole));
  const rest = subnet & 7;
  if (rest !== 0) bytes[whole] = (ip.bytes[whole] as number) & ((0xff << (8 - rest)) & 0xff);
  const network = formatIp({ version: 6, bytes });
  return subnet === 128 ? network : `${network}/${subnet}`;
}
