import { createLimiter, fixedWindow, slidingWindow } from '@rl/core';
import { upstashStore } from '@rl/upstash';
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';

const WINDOW_MS = 60_000;

/** The same client for both: @upstash/redis with its defaults (auto-pipelining on), no retries. */
const client = ({ url, token }) => new Redis({ url, token, retry: { retries: 0 } });

/**
 * Each subject: `make({ url, token, algorithm, limit })` → `{ hit(key) }`, `hit` resolving true
 * when admitted, with the same algorithm (`fixed` or `sliding` window of 60 s) on both sides.
 */
export const SUBJECTS = {
  rl({ url, token, algorithm, limit }) {
    const rule = algorithm === 'fixed' ? fixedWindow : slidingWindow;
    const limiter = createLimiter({
      store: upstashStore({ client: client({ url, token }) }),
      rules: rule({ limit, window: WINDOW_MS }),
    });
    return { hit: (key) => limiter.limit(key).then((d) => d.allowed) };
  },
  '@upstash/ratelimit'({ url, token, algorithm, limit }) {
    const window = `${WINDOW_MS / 1000} s`;
    const ratelimit = new Ratelimit({
      redis: client({ url, token }),
      limiter: algorithm === 'fixed' ? Ratelimit.fixedWindow(limit, window) : Ratelimit.slidingWindow(limit, window),
      prefix: 'upstash-bench',
    });
    return { hit: (key) => ratelimit.limit(key).then((r) => r.success) };
  },
};

export const PEERS = ['@upstash/ratelimit'];
