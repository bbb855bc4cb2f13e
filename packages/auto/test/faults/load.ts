import type { Decision, Limiter } from '@rl/core';

/** One call made by the load generator. */
export interface CallRecord {
  readonly phase: string;
  readonly identifier: string;
  /** ms since the load started. */
  readonly startedAt: number;
  /** How long the call took to settle, ms. */
  readonly ms: number;
  readonly decision?: Decision;
  readonly error?: unknown;
}

/** A running load: `phase` labels the calls that start from now on; `stop` waits for every call to settle. */
export interface Load {
  phase: string;
  readonly records: CallRecord[];
  /** ms since the load started. */
  elapsed(): number;
  stop(): Promise<CallRecord[]>;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `workers` loops, each calling `limiter.limit(identifier)` then pausing `pauseMs` (so an open
 * circuit, which answers at once, cannot starve the event loop). Every outcome is recorded; a
 * rejection is recorded as `error`, never thrown.
 */
export function startLoad(
  limiter: Limiter,
  options: { workers: number; pauseMs?: number; identifier?: (worker: number) => string },
): Load {
  const started = performance.now();
  const records: CallRecord[] = [];
  let stopped = false;
  const load: Load = {
    phase: 'start',
    records,
    elapsed: () => performance.now() - started,
    async stop() {
      stopped = true;
      await Promise.all(loops);
      return records;
    },
  };
  const loop = async (worker: number) => {
    const identifier = options.identifier?.(worker) ?? 'load';
    while (!stopped) {
      const phase = load.phase;
      const t0 = performance.now();
      try {
        const decision = await limiter.limit(identifier);
        records.push({ phase, identifier, startedAt: t0 - started, ms: performance.now() - t0, decision });
      } catch (error) {
        records.push({ phase, identifier, startedAt: t0 - started, ms: performance.now() - t0, error });
      }
      await delay(options.pauseMs ?? 5);
    }
  };
  const loops = Array.from({ length: options.workers }, (_, i) => loop(i));
  return load;
}

/** Counts of decisions by reason, for messages. */
export function reasons(records: readonly CallRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of records) {
    const key = r.error ? 'error' : (r.decision?.reason ?? 'none');
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Resolves after `ms`. */
export { delay };

/** Collects unhandled rejections while a test file runs. */
export function watchUnhandled(): { readonly errors: unknown[]; dispose(): void } {
  const errors: unknown[] = [];
  const onRejection = (reason: unknown) => errors.push(reason);
  process.on('unhandledRejection', onRejection);
  return { errors, dispose: () => process.off('unhandledRejection', onRejection) };
}
