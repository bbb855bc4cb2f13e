import { sha256 } from '@noble/hashes/sha2';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const char = (index: number): string => ALPHABET.charAt(index);

/** base64url without padding. */
export function base64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += char(n >>> 18) + char((n >>> 12) & 63) + char((n >>> 6) & 63) + char(n & 63);
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = ((bytes[i] as number) << 16) | (rest === 2 ? (bytes[i + 1] as number) << 8 : 0);
    out += char(n >>> 18) + char((n >>> 12) & 63);
    if (rest === 2) out += char((n >>> 6) & 63);
  }
  return out;
}

/**
 * A stable digest of any JavaScript string, including lone surrogates and NUL: the UTF-16 code units
 * are hashed, so two different strings never share an input. 22 base64url characters (132 bits).
 */
export function hashString(value: string): string {
  const bytes = new Uint8Array(value.length * 2);
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    bytes[2 * i] = unit >>> 8;
    bytes[2 * i + 1] = unit & 0xff;
  }
  return base64url(sha256(bytes)).slice(0, 22);
}
