import { createLimiter, type Decision, fixedWindow, slidingLog, tokenBucket } from '@rl/core';
import { describe, expect, it } from 'vitest';
import { upstashStore } from '../src/index.js';
import { commandStats } from './helpers/command-stats.js';
import { useUpstash } from './helpers/upstash-fixture.js';

const fixture = useUpstash();

const IDENTIFIERS = 20;
const CALLS_PER_IDENTIFIER = 100;
const LIMIT = 60;
const WAVE = 50;
const FLUSHES = 3;

describe('SCRIPT FLUSH in the middle of a load run', () => {
  for (const autoPipelining of [true, false]) {
    it(`0 failed decisions and exact counts (enableAutoPipelining: ${autoPipelining})`, async () => {
      const limiter = createLimiter({
        store: upstashStore({ client: fixture.client({ enableAutoPipelining: autoPipelining }), timeoutMs: 30_000 }),
        prefix: `rl-flush-${autoPipelining}`,
        rules: [
          fixedWindow({ limit: LIMIT, window: '1d' }),
          slidingLog({ limit: 10_000, window: '1d' }),
          tokenBucket({ limit: 10_000, interval: '1d' }),
        ],
      });
      await limiter.limit('warm-up');
      await fixture.redis('CONFIG', 'RESETSTAT');
      const calls = Array.from({ length: IDENTIFIERS * CALLS_PER_IDENTIFIER }, (_, i) => `user-${i % IDENTIFIERS}`);
      const waves = Math.ceil(calls.length / WAVE);
      const flushAt = new Set(Array.from({ length: FLUSHES }, (_, i) => Math.floor(((i + 1) * waves) / (FLUSHES + 1))));
      const decisions: Decision[] = [];
      const failures: unknown[] = [];
      for (let w = 0; w < waves; w++) {
        const wave = calls.slice(w * WAVE, (w + 1) * WAVE).map((id) => limiter.limit(id));
        // Flush while this wave's requests are on their way.
        if (flushAt.has(w)) await fixture.redis('SCRIPT', 'FLUSH');
        for (const outcome of await Promise.allSettled(wave)) {
          if (outcome.status === 'fulfilled') decisions.push(outcome.value);
          else failures.push(outcome.reason);
        }
      }
      expect(failures).toEqual([]);
      const admitted = new Map<string, number>();
      for (const [i, decision] of decisions.entries()) {
        if (decision.allowed) admitted.set(calls[i] as string, (admitted.get(calls[i] as string) ?? 0) + 1);
      }
      expect([...admitted.values()]).toEqual(Array.from({ length: IDENTIFIERS }, () => LIMIT));
      // The flushes were really hit: NOSCRIPT replies, and the scripts sent again with EVAL (once per
      // flush and script when concurrent calls share the reload, more when they do not).
      const stats = await commandStats(fixture);
      expect(stats.evalsha?.failed ?? 0).toBeGreaterThanOrEqual(FLUSHES);
      expect(stats.eval?.calls ?? 0).toBeGreaterThanOrEqual(FLUSHES);
      expect(stats.eval?.failed ?? 0).toBe(0);
    });
  }
});
