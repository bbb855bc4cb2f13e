import { rateLimit } from '@rl/express';
import type { HttpRequestView } from '@rl/http';
import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler } from 'express';
import { clientKeyResolver } from '../api/client-key.ts';
import {
  type JsonResult,
  listItems,
  logIn,
  metered,
  notFound,
  publicInfo,
  sendMessage,
  writeItem,
} from '../api/handlers.ts';
import { healthReport } from '../api/health.ts';
import { INVALID_JSON } from '../api/json-body.ts';
import { openStream } from '../api/open-stream.ts';
import { demoState } from '../api/state.ts';
import type { DemoContext } from '../config/context.ts';
import { demoLimitOptions } from '../config/limit-options.ts';
import { DASHBOARD_HTML } from '../dashboard/page.ts';
import { sendStream } from './node-sse.ts';

type BodyRequest = Request & { bodyError?: unknown };

function view(req: Request): HttpRequestView {
  return {
    method: req.method,
    path: req.originalUrl,
    headers: (name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
    remoteAddress: req.socket.remoteAddress,
  };
}

/**
 * `express.json()` that does not end the request on a malformed body: the error is kept for after
 * the rate limiter, so a broken body is counted like any other request (as on Hono and Next).
 */
function jsonBody(): RequestHandler {
  const parse = express.json({ limit: '16kb' });
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      if (error !== undefined) (req as BodyRequest).bodyError = error;
      next();
    });
}

const rejectBadBody: RequestHandler = (req, res, next) => {
  const error = (req as BodyRequest).bodyError as { status?: number } | undefined;
  if (error === undefined) return next();
  if (error.status === 413) {
    res.status(413).json({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is over 16 kB.' } });
    return;
  }
  res.status(INVALID_JSON.status).json(INVALID_JSON.body);
};

const onError: ErrorRequestHandler = (error, _req, res, _next) => {
  console.error(error);
  if (res.headersSent) return res.end();
  res.status(500).json({ error: { code: 'INTERNAL', message: 'Something went wrong.' } });
};

/**
 * The demo on Express 5: the shared route table through `rateLimit` from @rl/express, the seeds'
 * API, the SSE stream with its concurrency lease, health and the dashboard.
 *
 * @example
 * const demo = await createDemoContext('express', process.env)
 * createExpressApp(demo).listen(3000)
 */
export function createExpressApp(demo: DemoContext): Express {
  const app = express();
  app.disable('x-powered-by');
  const clientKey = clientKeyResolver(demo.network);
  const send = (res: express.Response, result: JsonResult) => res.status(result.status).json(result.body);

  app.get('/', (_req, res) => res.type('html').send(DASHBOARD_HTML));
  app.use('/api', jsonBody());
  app.use(rateLimit(demoLimitOptions<Request>(demo, (req) => (req.body as { email?: unknown } | undefined)?.email)));
  app.use('/api', rejectBadBody);

  app.post('/api/v1/converse/message', (req, res) => send(res, sendMessage(demo, req.body)));
  app.get('/api/v1/converse/stream', async (req, res) => {
    const query = new URL(req.originalUrl, 'http://demo.local').searchParams;
    sendStream(res, await openStream(demo, clientKey(view(req)), query));
  });
  app.post('/api/auth/login', (req, res) => send(res, logIn(demo, req.body)));
  app.get('/api/items', (_req, res) => send(res, listItems(demo)));
  app.post('/api/items', (req, res) => send(res, writeItem(demo, 'POST', undefined, req.body)));
  app.put('/api/items/:id', (req, res) => send(res, writeItem(demo, 'PUT', req.params.id, req.body)));
  app.delete('/api/items/:id', (req, res) => send(res, writeItem(demo, 'DELETE', req.params.id, req.body)));
  app.get('/api/public/*path', (req, res) => send(res, publicInfo(demo, req.path)));
  app.get('/api/metered', (req, res) => send(res, metered(demo, req.get('x-api-key'))));
  app.get('/api/health', async (_req, res) => send(res, await healthReport(demo)));
  app.get('/api/demo/state', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await demoState(demo, clientKey(view(req))));
  });
  app.use('/api', (req, res) => send(res, notFound(req.originalUrl.split('?')[0] ?? '')));
  app.use(onError);
  return app;
}
