import {
  type Algorithm,
  concurrency,
  fixedWindow,
  gcra,
  type Rule,
  slidingLog,
  slidingWindow,
  tokenBucket,
} from '@rl/core';

const DAY = 86_400_000;

/**
 * A rule of `algorithm` with `limit` and a day-long window (refills and lease expiry far slower
 * than a test round lasts), so nothing comes back mid-round and exactly `limit` calls are admitted.
 */
export function dayRule(algorithm: Algorithm, limit: number): Rule {
  switch (algorithm) {
    case 'fixed-window':
      return fixedWindow({ limit, window: DAY });
    case 'sliding-window':
      return slidingWindow({ limit, window: DAY });
    case 'sliding-log':
      return slidingLog({ limit, window: DAY });
    case 'token-bucket':
      return tokenBucket({ limit, refillRate: 1, interval: DAY });
    case 'gcra':
      return gcra({ limit, window: DAY });
    case 'concurrency':
      return concurrency({ limit, leaseMs: DAY });
  }
}
