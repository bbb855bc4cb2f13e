import type { NextRequest } from 'next/server.js';
import { streamResponse } from '../api/fetch-sse.ts';
import { type JsonResult, listItems, metered, publicInfo, sendMessage, writeItem } from '../api/handlers.ts';
import { healthReport } from '../api/health.ts';
import { INVALID_JSON, parseJsonBody } from '../api/json-body.ts';
import { openStream } from '../api/open-stream.ts';
import { demoState } from '../api/state.ts';
import type { DemoContext } from '../config/context.ts';
import { DASHBOARD_HTML } from '../dashboard/page.ts';
import { type NextDemo, nextDemo } from './next-demo.ts';

/** An App Router route handler; dynamic segments arrive as `params`. */
type Handler = (req: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

const json = (result: JsonResult) =>
  Response.json(result.body, { status: result.status, headers: { 'Cache-Control': 'no-store' } });

const view = (next: NextDemo, req: NextRequest) =>
  next.clientKey({
    method: req.method,
    path: req.nextUrl.pathname,
    headers: (name) => req.headers.get(name) ?? undefined,
    remoteAddress: undefined,
  });

/** A handler on the shared demo (limits are applied before it, by proxy.ts). */
const route =
  (
    handle: (demo: DemoContext, req: NextRequest, next: NextDemo, id: string | undefined) => Promise<Response>,
  ): Handler =>
  async (req, context) => {
    const next = await nextDemo();
    const params = await context?.params;
    const id = typeof params?.['id'] === 'string' ? params['id'] : undefined;
    return handle(next.demo, req, next, id);
  };

/** Runs a handler on the parsed JSON body, or answers 400 for malformed JSON. */
const withBody = async (req: NextRequest, handle: (value: unknown) => JsonResult) => {
  const body = parseJsonBody(req.headers.get('content-type') ?? undefined, await req.text());
  return json(body.invalid ? INVALID_JSON : handle(body.value));
};

/**
 * The demo's App Router route handlers, one per route file under `next/app`. Rate limits run
 * before them in `proxy.ts` (`rateLimitProxy`), except login, which is wrapped in `withRateLimit`.
 *
 * @example
 * // next/app/api/items/route.ts
 * export const GET = nextRoutes.listItems
 */
export const nextRoutes = {
  dashboard: route(
    async () => new Response(DASHBOARD_HTML, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
  ),
  message: route((demo, req) => withBody(req, (value) => sendMessage(demo, value))),
  stream: route(async (demo, req, next) =>
    streamResponse(await openStream(demo, view(next, req), req.nextUrl.searchParams), req.signal),
  ),
  login: (async (req, context) => (await nextDemo()).login(req, context)) as Handler,
  listItems: route(async (demo) => json(listItems(demo))),
  createItem: route((demo, req) => withBody(req, (value) => writeItem(demo, 'POST', undefined, value))),
  updateItem: route((demo, req, _next, id) => withBody(req, (value) => writeItem(demo, 'PUT', id, value))),
  deleteItem: route((demo, req, _next, id) => withBody(req, (value) => writeItem(demo, 'DELETE', id, value))),
  publicInfo: route(async (demo, req) => json(publicInfo(demo, req.nextUrl.pathname))),
  metered: route(async (demo, req) => json(metered(demo, req.headers.get('x-api-key') ?? undefined))),
  health: route(async (demo) => json(await healthReport(demo))),
  state: route(async (demo, req, next) => json({ status: 200, body: await demoState(demo, view(next, req)) })),
} satisfies Record<string, Handler>;
