import type { DemoContext } from '../config/context.ts';
import { accountKey } from '../config/routes.ts';
import { parseMessage, replyTo } from './converse.ts';

/** A JSON answer, whatever the framework sends it with. */
export interface JsonResult {
  readonly status: number;
  readonly body: unknown;
}

/** The password every demo account accepts (the login route exists to show its limits). */
export const DEMO_PASSWORD = 'demo';

const ITEMS = [
  { id: '1', name: 'Air', kind: 'element' },
  { id: '2', name: 'Fire', kind: 'element' },
  { id: '3', name: 'Water', kind: 'element' },
  { id: '4', name: 'Earth', kind: 'element' },
];

const error = (status: number, code: string, message: string): JsonResult => ({
  status,
  body: { error: { code, message } },
});

const served = (demo: DemoContext) => ({ server: demo.server, instance: demo.instance });

/**
 * `POST /api/v1/converse/message` (seed 000): `{"userText":"test","userId":"smoke","element":"air"}`
 * gets a reply in the element's voice.
 *
 * @example
 * sendMessage(demo, { userText: 'test' }) // { status: 200, body: { reply: 'Breathe out slowly. ...', ... } }
 */
export function sendMessage(demo: DemoContext, body: unknown): JsonResult {
  const input = parseMessage(body);
  if (typeof input === 'string') return error(400, 'INVALID_MESSAGE', input);
  return {
    status: 200,
    body: {
      reply: replyTo(input.userText, input.element),
      element: input.element,
      userId: input.userId,
      ...served(demo),
    },
  };
}

/** `POST /api/auth/login`: `{"email":"a@example.com","password":"demo"}`; any other password is a 401. */
export function logIn(demo: DemoContext, body: unknown): JsonResult {
  const { email, password } = (body ?? {}) as Record<string, unknown>;
  if (typeof email !== 'string' || email.trim() === '') {
    return error(400, 'INVALID_LOGIN', 'Send a JSON body such as {"email":"you@example.com","password":"demo"}.');
  }
  if (password !== DEMO_PASSWORD) return error(401, 'INVALID_CREDENTIALS', 'Wrong email or password.');
  return { status: 200, body: { ok: true, account: accountKey(email), ...served(demo) } };
}

/** `GET /api/items` (read preset). */
export function listItems(demo: DemoContext): JsonResult {
  return { status: 200, body: { items: ITEMS, ...served(demo) } };
}

/** `POST /api/items`, `PUT /api/items/:id`, `DELETE /api/items/:id` (write preset): echoes the change. */
export function writeItem(demo: DemoContext, method: string, id: string | undefined, body: unknown): JsonResult {
  if (method === 'DELETE') return { status: 200, body: { deleted: id ?? null, ...served(demo) } };
  const name = (body as { name?: unknown } | null)?.name;
  const item = { id: id ?? String(ITEMS.length + 1), name: typeof name === 'string' ? name.slice(0, 100) : 'New item' };
  return { status: method === 'POST' ? 201 : 200, body: { item, ...served(demo) } };
}

/** `GET /api/public/*` (public preset). */
export function publicInfo(demo: DemoContext, path: string): JsonResult {
  return {
    status: 200,
    body: { path, message: 'Public information: 10 requests per minute per IP.', ...served(demo) },
  };
}

/** `GET /api/metered` (per API key, `x-api-key`): the multi-instance proof's route. */
export function metered(demo: DemoContext, apiKey: string | undefined): JsonResult {
  return { status: 200, body: { ok: true, apiKey: apiKey ? 'present' : 'missing', ...served(demo) } };
}

/** Any other path under `/api`. */
export function notFound(path: string): JsonResult {
  return error(404, 'NOT_FOUND', `No route ${path.slice(0, 200)}.`);
}
