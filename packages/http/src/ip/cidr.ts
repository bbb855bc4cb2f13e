import { invalidConfig } from '@rl/core';
import { type IpAddress, parseIp } from './ip-address.js';

/** An address range: the first `prefix` bits of `bytes`. */
export interface Cidr {
  readonly version: 4 | 6;
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

/** Named ranges, as Express's `trust proxy` (proxy-addr) understands them. */
export const NAMED_RANGES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
});

const EXPECTED =
  'an IP address, a CIDR such as "10.0.0.0/8" or "2001:db8::/32", or "loopback", "linklocal", "uniquelocal"';

function parseOne(text: string, option: string): Cidr {
  const slash = text.indexOf('/');
  const address = parseIp(slash === -1 ? text : text.slice(0, slash));
  if (!address) throw invalidConfig(option, text, EXPECTED);
  const mappedV6 = slash !== -1 && text.slice(0, slash).includes(':') && address.version === 4;
  const max = mappedV6 ? 128 : address.version === 4 ? 32 : 128;
  const bits = slash === -1 ? max : Number(text.slice(slash + 1));
  if (!/^\d{1,3}$/.test(slash === -1 ? String(max) : text.slice(slash + 1)) || bits > max) {
    throw invalidConfig(option, text, EXPECTED);
  }
  if (mappedV6) {
    if (bits < 96) throw invalidConfig(option, text, 'an IPv4-mapped range of /96 or longer');
    return { version: 4, bytes: address.bytes, prefix: bits - 96 };
  }
  return { version: address.version, bytes: address.bytes, prefix: bits };
}

/**
 * Parses trusted-proxy ranges: addresses, CIDRs and the names `loopback`, `linklocal`,
 * `uniquelocal`; a string may list several separated by commas. Throws `RL_INVALID_CONFIG`.
 *
 * @example
 * parseCidrs(['loopback', '10.0.0.0/8, 2001:db8::/32'], 'trustProxy')
 */
export function parseCidrs(input: string | readonly string[], option: string): Cidr[] {
  const items = (typeof input === 'string' ? [input] : input).flatMap((item) => {
    if (typeof item !== 'string') throw invalidConfig(option, item, EXPECTED);
    return item.split(',');
  });
  const cidrs: Cidr[] = [];
  for (const raw of items) {
    const text = raw.trim();
    const named = NAMED_RANGES[text.toLowerCase()];
    if (named) for (const range of named) cidrs.push(parseOne(range, option));
    else cidrs.push(parseOne(text, option));
  }
  if (cidrs.length === 0) throw invalidConfig(option, input, EXPECTED);
  return cidrs;
}

/** True when `ip` lies inside `cidr`. */
export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.version !== ip.version) return false;
  const whole = cidr.prefix >> 3;
  for (let i = 0; i < whole; i++) if (cidr.bytes[i] !== ip.bytes[i]) return false;
  const rest = cidr.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((cidr.bytes[whole] as number) & mask) === ((ip.bytes[whole] as number) & mask);
}
