import { RespError, type RespValue } from '@rl-internal/test-redis';

/** A JSON value as Upstash puts it in `result`. */
export type UpstashJson = string | number | null | UpstashJson[];

/**
 * Maps a Redis reply to the JSON Upstash returns in `result`: integers → numbers, nil → null,
 * arrays (nested too) → arrays, strings → strings. With `Upstash-Encoding: base64`, every string
 * is base64 of its bytes except a top-level `OK` (Upstash's documented exception, which the
 * @upstash/redis decoder special-cases; inside arrays the decoder base64-decodes every string, so
 * `OK` is encoded there). An error nested in an array (a Lua table holding `{ err = ... }`) becomes
 * its message string.
 */
export function encodeResult(value: RespValue, base64: boolean, topLevel = true): UpstashJson {
  if (value === null || typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map((item) => encodeResult(item, base64, false));
  if (value instanceof RespError) return encodeString(Buffer.from(value.message), base64);
  if (typeof value === 'string') {
    if (topLevel && value === 'OK') return 'OK';
    return encodeString(Buffer.from(value), base64);
  }
  return encodeString(value, base64);
}

function encodeString(bytes: Buffer, base64: boolean): string {
  return base64 ? bytes.toString('base64') : bytes.toString('utf8');
}
