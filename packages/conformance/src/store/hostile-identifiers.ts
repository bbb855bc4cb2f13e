import { fixedWindow, MAX_KEY_BYTES } from '@rl/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';

/** UTF-8 length of a string (lone surrogates count as the 3-byte U+FFFD a encoder would write). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Identifiers no well-behaved client would send. Each must get its own valid key or a clear error. */
export const HOSTILE_IDENTIFIERS: readonly string[] = [
  'a\u0000b',
  '\u0000',
  '\uD800',
  '\uDC00x',
  '\uD800\uDC00',
  'josé',
  '🚀',
  '{',
  '}',
  '{}',
  '}{',
  ':',
  '::1',
  '%',
  '%25',
  '#',
  ' ',
  '\r\n',
  '\u202e',
  'x'.repeat(200),
  'x'.repeat(201),
  'y'.repeat(1 << 20),
];

/** Hostile identifiers never crash a store, never share a counter, and keys stay ≤ 128 bytes. */
export function hostileIdentifiers(setup: () => Promise<Harness>): void {
  describe('hostile identifiers', () => {
    it('each gets its own counter and a key of at most 128 bytes', async () => {
      const h = await setup();
      const limiter = h.limiter(fixedWindow({ limit: 1, window: 60_000 }));
      for (const identifier of HOSTILE_IDENTIFIERS) {
        for (const key of limiter.keys(identifier)) expect(utf8Length(key)).toBeLessThanOrEqual(MAX_KEY_BYTES);
        expect((await limiter.limit(identifier)).allowed, JSON.stringify(identifier.slice(0, 20))).toBe(true);
      }
      for (const identifier of HOSTILE_IDENTIFIERS) expect((await limiter.limit(identifier)).allowed).toBe(false);
    });

    it('random strings (any UTF-16, lone surrogates included) stay distinct and valid', async () => {
      const h = await setup();
      const limiter = h.limiter(fixedWindow({ limit: 1, window: 60_000 }));
      const strings = fc.sample(
        fc.string({
          unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
          minLength: 1,
          maxLength: 40,
        }),
        { numRuns: 200, seed: 42 },
      );
      const unique = [...new Set(strings)];
      for (const identifier of unique) expect((await limiter.limit(identifier)).allowed).toBe(true);
    });

    it('a non-string or empty identifier is a clear error, not a crash', async () => {
      const h = await setup();
      const limiter = h.limiter(fixedWindow({ limit: 1, window: 1000 }));
      for (const bad of ['', undefined, null, 42, {}]) {
        await expect(limiter.limit(bad as unknown as string)).rejects.toMatchObject({ code: 'RL_INVALID_IDENTIFIER' });
      }
    });
  });
}
