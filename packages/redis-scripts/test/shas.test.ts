/// <reference types="node" />
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ALL_SCRIPTS, CONSUME_VARIANTS, PEEK_VARIANTS, SCRIPTS } from '../src/index.js';
import { useRedis } from './helpers/redis-fixture.js';

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

describe('script SHA1s', () => {
  const fixture = useRedis();

  for (const script of ALL_SCRIPTS) {
    it(`${script.id}: the committed SHA1 = node:crypto sha1 = SCRIPT LOAD (else run \`pnpm --filter @rl-internal/redis-scripts shas\`)`, async () => {
      expect(script.sha1).toMatch(/^[0-9a-f]{40}$/);
      expect(sha1(script.source)).toBe(script.sha1);
      expect(await fixture.redis.script('LOAD', script.source)).toBe(script.sha1);
    });
  }

  it('every script, and every variant, is listed once with a SHA1 of its own', () => {
    expect(new Set(ALL_SCRIPTS.map((script) => script.id)).size).toBe(ALL_SCRIPTS.length);
    expect(new Set(ALL_SCRIPTS.map((script) => script.sha1)).size).toBe(ALL_SCRIPTS.length);
    for (const script of [
      ...Object.values(SCRIPTS),
      ...Object.values(CONSUME_VARIANTS),
      ...Object.values(PEEK_VARIANTS),
    ]) {
      expect(ALL_SCRIPTS).toContain(script);
    }
    expect(Object.keys(CONSUME_VARIANTS)).toHaveLength(6);
    expect(Object.keys(PEEK_VARIANTS)).toHaveLength(6);
  });

  it('every script has a header describing KEYS and ARGV', () => {
    for (const script of ALL_SCRIPTS) {
      const header = script.source.slice(0, script.source.indexOf('\nlocal'));
      expect(header).toMatch(new RegExp(`^-- @rl ${script.name}( \\(${script.algorithm} rules only\\))?:`));
      expect(header).toMatch(/-- KEYS\[i\]/);
      expect(header).toMatch(/-- ARGV\[1\]/);
    }
  });
});
