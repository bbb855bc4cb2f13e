import { NextRequest } from 'next/server.js';
import { nextDemo } from '../../src/next/next-demo.ts';
import { requestInit, type Target, TEST_ENV } from './send.ts';

type Handler = (req: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
type RouteModule = Record<string, unknown>;

/** The app's route files, matched as the App Router would (static segments first). */
const ROUTES: [RegExp, () => Promise<RouteModule>, (match: RegExpExecArray) => Record<string, string | string[]>][] = [
  [/^\/$/, () => import('../../next/app/route.ts'), () => ({})],
  [/^\/api\/v1\/converse\/message$/, () => import('../../next/app/api/v1/converse/message/route.ts'), () => ({})],
  [/^\/api\/v1\/converse\/stream$/, () => import('../../next/app/api/v1/converse/stream/route.ts'), () => ({})],
  [/^\/api\/auth\/login$/, () => import('../../next/app/api/auth/login/route.ts'), () => ({})],
  [/^\/api\/items$/, () => import('../../next/app/api/items/route.ts'), () => ({})],
  [/^\/api\/items\/([^/]+)$/, () => import('../../next/app/api/items/[id]/route.ts'), (m) => ({ id: m[1] as string })],
  [
    /^\/api\/public\/(.+)$/,
    () => import('../../next/app/api/public/[...path]/route.ts'),
    (m) => ({ path: (m[1] as string).split('/') }),
  ],
  [/^\/api\/metered$/, () => import('../../next/app/api/metered/route.ts'), () => ({})],
  [/^\/api\/health$/, () => import('../../next/app/api/health/route.ts'), () => ({})],
  [/^\/api\/demo\/state$/, () => import('../../next/app/api/demo/state/route.ts'), () => ({})],
];

/** What Next does with a request: proxy.ts on `/api/*`, then — when it says "next" — the route handler, with the proxy's headers merged in. */
async function dispatch(request: NextRequest): Promise<Response> {
  const path = request.nextUrl.pathname;
  const { proxy, config } = await import('../../next/proxy.ts');
  let fromProxy: Response | undefined;
  if (config.matcher === '/api/:path*' && path.startsWith('/api/')) {
    fromProxy = await proxy(request);
    if (fromProxy.headers.get('x-middleware-next') !== '1') return fromProxy;
  }
  for (const [pattern, load, params] of ROUTES) {
    const match = pattern.exec(path);
    if (!match) continue;
    const handler = (await load())[request.method === 'HEAD' ? 'GET' : request.method] as Handler | undefined;
    if (!handler) return new Response(null, { status: 405 });
    const response = await handler(request, { params: Promise.resolve(params(match)) });
    fromProxy?.headers.forEach((value, name) => {
      if (!name.startsWith('x-middleware-')) response.headers.set(name, value);
    });
    return response;
  }
  return new Response('This page could not be found.', { status: 404 });
}

/**
 * The Next app (next/proxy.ts and the route files under next/app) called in-process with real
 * NextRequests, the way Next runs them: no `next build` or dev server, so it stays fast. Clients are
 * in X-Forwarded-For, as `next start` and Vercel append them. Creates the app's shared demo with
 * `env` (one per test file: vitest isolates files).
 */
export async function nextTarget(env: Record<string, string> = { ...TEST_ENV }): Promise<Target> {
  const next = await nextDemo(env);
  return {
    server: 'next',
    send: (path, init) => dispatch(new NextRequest(`http://demo.test${path}`, requestInit(init, 'x-forwarded-for'))),
    close: () => next.demo.close(),
  };
}
