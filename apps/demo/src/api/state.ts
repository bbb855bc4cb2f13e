import type { DemoContext } from '../config/context.ts';
import type { FeedSnapshot } from '../feed/decision-feed.ts';
import { type DemoHealth, healthReport } from './health.ts';

/** The viewer's standing on one limited route. */
export interface QuotaEntry {
  readonly route: string;
  readonly method: string;
  readonly path: string;
  readonly description: string;
  readonly limit: number;
  /** Null when the store could not be asked. */
  readonly remaining: number | null;
  /** How long until the viewer's quota is whole again (ms, by the store's clock); null when unknown. */
  readonly resetInMs: number | null;
}

/** What the dashboard polls: `GET /api/demo/state`. */
export interface DemoState {
  readonly server: string;
  readonly instance: string;
  /** Server time, epoch ms. */
  readonly now: number;
  readonly health: DemoHealth;
  readonly healthStatus: number;
  readonly feed: FeedSnapshot;
  readonly quota: readonly QuotaEntry[];
}

/**
 * The dashboard's data: store health, the decisions this instance made, and the viewer's remaining
 * quota on every per-IP route — read with `peek`, which charges nothing.
 *
 * @example
 * const state = await demoState(demo, clientKey(view)) // { health: {...}, feed: {...}, quota: [{ route: 'public', remaining: 10, ... }] }
 */
export async function demoState(demo: DemoContext, client: string): Promise<DemoState> {
  const [health, quota] = await Promise.all([
    healthReport(demo),
    Promise.all(
      demo.routes.map(async (route): Promise<QuotaEntry> => {
        const base = {
          route: route.name,
          method: route.method,
          path: route.path,
          description: route.description,
          limit: route.rule.limit,
        };
        const limiter = demo.quota.get(route.limiter);
        try {
          const decision = await (limiter as NonNullable<typeof limiter>).peek(client);
          if (decision.reason === 'store_unavailable') return { ...base, remaining: null, resetInMs: null };
          const resetInMs = Math.max(0, decision.resetAt - decision.now);
          return { ...base, limit: decision.limit, remaining: Math.max(0, decision.remaining), resetInMs };
        } catch {
          return { ...base, remaining: null, resetInMs: null };
        }
      }),
    ),
  ]);
  return {
    server: demo.server,
    instance: demo.instance,
    now: Date.now(),
    health: health.body,
    healthStatus: health.status,
    feed: demo.feed.snapshot(),
    quota,
  };
}
