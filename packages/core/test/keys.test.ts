import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildKey,
  checkPrefix,
  fixedWindow,
  hashString,
  joinKey,
  keyScope,
  MAX_KEY_BYTES,
  splitKey,
} from '../src/index.js';
import { checkCache } from '../src/limiter/check-cache.js';

const utf8 = new TextEncoder();

describe('keys', () => {
  it('are readable for plain identifiers', () => {
    expect(buildKey('ratelimit', 'api', '192.168.1.1')).toBe('ratelimit:api:{192.168.1.1}');
    expect(buildKey('rl', 'auth', '192.168.1.1:user123')).toBe('rl:auth:{192.168.1.1%3Auser123}');
    expect(buildKey('rl', 'x', 'a{b}c%d#e')).toBe('rl:x:{a%7Bb%7Dc%25d%23e}');
  });

  it('hash identifiers that are long or not printable ASCII', () => {
    expect(buildKey('rl', 'x', 'josé')).toMatch(/^rl:x:\{#[A-Za-z0-9_-]{22}\}$/);
    expect(buildKey('rl', 'x', 'a b')).toMatch(/^rl:x:\{#/);
    expect(buildKey('rl', 'x', 'z'.repeat(1 << 20))).toMatch(/^rl:x:\{#/);
  });

  it('hash lone surrogates without collisions with U+FFFD', () => {
    expect(hashString('\uD800')).not.toBe(hashString('\uFFFD'));
    expect(hashString('\uD800')).not.toBe(hashString('\uDC00'));
  });

  it('stay within 128 bytes, contain one hash tag, and are injective (property)', () => {
    const identifiers = fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      minLength: 1,
      maxLength: 300,
    });
    fc.assert(
      fc.property(identifiers, identifiers, (a, b) => {
        const ka = buildKey('p'.repeat(48), 'r'.repeat(48), a);
        const kb = buildKey('p'.repeat(48), 'r'.repeat(48), b);
        expect(utf8.encode(ka).length).toBeLessThanOrEqual(MAX_KEY_BYTES);
        expect(ka.indexOf('{')).toBe(98);
        expect(ka.indexOf('}')).toBe(ka.length - 1);
        if (a !== b) expect(ka).not.toBe(kb);
      }),
      { numRuns: 2000 },
    );
  });

  it('reject prefixes that would break the hash tag', () => {
    for (const bad of ['', 'a{b', 'a}', 'a b', 'x'.repeat(49), 7]) {
      expect(() => checkPrefix(bad)).toThrow(/"prefix"/);
    }
    expect(checkPrefix('app:rl')).toBe('app:rl');
  });

  it('split into scope and id that join back to the key, for any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (key) => {
        const { scope, id } = splitKey(key);
        expect(scope === '' ? id : joinKey(scope, id)).toBe(key);
      }),
      { numRuns: 3000 },
    );
    expect(splitKey('rl:api:{10.0.0.1}')).toEqual({ scope: 'rl:api:', id: '10.0.0.1' });
    // Not of the form <scope>{<id>}: the whole key is the id, in scope "".
    for (const key of ['plain', '{x}', 'a{x}', 'a:{x', 'a:{x}y', 'a:{x{y}', 'a:{x}}']) {
      expect(splitKey(key)).toEqual({ scope: '', id: key });
    }
  });

  it('split the way the limiter builds them: its checks carry the same scope and id (property)', () => {
    const rule = fixedWindow({ name: 'api', limit: 1, window: 1000 });
    const checksFor = checkCache('app:v2', [rule]);
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), (identifier) => {
        const [check] = checksFor(identifier);
        expect(check?.key).toBe(buildKey('app:v2', 'api', identifier));
        expect(check?.scope).toBe(keyScope('app:v2', 'api'));
        expect(splitKey(check?.key ?? '')).toEqual({ scope: check?.scope, id: check?.id });
      }),
      { numRuns: 2000 },
    );
  });
});
