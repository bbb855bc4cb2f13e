import type { Decision } from '@rl/core';

/** How a decision is shown on the dashboard. */
export type Outcome = 'allowed' | 'limited' | 'fallback' | 'unavailable' | 'shadow';

/** One decision, as the dashboard's live list shows it (no identifier: the feed is public). */
export interface FeedEntry {
  readonly at: number;
  readonly route: string;
  readonly outcome: Outcome;
  readonly allowed: boolean;
  readonly rule: string;
  readonly limit: number;
  readonly remaining: number;
  readonly retryAfterMs: number;
}

/** Counts per route since the process started. */
export type RouteCounts = Record<Outcome, number>;

/** What `/api/demo/feed` returns besides health. */
export interface FeedSnapshot {
  readonly startedAt: number;
  readonly totals: RouteCounts;
  readonly routes: Readonly<Record<string, RouteCounts>>;
  readonly recent: readonly FeedEntry[];
}

/** What the feed keeps of a Decision. */
export type FeedDecision = Pick<Decision, 'allowed' | 'reason' | 'rule' | 'limit' | 'remaining' | 'retryAfterMs'>;

/** The decisions a server made, kept for the dashboard. */
export interface DecisionFeed {
  /** Records a decision of `route` (call it from `onDecision`, or for a stream's concurrency lease). */
  record(route: string, decision: FeedDecision): void;
  snapshot(): FeedSnapshot;
}

const empty = (): RouteCounts => ({ allowed: 0, limited: 0, fallback: 0, unavailable: 0, shadow: 0 });

/** The outcome the dashboard shows for a Decision. */
export function outcomeOf(decision: Pick<Decision, 'allowed' | 'reason'>): Outcome {
  switch (decision.reason) {
    case 'fallback':
      return 'fallback';
    case 'store_unavailable':
      return 'unavailable';
    case 'shadow':
      return 'shadow';
    default:
      return decision.allowed ? 'allowed' : 'limited';
  }
}

/**
 * A bounded in-process record of decisions: counts per route and outcome, and the `size` latest.
 *
 * @example
 * const feed = createDecisionFeed()
 * rateLimit({ ...options, onDecision: (info) => feed.record(info.route, info) })
 */
export function createDecisionFeed(size = 40, now: () => number = Date.now): DecisionFeed {
  const startedAt = now();
  const totals = empty();
  const routes: Record<string, RouteCounts> = {};
  const recent: FeedEntry[] = [];
  return {
    record(route, decision) {
      const outcome = outcomeOf(decision);
      totals[outcome] += 1;
      routes[route] ??= empty();
      (routes[route] as RouteCounts)[outcome] += 1;
      recent.unshift({
        at: now(),
        route,
        outcome,
        allowed: decision.allowed,
        rule: decision.rule,
        limit: decision.limit,
        remaining: Math.max(0, decision.remaining),
        retryAfterMs: decision.retryAfterMs,
      });
      if (recent.length > size) recent.length = size;
    },
    snapshot() {
      const byRoute: Record<string, RouteCounts> = {};
      for (const [route, counts] of Object.entries(routes)) byRoute[route] = { ...counts };
      return { startedAt, totals: { ...totals }, routes: byRoute, recent: [...recent] };
    },
  };
}
