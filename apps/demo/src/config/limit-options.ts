import type { HttpLimiterOptions, RouteOptions } from '@rl/http';
import { type DemoContext, KEY_PREFIX } from './context.ts';
import { type AccountReader, demoRoutes } from './routes.ts';

/** The options every adapter gets, whatever the framework: the route table, the store and its policy. */
export type DemoLimitOptions<Ctx> = HttpLimiterOptions<Ctx> & { routes: RouteOptions<Ctx>[] };

/**
 * The shared rate-limit options of one server: the demo's route table, its store and failure
 * policy, the server's proxy trust, `x-api-key` as the API key, and every decision recorded for the
 * dashboard. Express, Hono and Next pass it to their adapter as is.
 *
 * @example
 * app.use(express.json(), rateLimit(demoLimitOptions(demo, (req) => req.body?.email)))
 */
export function demoLimitOptions<Ctx>(demo: DemoContext, account: AccountReader<Ctx>): DemoLimitOptions<Ctx> {
  const secret = demo.settings.partitionKeySecret;
  return {
    store: demo.store,
    prefix: KEY_PREFIX,
    routes: demoRoutes(demo.rules, account),
    trustProxy: demo.network.trustProxy,
    ipHeader: demo.network.ipHeader,
    apiKey: 'x-api-key',
    ...(demo.failure === undefined ? {} : { failure: demo.failure }),
    ...(secret === undefined ? {} : { partitionKeySecret: secret }),
    onDecision: (info) => demo.feed.record(info.route, info),
  };
}
