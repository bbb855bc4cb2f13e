import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import { utf8ToBytes } from '@noble/hashes/utils';
import { recentCache } from '../core/recent-cache.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding, as a Structured Field Byte Sequence needs. */
function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64.charAt(n >>> 18) + B64.charAt((n >>> 12) & 63);
    out += i + 1 < bytes.length ? B64.charAt((n >>> 6) & 63) : '=';
    out += i + 2 < bytes.length ? B64.charAt(n & 63) : '=';
  }
  return out;
}

function randomSecret(): Uint8Array {
  const bytes = new Uint8Array(32);
  const webCrypto = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (webCrypto?.getRandomValues) webCrypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return bytes;
}

/**
 * Makes partition keys for the IETF headers' `pk` parameter: an HMAC-SHA-256 of the route and
 * identifier under a secret, cut to 12 bytes, so a client can compare partitions but nobody can
 * recover an IP address or user id from it (a plain hash of an IPv4 address is trivially reversed).
 * Without `secret`, a random one per process: pass the same secret to every instance for stable keys.
 *
 * The HMAC costs far more than the rest of a request's rate limiting, so the keys of recently seen
 * identifiers are remembered in a bounded two-generation memo (`cacheSize` per generation; 0 turns
 * it off): only the hashes and the identifiers the limiter already keys its store on are kept.
 *
 * @example
 * const pk = partitionKeys('s3cret')
 * pk('api', '203.0.113.9') // 'q1w2e3r4t5y6u7i8' (16 base64 characters)
 */
export function partitionKeys(secret?: string, cacheSize = 1024): (route: string, identifier: string) => string {
  // Drawn on first use: Workers forbid random values in global scope, where limiters are usually built.
  let key: Uint8Array | undefined = secret === undefined ? undefined : utf8ToBytes(secret);
  const compute = (input: string): string => {
    key ??= randomSecret();
    return base64(hmac(sha256, key, utf8ToBytes(input)).slice(0, 12));
  };
  if (cacheSize <= 0) return (route, identifier) => compute(`${route}\n${identifier}`);
  const recent = recentCache<string>(cacheSize);
  let lastRoute: string | undefined;
  let lastIdentifier: string | undefined;
  let lastKey = '';
  return (route, identifier) => {
    if (identifier !== lastIdentifier || route !== lastRoute) {
      lastKey = recent.get(`${route}\n${identifier}`, compute);
      lastRoute = route;
      lastIdentifier = identifier;
    }
    return lastKey;
  };
}
