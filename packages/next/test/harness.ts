import {
  type AdapterHarness,
  describeInfo,
  type MakeFetch,
  scenarioOptions,
  TEST_INFO_HEADER,
  TEST_PEER_HEADER,
} from '@rl/conformance';
import type { Store } from '@rl/core';
import type { RateLimitInfo } from '@rl/http';
import { memoryStore } from '@rl/memory';
import { NextRequest } from 'next/server.js';
import { type NextRateLimitOptions, rateLimitProxy, withRateLimit } from '../src/index.js';

function options(scenario: Parameters<MakeFetch>[0], store: Store): NextRateLimitOptions {
  return {
    ...scenarioOptions<NextRequest>(scenario, (req, name) => req.headers.get(name) ?? undefined, store),
    remoteAddress: (req) => req.headers.get(TEST_PEER_HEADER) ?? undefined,
  };
}

/** The conformance route: status from `?status=`, the Decision it was given in x-test-info. */
function route(req: NextRequest, info: RateLimitInfo | undefined, seesDecision: boolean): Response {
  const status = Number(req.nextUrl.searchParams.get('status') ?? 200);
  const headers: Record<string, string> = seesDecision ? { [TEST_INFO_HEADER]: describeInfo(info) } : {};
  return Response.json({ ok: true }, { status, headers });
}

/** `withRateLimit` around a route handler, called with real NextRequests. */
export const routeHarness: MakeFetch = (scenario): AdapterHarness => {
  const handler = withRateLimit((req, _ctx, info) => route(req, info, true), options(scenario, memoryStore()));
  return { fetch: (request) => handler(new NextRequest(request), {}) };
};

/**
 * `rateLimitProxy` in front of a route, as Next runs them: a `NextResponse.next()` continues to the
 * route, and the proxy's headers (minus Next's internal `x-middleware-*`) are merged into its response.
 */
export const proxyHarness: MakeFetch = (scenario): AdapterHarness => {
  const proxy = rateLimitProxy(options(scenario, memoryStore()));
  return {
    async fetch(request) {
      const req = new NextRequest(request);
      const fromProxy = await proxy(req);
      if (fromProxy.headers.get('x-middleware-next') !== '1') return fromProxy;
      const response = route(req, undefined, false);
      fromProxy.headers.forEach((value, name) => {
        if (!name.startsWith('x-middleware-')) response.headers.set(name, value);
      });
      return response;
    },
  };
};
